//! The HTTP side of `serve`: files from memory with their content types, the 404 page with
//! status 404, and the live-reload endpoints under `/__liaison/`.

use std::convert::Infallible;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::Shared;
use super::watch::Event;
use crate::error::Error;
use crate::url;

#[derive(Clone)]
struct App {
    shared: Shared,
    tx: tokio::sync::broadcast::Sender<Event>,
}

const LIVE_JS: &str = include_str!("live.js");
/// The live-reload script's element, added before `</body>` of every page served.
fn hook() -> Vec<u8> {
    format!("<script src=\"{}\"></script>", url::live_script()).into_bytes()
}

pub(crate) async fn run(
    listener: std::net::TcpListener,
    shared: Shared,
    tx: tokio::sync::broadcast::Sender<Event>,
) -> Result<(), Error> {
    let port = listener.local_addr().map_or(0, |a| a.port());
    let listen = |source| Error::Listen { port, source };
    listener.set_nonblocking(true).map_err(listen)?;
    let listener = tokio::net::TcpListener::from_std(listener).map_err(listen)?;
    let app = Router::new()
        .route(
            &url::live_script(),
            get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], LIVE_JS) }),
        )
        .route(&url::live_events(), get(events))
        .route(&url::live_status(), get(status))
        .fallback(file)
        .with_state(App { shared, tx });
    axum::serve(listener, app).await.map_err(listen)
}

/// The content type of a file by its name.
pub(crate) fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("");
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if path.ends_with("atom.xml") => "application/atom+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The HTML with the live-reload script before `</body>` (or at the end).
pub(crate) fn with_hook(html: &[u8]) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let hook = hook();
    let mut out = Vec::with_capacity(html.len() + hook.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(&hook);
    out.extend_from_slice(&html[at..]);
    out
}

fn respond(status: StatusCode, path: &str, bytes: &[u8]) -> Response {
    let ty = content_type(path);
    let body = if ty.starts_with("text/html") {
        with_hook(bytes)
    } else {
        bytes.to_vec()
    };
    let mut r = (status, body).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(ty));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

async fn file(State(app): State<App>, req: Request) -> Response {
    let raw = req.uri().path();
    let path = percent_decode(raw);
    let Ok(served) = app.shared.read() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let key = url::file_for(&path);
    if let Some(bytes) = served.files.get(&key) {
        return respond(StatusCode::OK, &key, bytes);
    }
    // /stations/x → /stations/x/ when that is a page
    if served
        .files
        .contains_key(&url::file_for(&format!("{}/", path.trim_end_matches('/'))))
    {
        let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
        if let Ok(v) = HeaderValue::from_str(&redirect_target(raw)) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    let not_found = url::file_for(&url::not_found());
    match served.files.get(&not_found) {
        Some(bytes) => respond(StatusCode::NOT_FOUND, &not_found, bytes),
        None => respond(StatusCode::NOT_FOUND, "404.txt", "not found".as_bytes()),
    }
}

/// Where `/x` is redirected: `/x/`, always a path on this server. Leading slashes and
/// backslashes are one slash, so that `//evil.example` (which a browser reads as another
/// host) never becomes a `Location`.
fn redirect_target(raw: &str) -> String {
    format!("/{}/", raw.trim_start_matches(['/', '\\']))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn status(State(app): State<App>) -> Response {
    let (error, builds, searches) = match app.shared.read() {
        Ok(s) => (s.error.clone(), s.builds, s.searches),
        Err(_) => (None, 0, 0),
    };
    let mut r = serde_json::json!({ "error": error, "builds": builds, "searches": searches })
        .to_string()
        .into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

async fn events(State(app): State<App>) -> Sse<impl tokio_stream::Stream<Item = Result<SseEvent, Infallible>>> {
    let stream = BroadcastStream::new(app.tx.subscribe()).filter_map(|e| match e {
        Ok(Event::Reload(paths)) => {
            let data = match paths {
                None => "*".to_string(),
                Some(p) => serde_json::to_string(&p).unwrap_or_else(|_| "*".into()),
            };
            Some(Ok(SseEvent::default().event("reload").data(data)))
        }
        Ok(Event::Error(text)) => Some(Ok(SseEvent::default().event("problem").data(text))),
        Err(_) => None,
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hook_goes_before_the_end_of_body() {
        let out = with_hook(b"<html><body><p>x</p></body></html>");
        assert_eq!(
            out,
            b"<html><body><p>x</p><script src=\"/__liaison/live.js\"></script></body></html>".to_vec()
        );
        assert!(with_hook(b"<p>x").ends_with(&hook()));
    }

    #[test]
    fn types() {
        assert_eq!(content_type("stations/a/reception.ics"), "text/calendar; charset=utf-8");
        assert_eq!(
            content_type("bulletins/atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(content_type("sitemap.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
    }

    #[test]
    fn redirects_stay_on_this_server() {
        assert_eq!(redirect_target("/stations/a"), "/stations/a/");
        assert_eq!(redirect_target("//evil.example"), "/evil.example/");
        assert_eq!(redirect_target("/\\evil.example"), "/evil.example/");
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("/a%20b/%E5%BC%A0"), "/a b/张");
        assert_eq!(percent_decode("/100%"), "/100%");
    }
}
