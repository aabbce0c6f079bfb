#!/usr/bin/env python3
"""Save-to-served latency of `liaison serve` for one representative edit.

Starts `liaison serve` on a site (for example one made by the shared bench's gen.py), changes
one representative's `unit`, and measures two times from the file's rename into place: until
the representative's page is served with the change, and until the search index (made in the
background after each rebuild) is current again, as `/__liaison/status` counts it. Repeats
RUNS times and prints the medians; each edit starts once the pages and the index of the last
one are done.

usage: serve-latency.py LIAISON SITE [RUNS]
"""
import json, pathlib, re, socket, statistics, subprocess, sys, time, urllib.request

liaison, site, runs = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 5
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
proc = subprocess.Popen([liaison, "--root", str(site), "serve", "--port", str(port), "--date", "2024-07-01"] + sys.argv[4:])

def get(path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return None

try:
    start = time.time()
    while get("/") is None:
        time.sleep(0.2)
    print(f"first build served after {time.time() - start:.1f} s")
    rep = sorted((site / "content/representatives").glob("*.md"))[len(list((site / "content/representatives").glob("*.md"))) // 2]
    url = f"/representatives/{rep.stem}/"
    original = rep.read_text("utf-8")
    def status():
        return json.loads(get("/__liaison/status") or "{}")

    def searches():
        return status().get("searches", 0)

    def settle(before):
        while searches() <= before:
            time.sleep(0.2)

    def rebuilt(before):
        while status().get("builds", 0) <= before:
            time.sleep(0.05)

    settle(0)
    print(f"search index ready after {time.time() - start:.1f} s")
    times, search_times = [], []
    for i in range(runs):
        before, builds = searches(), status().get("builds", 0)
        marker = f"基准测试单位{i}号"
        text = re.sub(r'^unit = .*$', f'unit = "{marker}"', original, flags=re.M) if "\nunit = " in original \
            else original.replace("+++\n", f'+++\nunit = "{marker}"\n', 1)
        tmp = rep.with_suffix(".md.tmp~")
        tmp.write_text(text, "utf-8")
        t0 = time.time()
        tmp.rename(rep)
        while marker not in (get(url) or ""):
            time.sleep(0.01)
        times.append(time.time() - t0)
        settle(before)
        search_times.append(time.time() - t0)
        # the next edit waits for both: the index can be current before the last list page is
        rebuilt(builds)
        print(f"run {i + 1}: page {times[-1] * 1000:.0f} ms, search index {search_times[-1]:.1f} s")
    rep.write_text(original, "utf-8")
    print(f"median save-to-served latency: {statistics.median(times) * 1000:.0f} ms over {runs} edits of {url}")
    print(f"median save-to-search-current latency: {statistics.median(search_times):.1f} s")
finally:
    proc.terminate()
    proc.wait()
