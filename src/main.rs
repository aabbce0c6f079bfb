//! The `liaison` command line: parses arguments and calls one library function per command.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use liaison::{BuildOptions, Today, build, diag::Diagnostics};

#[derive(Parser)]
#[command(
    name = "liaison",
    version,
    about = "Builds the website of People's Congress representative liaison stations (人大代表联络站)"
)]
struct Cli {
    /// The site's folder (the one with site.toml)
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
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
    },
    /// Check all content without writing anything
    #[command(after_help = "Examples:\n  liaison check\n  liaison --root mysite check")]
    Check {
        /// "Today" for reception dates
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
    },
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

fn report(diags: Diagnostics) -> ExitCode {
    let list = diags.into_sorted();
    for d in &list {
        eprintln!("{d}");
    }
    eprintln!(
        "error: {} problem{} found; nothing was written",
        list.len(),
        if list.len() == 1 { "" } else { "s" }
    );
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (date, output, base_url, write) = match cli.command {
        Command::Build { output, base_url, date } => (date, output, base_url, true),
        Command::Check { date } => (date, None, None, false),
    };
    let today = match today(date) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let opts = BuildOptions {
        root: cli.root,
        output,
        base_url,
        today,
        write,
    };
    match build(&opts) {
        Ok(r) if write => {
            if std::env::var_os("LIAISON_TIMINGS").is_some() {
                let mut prev = 0.0;
                for (name, t) in &r.phases {
                    eprintln!("  {name:<26} {:>7.3} s", t - prev);
                    prev = *t;
                }
            }
            eprintln!(
                "built {} pages ({} files) into {} in {:.2} s",
                r.pages,
                r.files,
                r.output.display(),
                r.seconds
            );
            ExitCode::SUCCESS
        }
        Ok(r) => {
            eprintln!("checked: {} pages, no problems", r.pages);
            ExitCode::SUCCESS
        }
        Err(d) => report(d),
    }
}
