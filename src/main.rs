//! The `liaison` command line: parses arguments and calls one library function per command.

use std::io::IsTerminal;

/// mimalloc: a build makes and frees millions of small strings, and on many threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use liaison::diag::Diagnostics;
use liaison::{BuildOptions, Today};

#[derive(Parser)]
#[command(
    name = "liaison",
    version,
    about = "Builds the website of People's Congress representative liaison stations (人大代表联络站)",
    after_help = "Examples:\n  liaison build\n  liaison serve --open\n  liaison check\n  liaison new station shuikouzhen-daping-area\n  liaison import bulletin 第19期.txt"
)]
struct Cli {
    /// The site's folder (the one with site.toml)
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Print only problems
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

/// `--verbose`, on the commands that build.
#[derive(clap::Args)]
struct Timings {
    /// Print the time each step takes, and the peak memory
    #[arg(long, short, visible_alias = "timings", conflicts_with = "quiet")]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (or --output)
    #[command(
        after_help = "Examples:\n  liaison build\n  liaison build --date 2026-07-01 --output /srv/www/rd\n  liaison --root mysite build --base-url https://rd.example.gov.cn"
    )]
    Build {
        /// Where to write the site (default: <root>/public)
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Override base_url from site.toml
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// "Today" for reception dates (default: SOURCE_DATE_EPOCH, else the clock)
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
        #[command(flatten)]
        timings: Timings,
    },
    /// Check all content and every internal link, without writing anything
    #[command(after_help = "Examples:\n  liaison check\n  liaison --root mysite check")]
    Check {
        /// "Today" for reception dates
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
        /// Also write FILE, a CSV of what is incomplete but not wrong (regions no station
        /// serves, stations without a schedule, phone or location, representatives without a
        /// public contact)
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
        #[command(flatten)]
        timings: Timings,
    },
    /// Serve the site on 127.0.0.1, rebuild when files change, and reload open pages
    #[command(after_help = "Examples:\n  liaison serve\n  liaison serve --port 8080 --open")]
    Serve {
        /// The port (0: any free port)
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Open the site in the browser
        #[arg(long)]
        open: bool,
        /// "Today" for reception dates
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
        #[command(flatten)]
        timings: Timings,
    },
    /// Write a new content file with every key, ready to fill in
    #[command(
        after_help = "Examples:\n  liaison new station shuikouzhen-daping-area\n  liaison new representative zhang-wei\n  liaison new bulletin          (the next issue of this year)\n  liaison new page about"
    )]
    New {
        /// station, representative, bulletin or page
        #[arg(value_parser = ["station", "representative", "bulletin", "page"])]
        kind: String,
        /// The file name (lowercase letters, digits and -); not needed for a bulletin
        name: Option<String>,
        /// "Today", for a bulletin's year and date
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
    },
    /// Turn documents as the issuing office distributes them into content files
    #[command(
        after_help = "Examples:\n  liaison import bulletin 联络动态第19期.txt\n  liaison import bulletin --force issues/*.md\n  liaison import roster 代表名册.xlsx --dry-run\n  liaison import roster 联络站名册.csv"
    )]
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Write today's content as a spreadsheet that `import roster` reads back
    #[command(
        after_help = "Examples:\n  liaison export roster 代表名册.xlsx\n  liaison export roster --stations 联络站名册.xlsx"
    )]
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
}

#[derive(Subcommand)]
enum ExportWhat {
    /// The representatives (or, with --stations, the stations) as an .xlsx roster
    Roster {
        /// The .xlsx file to write
        file: PathBuf,
        /// The stations instead of the representatives
        #[arg(long)]
        stations: bool,
        /// The date in the sheet's title and properties
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// 《联络动态》 issues (plain text or Markdown extracted from the PDF)
    Bulletin {
        /// The documents
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Overwrite existing issues
        #[arg(long)]
        force: bool,
    },
    /// A roster (名册) of representatives or stations: .xlsx or .csv
    Roster {
        /// The spreadsheet
        file: PathBuf,
        /// Print what would change, and write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

/// The process's peak resident memory in bytes (Linux: `VmHWM` in /proc/self/status).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn today(date: Option<NaiveDate>) -> Result<Today, String> {
    if let Some(d) = date {
        return Ok(Today::Date(d));
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) if !s.trim().is_empty() => s
            .trim()
            .parse::<i64>()
            .map(Today::Epoch)
            .map_err(|_| format!("SOURCE_DATE_EPOCH must be a number of seconds, found `{s}`")),
        _ => Ok(Today::Now),
    }
}

/// Colour on a terminal unless NO_COLOR is set.
fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn error(msg: &str) {
    if color() {
        eprintln!("\x1b[1;31merror\x1b[0m: {msg}");
    } else {
        eprintln!("error: {msg}");
    }
}

fn report(diags: Diagnostics, what: &str) -> ExitCode {
    let list = diags.into_sorted();
    for d in &list {
        eprintln!("{d}");
    }
    error(&format!(
        "{} problem{} found; {what}",
        list.len(),
        if list.len() == 1 { "" } else { "s" }
    ));
    ExitCode::FAILURE
}

/// Each thread's stack: rendering, minifying and checking a page walk its HTML recursively.
/// Content nesting is bounded (`markdown::MAX_DEPTH`); this leaves a wide margin beyond it.
const STACK: usize = 16 << 20;

fn main() -> ExitCode {
    // No transparent huge pages for this process: mimalloc asks for them, and the kernel then
    // zeroes 2 MiB at every first touch of a page that mimalloc gave back and takes again. At
    // city scale that was a tenth of the build's samples (`clear_page_erms`); with 4 KiB pages
    // a build is faster and peaks lower (docs/performance.md). Nothing depends on it working.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    for (key, value) in liaison::indexer_environment() {
        // SAFETY: the first thing the program does: no other thread exists yet that could read
        // the environment while it is written.
        unsafe { std::env::set_var(key, value) };
    }
    let cli = Cli::parse();
    let _ = rayon::ThreadPoolBuilder::new().stack_size(STACK).build_global();
    let (quiet, root) = (cli.quiet, cli.root);
    match cli.command {
        Command::Build {
            output,
            base_url,
            date,
            timings,
        } => run_build(root, output, base_url, date, Mode::Build, quiet, timings.verbose),
        Command::Check { date, report, timings } => {
            run_build(root, None, None, date, Mode::Check(report), quiet, timings.verbose)
        }
        Command::Serve {
            port,
            open,
            date,
            timings,
        } => {
            let verbose = timings.verbose;
            let today = match today(date) {
                Ok(t) => t,
                Err(e) => {
                    error(&e);
                    return ExitCode::from(2);
                }
            };
            match liaison::serve::serve(liaison::serve::ServeOptions {
                root,
                port,
                open,
                today,
                quiet,
                verbose,
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    error(&e.to_string());
                    ExitCode::FAILURE
                }
            }
        }
        Command::New { kind, name, date } => {
            let today = date.unwrap_or_else(|| chrono::Local::now().date_naive());
            let Some(kind) = liaison::scaffold::Kind::parse(&kind) else {
                error("the kind must be station, representative, bulletin or page");
                return ExitCode::from(2);
            };
            match liaison::scaffold::create(&root, kind, name.as_deref(), today) {
                Ok(path) => {
                    println!("{}", root.join(path).display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    error(&e.to_string());
                    ExitCode::FAILURE
                }
            }
        }
        Command::Import { what } => run_import(&root, what),
        Command::Export {
            what: ExportWhat::Roster { file, stations, date },
        } => run_export(&root, &file, stations, date),
    }
}

fn run_import(root: &std::path::Path, what: ImportWhat) -> ExitCode {
    match what {
        ImportWhat::Roster { file, dry_run } => match liaison::roster::import(root, &file, dry_run) {
            Ok(summary) => {
                // a closed pipe (`| head`) is no failure of the import, which is done
                let _ = write!(std::io::stdout().lock(), "{summary}");
                ExitCode::SUCCESS
            }
            Err(diags) => report(diags, "nothing was written"),
        },
        ImportWhat::Bulletin { files, force } => match liaison::import::import_files(root, &files, force) {
            Ok(paths) => {
                for p in paths {
                    println!("{}", root.join(p).display());
                }
                ExitCode::SUCCESS
            }
            Err(failures) => {
                for (file, why) in &failures {
                    error(&format!("{}: {why}", file.display()));
                }
                ExitCode::FAILURE
            }
        },
    }
}

fn run_export(root: &std::path::Path, file: &std::path::Path, stations: bool, date: Option<NaiveDate>) -> ExitCode {
    let what = if stations {
        liaison::roster::Export::Stations
    } else {
        liaison::roster::Export::Representatives
    };
    let today = date.unwrap_or_else(|| chrono::Local::now().date_naive());
    match liaison::roster::export(root, file, what, today) {
        Ok(n) => {
            println!("wrote {n} rows to {}", file.display());
            ExitCode::SUCCESS
        }
        Err(diags) => report(diags, "nothing was written"),
    }
}

/// What `run_build` is for: `build`, or `check` (with the report file, if asked).
enum Mode {
    Build,
    Check(Option<PathBuf>),
}

fn run_build(
    root: PathBuf,
    output: Option<PathBuf>,
    base_url: Option<String>,
    date: Option<NaiveDate>,
    mode: Mode,
    quiet: bool,
    verbose: bool,
) -> ExitCode {
    let today = match today(date) {
        Ok(t) => t,
        Err(e) => {
            error(&e);
            return ExitCode::from(2);
        }
    };
    let opts = BuildOptions {
        root,
        output,
        base_url,
        today,
        write: matches!(mode, Mode::Build),
        report: match &mode {
            Mode::Check(r) => r.clone(),
            Mode::Build => None,
        },
    };
    let write = opts.write;
    // A progress bar on a terminal only (indicatif draws nothing when stderr is not one).
    let bar = if quiet {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(0)
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} pages")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let result = liaison::build_with_progress(&opts, &progress);
    bar.finish_and_clear();
    match result {
        Ok(r) => {
            if verbose {
                print_timings(&r);
            }
            if !quiet {
                print_summary(&r, write);
            }
            ExitCode::SUCCESS
        }
        Err(d) => report(d, if write { "nothing was written" } else { "see above" }),
    }
}

/// `--verbose`: the time each step took, and the peak memory.
fn print_timings(r: &liaison::Report) {
    let mut prev = 0.0;
    for (phase, t) in r.timings.phases() {
        eprintln!("  {:<26} {:>7.3} s", phase.label(), t - prev);
        prev = t;
        if phase == liaison::timings::Phase::Render {
            let (templates, search) = r.timings.thread_time();
            eprintln!(
                "    thread time: pages {templates:.3} s, search index {search:.3} s on {} threads",
                rayon::current_num_threads()
            );
            for (name, t) in r.timings.per_template() {
                eprintln!(
                    "      {name:<28} {:>7} pages  context {:>7.3} s  template {:>7.3} s",
                    t.pages, t.context, t.render
                );
            }
        }
    }
    if let Some(peak) = peak_memory() {
        eprintln!(
            "  peak memory                {:>7.0} MiB",
            peak as f64 / 1024.0 / 1024.0
        );
    }
}

/// The line a build or a check ends with.
fn print_summary(r: &liaison::Report, write: bool) {
    if write && r.unchanged {
        eprintln!(
            "nothing changed since the last build: {} pages ({} files) in {} are up to date ({:.2} s)",
            r.pages,
            r.files,
            r.output.display(),
            r.seconds
        );
    } else if write {
        eprintln!(
            "built {} pages ({} files) into {} in {:.2} s",
            r.pages,
            r.files,
            r.output.display(),
            r.seconds
        );
    } else {
        eprintln!(
            "checked {} pages and their links in {:.2} s: no problems",
            r.pages, r.seconds
        );
    }
}
