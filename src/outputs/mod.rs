//! The machine-readable files of a site, made from the model: the reception calendars
//! ([`ics`]), the bulletin feed ([`feed`]), the sitemap and robots.txt ([`sitemap`]), the search
//! index ([`search`]), the open data ([`open_data`]); and the check of every internal link of the pages ([`links`]).

pub(crate) mod feed;
pub(crate) mod ics;
pub(crate) mod links;
pub(crate) mod notices;
pub(crate) mod open_data;
pub(crate) mod report;
pub(crate) mod search;
pub(crate) mod sitemap;
