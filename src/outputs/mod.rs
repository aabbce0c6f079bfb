//! The machine-readable files of a site, made from the model: the reception calendars
//! ([`ics`]), the bulletin feed ([`feed`]), the sitemap and robots.txt ([`sitemap`]), the search
//! index ([`search`]); and the check of every internal link of the pages ([`links`]).

pub mod feed;
pub mod ics;
pub mod links;
pub mod search;
pub mod sitemap;
