//! Writing the site: everything goes into a temporary folder beside the output and is swapped
//! in only when all of it was written, so a failed build leaves the previous site untouched.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub mod assets;
pub mod stamp;

/// Where a template or static file came from.
#[derive(Debug, Clone)]
pub enum Origin {
    BuiltIn(&'static [u8]),
    File(PathBuf),
}

/// One file of the output.
pub enum Body {
    Bytes(Vec<u8>),
    Copy(Origin),
}

/// The whole output, keyed by path relative to the output folder (sorted).
pub type Output = BTreeMap<String, Body>;

/// Minifies a page with minify-html, configured to keep the output valid HTML: attribute
/// values that need quotes keep them, attributes stay apart, character references stay whole
/// (its "possibly non-compliant" shortcuts are all off). Optional end tags (`</li>`, `</p>`)
/// are dropped, as HTML allows.
pub fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_html_and_head_opening_tags: true,
        minify_css: true,
        minify_js: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html, &cfg)
}

/// Why an output folder may not be used.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<PathBuf, String> {
    let root = root
        .canonicalize()
        .map_err(|e| format!("cannot resolve the site folder: {e}"))?;
    let abs = absolute(out)?;
    for protected in [
        root.clone(),
        root.join("content"),
        root.join("static"),
        root.join("templates"),
        root.join("themes"),
    ] {
        if protected.starts_with(&abs) {
            return Err(format!(
                "refusing to write the site into {}: it is or contains {}",
                out.display(),
                if protected == root {
                    "the site folder".to_string()
                } else {
                    protected
                        .strip_prefix(&root)
                        .map(|p| p.display().to_string() + "/")
                        .unwrap_or_default()
                }
            ));
        }
        if protected != root && abs.starts_with(&protected) {
            return Err(format!(
                "refusing to write the site into {}: it is inside the site's sources",
                out.display()
            ));
        }
    }
    // Only a folder, or nothing: never a file, a device, a FIFO or a socket.
    match fs::metadata(&abs) {
        Ok(m) if m.is_dir() => {}
        Ok(m) => {
            return Err(format!(
                "{} is {}, not a folder: give a folder (new or holding a built site)",
                out.display(),
                kind_of(&m)
            ));
        }
        Err(_) => {}
    }
    if abs.is_dir() {
        let mut entries = fs::read_dir(&abs).map_err(|e| format!("cannot read {}: {e}", out.display()))?;
        let empty = entries.next().is_none();
        if !empty && !abs.join("index.html").is_file() && !abs.join("404.html").is_file() {
            return Err(format!(
                "refusing to replace {}: it is not empty and does not look like a built site (no index.html)",
                out.display()
            ));
        }
    }
    Ok(abs)
}

/// What a file that is not a folder is, in words.
fn kind_of(m: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if m.is_file() { "a file" } else { "not a folder" }
}

/// An absolute, normalized path whose parent exists or can be resolved.
fn absolute(p: &Path) -> Result<PathBuf, String> {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().map_err(|e| e.to_string())?.join(p)
    };
    if let Ok(c) = p.canonicalize() {
        return Ok(c);
    }
    let name = p
        .file_name()
        .ok_or_else(|| format!("{} is not a folder name", p.display()))?;
    let parent = p
        .parent()
        .ok_or_else(|| "the output folder has no parent".to_string())?;
    fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    let parent = parent
        .canonicalize()
        .map_err(|e| format!("cannot resolve {}: {e}", parent.display()))?;
    Ok(parent.join(name))
}

fn write_all(dir: &Path, files: &Output) -> io::Result<()> {
    let mut dirs: Vec<PathBuf> = files
        .keys()
        .filter_map(|k| Path::new(k).parent().map(|p| dir.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in dirs {
        fs::create_dir_all(d)?;
    }
    files.par_iter().try_for_each(|(rel, body)| {
        let dest = dir.join(rel);
        match body {
            Body::Bytes(b) => fs::write(dest, b),
            Body::Copy(Origin::BuiltIn(b)) => fs::write(dest, b),
            Body::Copy(Origin::File(src)) => fs::copy(src, dest).map(|_| ()),
        }
    })
}

/// Where a build puts its scratch folders: beside the output, on the same file system, so
/// that the new output can be renamed into place; inside the output when the output is a mount
/// point (a volume of its own, which cannot be renamed).
#[derive(Debug, Clone)]
struct Place {
    /// The folder the scratch folders are in.
    dir: PathBuf,
    /// `.<output name>.` beside the output, `.` inside it.
    prefix: String,
    /// Whether the output's contents are swapped rather than the folder itself.
    contents: bool,
}

impl Place {
    fn of(out: &Path) -> Result<Place, String> {
        let parent = out.parent().ok_or("the output folder has no parent")?;
        let name = out
            .file_name()
            .ok_or("the output folder has no name")?
            .to_string_lossy()
            .into_owned();
        if is_mount_point(out, parent) {
            Ok(Place {
                dir: out.to_path_buf(),
                prefix: ".".into(),
                contents: true,
            })
        } else {
            Ok(Place {
                dir: parent.to_path_buf(),
                prefix: format!(".{name}."),
                contents: false,
            })
        }
    }

    /// `<prefix>liaison-<what>-<pid>`
    fn folder(&self, what: &str, pid: u32) -> PathBuf {
        self.dir.join(format!("{}liaison-{what}-{pid}", self.prefix))
    }

    /// The process id in the name of one of this place's scratch folders.
    fn pid_of(&self, name: &str) -> Option<u32> {
        let rest = name.strip_prefix(&self.prefix)?.strip_prefix("liaison-")?;
        let (_, pid) = rest.split_once('-')?;
        (["new-", "old-"].iter().any(|w| rest.starts_with(w))).then_some(())?;
        pid.parse().ok()
    }
}

/// Whether `out` is on another file system than its parent.
fn is_mount_point(out: &Path, parent: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(out), fs::metadata(parent)) {
            (Ok(o), Ok(p)) => o.is_dir() && o.dev() != p.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (out, parent);
        false
    }
}

/// Whether a process of this id is running (a build that was killed is not).
pub fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        match i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) {
            Some(p) => !matches!(rustix::process::test_kill_process(p), Err(e) if e == rustix::io::Errno::SRCH),
            None => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// The process of `.liaison-search-<pid>-<n>`: the search indexer's input folder that builds
/// of earlier versions made beside the output (and left behind when killed).
fn old_search_input(name: &str) -> Option<u32> {
    let (pid, n) = name.strip_prefix(".liaison-search-")?.split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Removes the scratch folders that builds killed before they finished left in `place`
/// (their process is gone). If a build was killed in the middle of swapping its output in,
/// so that the output is missing and the previous one is aside, the previous one is put back.
fn remove_stale(place: &Place, out: &Path) {
    let Ok(entries) = fs::read_dir(&place.dir) else { return };
    let mut stale: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let pid = place.pid_of(&name).or_else(|| old_search_input(&name))?;
            (pid != std::process::id() && !process_alive(pid)).then(|| e.path())
        })
        .collect();
    stale.sort();
    if !place.contents
        && !out.exists()
        && let Some(old) = stale.iter().position(|p| p.to_string_lossy().contains(".liaison-old-"))
    {
        let old = stale.remove(old);
        let _ = fs::rename(&old, out);
    }
    for dir in stale {
        let _ = fs::remove_dir_all(dir);
    }
}

/// A new output being written into a temporary folder beside the real one. Pages can be
/// written as they are rendered ([`Staging::write`], from any thread), so that a build holds
/// no more than the pages in flight; [`Staging::commit`] swaps the folder in with one atomic
/// exchange of names (two renames where the system has no exchange). An output folder that is
/// a mount point has its contents swapped instead. Dropped without a commit, it removes the
/// temporary folder and the previous output stays. A build that is killed leaves its folder
/// behind; the next build removes it.
pub struct Staging {
    tmp: PathBuf,
    out: PathBuf,
    place: Place,
    committed: bool,
}

impl Staging {
    /// Starts a new output for `out` (already checked with [`check_output_dir`]).
    pub fn new(out: &Path) -> Result<Staging, String> {
        let place = Place::of(out)?;
        remove_stale(&place, out);
        let tmp = place.folder("new", std::process::id());
        let _ = fs::remove_dir_all(&tmp);
        fs::create_dir_all(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
        Ok(Staging {
            tmp,
            out: out.to_path_buf(),
            place,
            committed: false,
        })
    }

    /// Writes one file (path relative to the output folder).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        let dest = self.tmp.join(rel);
        let wrote = fs::write(&dest, bytes).or_else(|e| match dest.parent() {
            Some(dir) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(dir)?;
                fs::write(&dest, bytes)
            }
            _ => Err(e),
        });
        wrote.map_err(|e| format!("writing the site failed, the previous output is untouched: {rel}: {e}"))
    }

    /// Writes a set of files.
    pub fn write_files(&self, files: &Output) -> Result<(), String> {
        write_all(&self.tmp, files)
            .map_err(|e| format!("writing the site failed, the previous output is untouched: {e}"))
    }

    /// Puts the new output in place of the old one.
    pub fn commit(mut self) -> Result<(), String> {
        if self.place.contents {
            self.swap_contents()?;
        } else {
            self.swap_folder()?;
        }
        self.committed = true;
        Ok(())
    }

    fn swap_folder(&self) -> Result<(), String> {
        let out = &self.out;
        if out.exists() {
            #[cfg(target_os = "linux")]
            {
                use rustix::fs::{CWD, RenameFlags, renameat_with};
                if renameat_with(CWD, &self.tmp, CWD, out, RenameFlags::EXCHANGE).is_ok() {
                    // The previous output now has the temporary name.
                    let _ = fs::remove_dir_all(&self.tmp);
                    return Ok(());
                }
            }
            let old = self.place.folder("old", std::process::id());
            let _ = fs::remove_dir_all(&old);
            fs::rename(out, &old).map_err(|e| format!("cannot move the previous output aside: {e}"))?;
            if let Err(e) = fs::rename(&self.tmp, out) {
                let _ = fs::rename(&old, out);
                return Err(format!("cannot move the new output into place: {e}"));
            }
            let _ = fs::remove_dir_all(&old);
            return Ok(());
        }
        fs::rename(&self.tmp, out).map_err(|e| format!("cannot move the new output into place: {e}"))
    }

    /// For an output folder that is a mount point: its entries are moved aside into a scratch
    /// folder inside it, the new ones moved in, and the old ones removed.
    fn swap_contents(&self) -> Result<(), String> {
        let old = self.place.folder("old", std::process::id());
        let _ = fs::remove_dir_all(&old);
        fs::create_dir(&old).map_err(|e| format!("cannot make room in {}: {e}", self.out.display()))?;
        let mine = |name: &str| self.place.pid_of(name).is_some();
        let entries = |dir: &Path| -> Result<Vec<std::ffi::OsString>, String> {
            let mut v: Vec<_> = fs::read_dir(dir)
                .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
                .flatten()
                .map(|e| e.file_name())
                .filter(|n| !mine(&n.to_string_lossy()))
                .collect();
            v.sort();
            Ok(v)
        };
        for name in entries(&self.out)? {
            fs::rename(self.out.join(&name), old.join(&name))
                .map_err(|e| format!("cannot move the previous output aside: {e}"))?;
        }
        for name in entries(&self.tmp)? {
            fs::rename(self.tmp.join(&name), self.out.join(&name))
                .map_err(|e| format!("cannot move the new output into place: {e}"))?;
        }
        let _ = fs::remove_dir_all(&self.tmp);
        let _ = fs::remove_dir_all(&old);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_names_carry_the_process() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let place = Place::of(&out).unwrap();
        assert!(!place.contents);
        assert_eq!(place.folder("new", 42), dir.path().join(".public.liaison-new-42"));
        assert_eq!(place.pid_of(".public.liaison-old-42"), Some(42));
        assert_eq!(place.pid_of(".public.liaison-cache-42"), None);
        assert_eq!(place.pid_of(".other.liaison-new-42"), None);
        assert!(process_alive(std::process::id()));
    }

    #[test]
    fn a_killed_swap_gets_the_previous_output_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        // A process id that is not running: the largest Linux allows is 2^22.
        let dead = (4_000_000..4_194_304).find(|&p| !process_alive(p)).unwrap();
        let old = dir.path().join(format!(".public.liaison-old-{dead}"));
        let new = dir.path().join(format!(".public.liaison-new-{dead}"));
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("index.html"), "previous").unwrap();
        fs::create_dir_all(&new).unwrap();
        let unrelated = dir.path().join(".public.notes");
        fs::create_dir_all(&unrelated).unwrap();
        remove_stale(&Place::of(&out).unwrap(), &out);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "previous");
        assert!(!old.exists() && !new.exists() && unrelated.exists());
    }
}
