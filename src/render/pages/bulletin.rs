//! A bulletin issue's page and a free page.

use serde::Serialize;

use super::{Kind, Meta, Prepared, crumb, home_crumb};
use crate::content::bulletin::Article;
use crate::model::{IssueId, PageId, Site};
use crate::reception::date_label;
use crate::render::context::{IssueLink, body_html, excerpt, issue_link, number_label, total_label};
use crate::render::jsonld;
use crate::url;

/// `issue`: everything about it; absent values are absent.
#[derive(Serialize)]
struct IssueCtx<'a> {
    year: i32,
    number: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    total: Option<u32>,
    date: String,
    date_label: String,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    editors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    contact: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    approval: Option<&'a str>,
    recipients: &'a [String],
    number_label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    intro_html: Option<&'a str>,
    articles: &'a [Article],
    extra: &'a serde_json::Value,
}

#[derive(Serialize)]
struct IssuePage<'a> {
    issue: IssueCtx<'a>,
    prev: Option<IssueLink>,
    next: Option<IssueLink>,
}

pub(super) fn issue(site: &Site, i: IssueId) -> Prepared {
    let m = site.issue(i);
    let is = &m.issue;
    let number = number_label(is.number);
    let titles: Vec<&str> = m.articles.articles.iter().map(|a| a.title.as_str()).collect();
    let vars = IssuePage {
        issue: IssueCtx {
            year: is.year,
            number: is.number,
            total: is.total.as_ref().map(|t| t.value),
            date: is.date.to_string(),
            date_label: date_label(is.date),
            url: url::bulletin(is.year, is.number),
            publisher: is.publisher.as_deref(),
            editors: &is.editors,
            contact: is.contact.as_deref(),
            approval: is.approval.as_deref(),
            recipients: &is.recipients,
            number_label: number.clone(),
            total_label: is.total.as_ref().map(|t| total_label(t.value)),
            intro_html: m.articles.intro_html.as_deref(),
            articles: &m.articles.articles,
            extra: &is.extra,
        },
        prev: site.issue_before(i).map(|p| issue_link(site.issue(p))),
        next: site.issue_after(i).map(|n| issue_link(site.issue(n))),
    };
    Meta {
        url: url::bulletin(is.year, is.number),
        template: "bulletin.html",
        title: format!("联络动态 {}年{}", is.year, number),
        description: format!(
            "《联络动态》{}年{}（{}）：{}",
            is.year,
            number,
            date_label(is.date),
            titles.join("；")
        ),
        kind: Kind::Bulletin,
        breadcrumbs: vec![
            home_crumb(),
            crumb("联络动态", url::bulletins()),
            crumb(&format!("{}年", is.year), url::bulletin_year(is.year)),
        ],
        jsonld: vec![jsonld::issue(site, i)],
    }
    .with(&vars)
}

#[derive(Serialize)]
struct FreePage<'a> {
    content_html: String,
    extra: &'a serde_json::Value,
}

pub(super) fn free_page(site: &Site, i: PageId) -> Prepared {
    let p = site.page(i);
    let description = p
        .description
        .clone()
        .unwrap_or_else(|| excerpt(&crate::markdown::plain_text_of(p.body()), 80));
    Meta {
        url: url::page(&p.slug),
        template: "page.html",
        title: p.title.clone(),
        description,
        kind: Kind::Page,
        breadcrumbs: vec![home_crumb()],
        jsonld: Vec::new(),
    }
    .with(&FreePage {
        content_html: body_html(site, p.body()),
        extra: &p.extra,
    })
}
