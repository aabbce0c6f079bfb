"""Checks a built liaison site's calendars with independent parsers.

Every `reception.ics` is parsed with `icalendar` and expanded with `recurring_ical_events`
(python-dateutil's RFC 5545 engine, not the Rust `rrule` crate the generator uses). For each
station, the dates the calendar yields from FIRST to LAST must equal the dates the station page
lists as held (its `ul.upcoming` items that are not cancelled), page parsed with html.parser.
Each region calendar must yield exactly the events of the station calendars below it.

usage: ics_check.py OUTPUT_DIR FIRST LAST      (dates as YYYY-MM-DD, both included)
Prints a summary; exits 1 with the differences when something does not match.
"""
import datetime as dt
import pathlib
import sys
from html.parser import HTMLParser

import icalendar
import recurring_ical_events


class Upcoming(HTMLParser):
    """The held dates of `ul.upcoming` on a page: (YYYY-MM-DD, HH:MM) of each item."""

    def __init__(self):
        super().__init__()
        self.depth_ul = 0
        self.item = None  # (classes, date, text)
        self.items = []
        self.in_when = False
        self.when_text = ""

    # Minified pages omit the end tags HTML lets go (</li>, </p>): a new <li> or the end of
    # the list ends an item, and a new <p> or <li> ends the "when" paragraph, as in HTML's own
    # parsing rules.
    def end_when(self):
        if self.in_when:
            self.in_when = False
            self.item["time"] = self.when_text

    def end_item(self):
        self.end_when()
        if self.item is not None:
            self.items.append(self.item)
            self.item = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag in ("p", "li", "ul"):
            self.end_when()
        if tag == "ul" and "upcoming" in classes:
            self.depth_ul += 1
        elif tag == "li" and self.depth_ul:
            self.end_item()
            self.item = {"classes": classes, "date": None, "time": ""}
        elif tag == "p" and self.item is not None and "when" in classes:
            self.in_when = True
            self.when_text = ""
        elif tag == "time" and self.item is not None and self.in_when and self.item["date"] is None:
            self.item["date"] = a.get("datetime")

    def handle_endtag(self, tag):
        if tag == "p":
            self.end_when()
        elif tag == "li":
            self.end_item()
        elif tag == "ul" and self.depth_ul:
            self.end_item()
            self.depth_ul -= 1

    def handle_data(self, data):
        if self.in_when:
            self.when_text += data


def page_dates(html):
    p = Upcoming()
    p.feed(html)
    held = []
    for it in p.items:
        if "cancelled" in it["classes"]:
            continue
        start = it["time"].split("–")[0].strip()[-5:]
        held.append((it["date"], start))
    return sorted(held)


def calendar_events(path, first, last):
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    out = []
    for ev in recurring_ical_events.of(cal).between(first, last + dt.timedelta(days=1)):
        if str(ev.get("STATUS", "")).upper() == "CANCELLED":
            continue
        start = ev.decoded("DTSTART")
        out.append((str(ev.get("UID")), start.date().isoformat(), start.strftime("%H:%M")))
    return sorted(out)


def check_lines(path, problems):
    raw = path.read_bytes()
    if b"\n" in raw.replace(b"\r\n", b""):
        problems.append(f"{path}: a line ends without CR LF")
    for n, line in enumerate(raw.split(b"\r\n"), 1):
        if len(line) > 75:
            problems.append(f"{path}:{n}: line of {len(line)} octets (more than 75)")


def main():
    out = pathlib.Path(sys.argv[1])
    first = dt.date.fromisoformat(sys.argv[2])
    last = dt.date.fromisoformat(sys.argv[3])
    problems = []
    by_uid = {}
    stations = sorted(out.glob("stations/*/reception.ics"))
    held_total = 0
    for ics in stations:
        check_lines(ics, problems)
        events = calendar_events(ics, first, last)
        for e in events:
            by_uid.setdefault(e[0], []).append(e)
        from_ics = sorted((d, t) for _, d, t in events)
        from_page = page_dates((ics.parent / "index.html").read_text("utf-8"))
        held_total += len(from_page)
        if from_ics != from_page:
            problems.append(f"{ics.parent.name}: calendar {from_ics} != page {from_page}")
    # stations whose page lists dates must have a calendar
    for page in sorted(out.glob("stations/*/index.html")):
        if not (page.parent / "reception.ics").exists() and page_dates(page.read_text("utf-8")):
            problems.append(f"{page.parent.name}: lists reception days but has no calendar")
    regions = sorted(out.glob("regions/*/reception.ics"))
    for ics in regions:
        check_lines(ics, problems)
        events = calendar_events(ics, first, last)
        for uid, d, t in events:
            if (uid, d, t) not in by_uid.get(uid, []):
                problems.append(f"{ics.parent.name}: {uid} {d} {t} is in no station calendar")
    print(f"{len(stations)} station calendars, {len(regions)} region calendars, {held_total} held dates checked")
    if problems:
        print("\n".join(problems))
        sys.exit(1)


if __name__ == "__main__":
    main()
