//! site.toml: the site's settings.

use chrono_tz::Tz;
use serde::Serialize;

use super::fields::{self, Table};
use crate::diag::{Diagnostics, Source};

#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Footer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) organizer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) site_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) icp: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) police: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) contact: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct BuildSettings {
    pub(crate) minify: bool,
    pub(crate) reception_days_ahead: u32,
    /// Let raw HTML in Markdown through (off by default).
    pub(crate) allow_html: bool,
    /// How much record text (KiB) one part of the search index holds before the index is
    /// split into more parts (see `outputs::search::bundle`).
    pub(crate) search_part_kib: u32,
}

/// `[data]`: the open data files under /data/.
#[derive(Debug, Clone, Default)]
pub(crate) struct DataSettings {
    /// The licence the files are published under (`CC BY 4.0`, 政府信息公开…); the /data/ page
    /// says so, and says that none is declared when it is absent.
    pub(crate) license: Option<String>,
    /// Where the licence's text is (an absolute http(s) URL).
    pub(crate) license_url: Option<String>,
}

/// `[board]`: the texts of every station's wall board (公示栏), one list item each; a station
/// replaces any of them in its own `[extra.board]`. Absent lists get the built-in defaults.
#[derive(Debug, Clone, Default)]
pub(crate) struct BoardTexts {
    /// 工作职责
    pub(crate) duties: Option<Vec<String>>,
    /// 工作制度
    pub(crate) rules: Option<Vec<String>>,
    /// 年度活动计划
    pub(crate) plan: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
pub(crate) struct SiteConfig {
    pub(crate) title: String,
    /// Absolute, without a trailing `/`.
    pub(crate) base_url: String,
    pub(crate) language: String,
    pub(crate) timezone: Tz,
    pub(crate) theme: String,
    pub(crate) description: String,
    pub(crate) footer: Footer,
    pub(crate) build: BuildSettings,
    pub(crate) data: DataSettings,
    pub(crate) board: BoardTexts,
    pub(crate) extra: serde_json::Value,
}

const KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "timezone",
    "theme",
    "description",
    "footer",
    "build",
    "data",
    "board",
];
const BOARD_KEYS: &[&str] = &["duties", "rules", "plan"];
const DATA_KEYS: &[&str] = &["license", "license_url"];
const FOOTER_KEYS: &[&str] = &["organizer", "site_code", "icp", "police", "contact"];
const BUILD_KEYS: &[&str] = &["minify", "reception_days_ahead", "allow_html", "search_part_kib"];

impl SiteConfig {
    /// Stands in for a site.toml that failed to load, so that the rest can still be checked;
    /// a build with a failed site.toml never renders.
    pub(crate) fn fallback() -> SiteConfig {
        SiteConfig {
            title: String::new(),
            base_url: "https://example.invalid".into(),
            language: "zh-CN".into(),
            timezone: chrono_tz::Asia::Shanghai,
            theme: "default".into(),
            description: String::new(),
            footer: Footer::default(),
            build: BuildSettings {
                minify: true,
                reception_days_ahead: 90,
                allow_html: false,
                search_part_kib: DEFAULT_SEARCH_PART_KIB,
            },
            data: DataSettings::default(),
            board: BoardTexts::default(),
            extra: serde_json::Value::Object(Default::default()),
        }
    }
}

/// What is wrong with a base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BadBaseUrl {
    /// A space, tab, line break or control character (the URL parser would drop it silently).
    Whitespace(char),
    NotAbsolute(::url::ParseError),
    NotHttp,
    QueryOrFragment,
    /// A path after the host (the site's links start at `/`).
    Path(String),
}

impl std::fmt::Display for BadBaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BadBaseUrl::Whitespace(c) => write!(
                f,
                "`base_url` must not contain spaces, tabs or line breaks (found U+{:04X})",
                *c as u32
            ),
            BadBaseUrl::NotAbsolute(e) => write!(f, "`base_url` is not an absolute URL: {e}"),
            BadBaseUrl::NotHttp => f.write_str("`base_url` must start with https:// or http://"),
            BadBaseUrl::QueryOrFragment => f.write_str("`base_url` must not have a query or fragment"),
            BadBaseUrl::Path(p) => write!(
                f,
                "`base_url` must be the root of a host, without a path (`{p}`): the site's links start at /"
            ),
        }
    }
}

/// Checks a base URL: absolute http(s), returned without its trailing `/`.
pub(crate) fn normalize_base_url(raw: &str) -> Result<String, BadBaseUrl> {
    // The URL parser silently drops tabs and line breaks (WHATWG), which would turn
    // "https://a.example\r\nevil" into another host: refuse them instead.
    if let Some(c) = raw.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(BadBaseUrl::Whitespace(c));
    }
    let url = ::url::Url::parse(raw).map_err(BadBaseUrl::NotAbsolute)?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(BadBaseUrl::NotHttp);
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(BadBaseUrl::QueryOrFragment);
    }
    if url.path() != "/" {
        return Err(BadBaseUrl::Path(url.path().to_string()));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

pub(crate) fn read(src: &Source, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let table = fields::parse(src, &src.text, 0, diags)?;
    let t = Table::new(src, 0, &table, 0..0);
    t.deny_unknown(KEYS, diags);
    let title = t.string("title", true, diags);
    let base_url = base_url(src, &t, diags);
    let language = t
        .string("language", false, diags)
        .map(|s| s.value)
        .unwrap_or_else(|| "zh-CN".into());
    let timezone = timezone(src, &t, diags);
    let theme = theme(src, &t, diags);
    let description = t
        .string("description", false, diags)
        .map(|s| s.value)
        .unwrap_or_default();
    let footer = footer(&t, diags);
    let build = build(src, &t, diags);
    let data = data(src, &t, diags);
    let board = match t.table("board", diags) {
        Some(b) => {
            b.deny_unknown(BOARD_KEYS, diags);
            let mut list = |k: &str| {
                b.string_list(k, diags)
                    .map(|l| l.value.into_iter().map(|s| s.value).collect())
            };
            BoardTexts {
                duties: list("duties"),
                rules: list("rules"),
                plan: list("plan"),
            }
        }
        None => BoardTexts::default(),
    };
    let extra = t.extra(diags);

    Some(SiteConfig {
        title: title?.value,
        base_url: base_url?,
        language,
        timezone: timezone?,
        theme,
        description,
        footer,
        build,
        data,
        board,
        extra,
    })
}

/// `[data]`: the licence of the open data.
fn data(src: &Source, t: &Table, diags: &mut Diagnostics) -> DataSettings {
    let Some(d) = t.table("data", diags) else {
        return DataSettings::default();
    };
    d.deny_unknown(DATA_KEYS, diags);
    let license = d.string("license", false, diags).map(|s| s.value);
    let license_url = d.string("license_url", false, diags).and_then(|u| {
        let ok = ::url::Url::parse(&u).is_ok_and(|p| p.scheme() == "https" || p.scheme() == "http")
            && !u.chars().any(|c| c.is_whitespace() || c.is_control());
        if ok {
            Some(u.value)
        } else {
            diags.push(src.error(u.span.clone(), "`license_url` must be an absolute http(s) URL"));
            None
        }
    });
    DataSettings { license, license_url }
}

fn base_url(src: &Source, t: &Table, diags: &mut Diagnostics) -> Option<String> {
    t.string("base_url", true, diags)
        .and_then(|b| match normalize_base_url(&b) {
            Ok(u) => Some(u),
            Err(msg) => {
                diags.push(
                    src.error(b.span.clone(), msg.to_string())
                        .with_hint("for example base_url = \"https://rd.example.gov.cn\""),
                );
                None
            }
        })
}

/// `timezone`, an IANA name; China's by default.
fn timezone(src: &Source, t: &Table, diags: &mut Diagnostics) -> Option<Tz> {
    match t.string("timezone", false, diags) {
        None => Some(chrono_tz::Asia::Shanghai),
        Some(s) => match s.parse::<Tz>() {
            Ok(tz) => Some(tz),
            Err(_) => {
                diags.push(
                    src.error(s.span.clone(), format!("unknown time zone `{}`", s.value))
                        .with_hint("use an IANA name such as \"Asia/Shanghai\""),
                );
                None
            }
        },
    }
}

/// `theme`, a folder under themes/; `default` when not given.
fn theme(src: &Source, t: &Table, diags: &mut Diagnostics) -> String {
    let theme = t
        .string("theme", false, diags)
        .map(|s| s.value)
        .unwrap_or_else(|| "default".into());
    if !super::slug::is_valid(&theme) && !theme.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        diags.push(src.error(
            t.key_span("theme").unwrap_or(0..0),
            "`theme` must be a folder name under themes/",
        ));
    }
    theme
}

/// `[footer]`: the lines every page ends with.
fn footer(t: &Table, diags: &mut Diagnostics) -> Footer {
    match t.table("footer", diags) {
        Some(f) => {
            f.deny_unknown(FOOTER_KEYS, diags);
            let mut get = |k: &str| f.string(k, false, diags).map(|s| s.value);
            Footer {
                organizer: get("organizer"),
                site_code: get("site_code"),
                icp: get("icp"),
                police: get("police"),
                contact: get("contact"),
            }
        }
        None => Footer::default(),
    }
}

/// `[build]`: how the site is built.
fn build(src: &Source, t: &Table, diags: &mut Diagnostics) -> BuildSettings {
    let mut build = BuildSettings {
        minify: true,
        reception_days_ahead: 90,
        allow_html: false,
        search_part_kib: DEFAULT_SEARCH_PART_KIB,
    };
    if let Some(b) = t.table("build", diags) {
        b.deny_unknown(BUILD_KEYS, diags);
        if let Some(m) = b.boolean("minify", diags) {
            build.minify = m.value;
        }
        if let Some(h) = b.boolean("allow_html", diags) {
            build.allow_html = h.value;
        }
        if let Some(n) = b.integer("reception_days_ahead", false, diags) {
            if (1..=3660).contains(&n.value) {
                build.reception_days_ahead = n.value as u32;
            } else {
                diags.push(src.error(n.span.clone(), "`reception_days_ahead` must be between 1 and 3660"));
            }
        }
        if let Some(n) = b.integer("search_part_kib", false, diags) {
            if (4..=1_048_576).contains(&n.value) {
                build.search_part_kib = n.value as u32;
            } else {
                diags.push(src.error(n.span.clone(), "`search_part_kib` must be between 4 and 1048576"));
            }
        }
    }
    build
}

/// The default of `[build] search_part_kib`: a county's or a city's index stays in one part; a
/// province's is split into a few (measured in docs/performance.md).
pub(crate) const DEFAULT_SEARCH_PART_KIB: u32 = 4096;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert_eq!(normalize_base_url("https://a.gov.cn/").unwrap(), "https://a.gov.cn");
        assert!(normalize_base_url("https://a.gov.cn/rd/").is_err());
        assert!(normalize_base_url("a.gov.cn").is_err());
        assert!(normalize_base_url("ftp://a.gov.cn").is_err());
        assert!(normalize_base_url("https://x.example\r\nx-evil:1").is_err());
        assert!(normalize_base_url("https://x.example\tx").is_err());
        assert!(normalize_base_url(" https://a.gov.cn").is_err());
    }
}
