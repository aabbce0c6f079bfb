//! `liaison serve`: builds the site into memory, serves it on 127.0.0.1, rebuilds when a file
//! of the site changes, and tells open pages to reload (Server-Sent Events). When an edit
//! breaks the content, the last good site stays served and pages show the diagnostics in an
//! overlay until the next good save.
//!
//! HTTP is axum on tokio; file watching is `notify`, debounced so that an editor's burst of
//! writes on save is one rebuild. The live-reload script is added to HTML only as it
//! is served, never to `liaison build` output.

mod http;
mod watch;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use crate::error::{Doing, Error};
use crate::output::Body;
use crate::output::Origin;
use crate::today::Today;

pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub open: bool,
    pub today: Today,
    pub quiet: bool,
    /// Print the time each step of a rebuild takes.
    pub verbose: bool,
}

/// What is being served: the last good build, and the problems of the last build if it failed.
#[derive(Default)]
pub(crate) struct Served {
    pub(crate) files: HashMap<String, Arc<Vec<u8>>>,
    /// `path:line:column: message` lines of the last failed build; `None` after a good one.
    pub(crate) error: Option<String>,
    /// Good builds so far (the first one included).
    pub(crate) builds: u64,
    /// Search indexes swapped in so far.
    pub(crate) searches: u64,
}

pub(crate) type Shared = Arc<RwLock<Served>>;

/// The bytes of an output file.
pub(crate) fn body_bytes(body: &Body) -> Result<Vec<u8>, Error> {
    Ok(match body {
        Body::Bytes(b) => b.clone(),
        Body::Copy(Origin::BuiltIn(b)) => b.to_vec(),
        Body::Copy(Origin::File(p)) => std::fs::read(p).map_err(Error::io(Doing::Read, p))?,
    })
}

/// Diagnostics as the terminal and the overlay show them, one per line.
pub(crate) fn lines(d: crate::diag::Diagnostics) -> String {
    d.into_sorted()
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs until the process is stopped.
pub fn serve(opts: ServeOptions) -> Result<(), Error> {
    let listen = |source| Error::Listen {
        port: opts.port,
        source,
    };
    let listener = std::net::TcpListener::bind(("127.0.0.1", opts.port)).map_err(listen)?;
    let addr = listener.local_addr().map_err(listen)?;
    let base_url = format!("http://{addr}");
    let shared: Shared = Arc::new(RwLock::new(Served::default()));
    let (tx, _) = tokio::sync::broadcast::channel::<watch::Event>(16);

    watch::start(&opts, base_url.clone(), shared.clone(), tx.clone())?;

    if !opts.quiet {
        eprintln!("serving {base_url}/ — press Ctrl-C to stop");
    }
    if opts.open
        && let Err(e) = open::that(format!("{base_url}/"))
    {
        eprintln!("error: could not open a browser ({e}); open {base_url}/ in one yourself");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(listen)?;
    runtime.block_on(http::run(listener, shared, tx))
}
