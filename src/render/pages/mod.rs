//! What each page kind's template gets: one typed context per kind, built from the model and
//! borrowing from it where it can. docs/templates.md describes them, and a test holds the two
//! together (`render::docs`).

mod board;
mod board_fit;
mod bulletin;
mod data;
mod former;
mod indexes;
pub(crate) mod items;
mod ledger;
pub(crate) use ledger::suggestion_anchor;
mod lists;
mod notice;
mod person;
mod records;
mod region;
mod station;
mod stats;

use serde::Serialize;

use super::context::Crumb;
use crate::model::Site;
use crate::pages::Page;
use crate::url;

/// What kind of page, as templates see it in `page.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Kind {
    Home,
    Stations,
    Station,
    /// A station's wall board.
    Board,
    /// A reception notice.
    Notice,
    /// A station's ledger of a year.
    Records,
    Representatives,
    Former,
    Representative,
    Regions,
    Region,
    Bulletins,
    BulletinYear,
    Bulletin,
    Page,
    Data,
    Stats,
    Search,
    NotFound,
}

/// A page ready for its template.
pub(crate) struct Prepared {
    pub(crate) url: String,
    pub(crate) template: &'static str,
    /// The page's own variables; `site`, `page`, `breadcrumbs`, `jsonld` and `today` are added
    /// by the renderer.
    pub(crate) vars: tera::Context,
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) kind: Kind,
    pub(crate) breadcrumbs: Vec<Crumb>,
    /// schema.org nodes of the page besides its breadcrumbs (see `jsonld`).
    pub(crate) jsonld: Vec<crate::render::jsonld::Node>,
    /// The pages before and after this one of a paged list (`<link rel="prev">`).
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
}

impl Prepared {
    /// Page `n` of `count` of a list whose page `k` is at `url_of(k)`.
    fn paged(mut self, n: u32, count: u32, url_of: fn(u32) -> String) -> Prepared {
        self.prev = (n > 1).then(|| url_of(n - 1));
        self.next = (n < count).then(|| url_of(n + 1));
        self
    }
}

/// The parts of [`Prepared`] besides the variables.
struct Meta {
    url: String,
    template: &'static str,
    title: String,
    description: String,
    kind: Kind,
    breadcrumbs: Vec<Crumb>,
    jsonld: Vec<crate::render::jsonld::Node>,
}

impl Meta {
    /// With the typed variables of the page.
    fn with(self, vars: &impl Serialize) -> Prepared {
        Prepared {
            url: self.url,
            template: self.template,
            // Our context types serialize infallibly (no maps with non-string keys).
            vars: tera::Context::from_serialize(vars).unwrap_or_default(),
            title: self.title,
            description: self.description,
            kind: self.kind,
            breadcrumbs: self.breadcrumbs,
            jsonld: self.jsonld,
            prev: None,
            next: None,
        }
    }
}

fn crumb(name: &str, u: String) -> Crumb {
    Crumb {
        name: name.to_string(),
        url: u,
    }
}

fn home_crumb() -> Crumb {
    crumb("首页", url::home())
}

/// The breadcrumbs of a station's print pages (its board, its notices): home › 联络站 › the
/// station.
fn station_print_crumbs(st: &crate::content::Station) -> Vec<Crumb> {
    vec![
        home_crumb(),
        crumb("联络站", url::stations()),
        crumb(&st.name, url::station(&st.slug)),
    ]
}

/// A page with no variables of its own.
#[derive(Serialize)]
struct Nothing {}

/// The context of a page.
pub(crate) fn prepare(site: &Site, page: Page) -> Prepared {
    match page {
        Page::Home => lists::home(site),
        Page::Stations(n) => indexes::stations(site, n),
        Page::Station(i) => station::page(site, i),
        Page::Board(i) => board::page(site, i),
        Page::Notice(i, n) => notice::page(site, i, n),
        Page::Records(i, y, p) => records::page(site, i, y, p),
        Page::Representatives(n) => indexes::representatives(site, n),
        Page::Former => former::page(site),
        Page::Representative(i) => person::page(site, i),
        Page::Regions => lists::regions(site),
        Page::Region(i) => region::page(site, i),
        Page::Bulletins => lists::bulletins(site),
        Page::Year(y) => lists::year(site, y),
        Page::Issue(i) => bulletin::issue(site, i),
        Page::Free(i) => bulletin::free_page(site, i),
        Page::Data => data::page(site),
        Page::Stats(r) => stats::page(site, r),
        Page::Search => Meta {
            url: url::search(),
            template: "search.html",
            title: "站内搜索".into(),
            description: format!("搜索{}的联络站、人大代表、行政区划和《联络动态》。", site.config.title),
            kind: Kind::Search,
            breadcrumbs: vec![home_crumb()],
            jsonld: Vec::new(),
        }
        .with(&Nothing {}),
        Page::NotFound => Meta {
            url: url::not_found(),
            template: "404.html",
            title: "找不到页面".into(),
            description: "您访问的页面不存在。".into(),
            kind: Kind::NotFound,
            breadcrumbs: vec![home_crumb()],
            jsonld: Vec::new(),
        }
        .with(&Nothing {}),
    }
}
