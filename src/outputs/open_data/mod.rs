//! The open data of a site, written by every build so that it cannot fall behind the pages:
//! `/data/stations.csv` and `/data/representatives.csv` (current people only, UTF-8 with a
//! BOM so that Excel opens them right, one column per content key, [`crate::columns`]) and
//! `/data/popolo.json` ([`popolo`]); and the ledgers as published, `/data/activities.csv`
//! and `/data/suggestions.csv`, newest first, their free text masked where it was read.

mod popolo;

use crate::columns::{self, Column};
use crate::model::Site;
use crate::url;

/// A cell as a spreadsheet should read it: a text that starts like a formula (`=`, `@`, or
/// `+`/`-` not followed by a digit, a tab or a carriage return) gets a leading `'`, so that
/// Excel and WPS show it instead of running it (CSV injection). Phone numbers such as
/// `+86 …` and `-` alone are left as they are.
fn cell(text: String) -> String {
    let mut chars = text.chars();
    let risky = match chars.next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => chars.next().is_some_and(|c| !c.is_ascii_digit() && c != ' '),
        _ => false,
    };
    if risky { format!("'{text}") } else { text }
}

/// One CSV file: a BOM, the header row, a row per item; CRLF line ends (the csv crate's).
fn csv<T: Copy>(site: &Site, cols: &[Column<T>], rows: impl Iterator<Item = T>) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = ::csv::Writer::from_writer(&mut out);
        // Writing to a Vec cannot fail.
        let _ = w.write_record(cols.iter().map(|c| c.key));
        for item in rows {
            let _ = w.write_record(cols.iter().map(|c| cell((c.value)(site, item))));
        }
        let _ = w.flush();
    }
    out
}

/// The open data files: `(output path, bytes)`.
pub(crate) fn files(site: &Site) -> Vec<(String, Vec<u8>)> {
    vec![
        (
            url::file_for(&url::data_stations()),
            csv(site, columns::STATIONS, site.station_ids()),
        ),
        (
            url::file_for(&url::data_representatives()),
            csv(site, columns::REPRESENTATIVES, site.current_rep_ids()),
        ),
        (url::file_for(&url::data_popolo()), popolo::json(site)),
        (
            url::file_for(&url::data_activities()),
            csv(site, columns::ACTIVITIES, 0..site.activity_count()),
        ),
        (
            url::file_for(&url::data_suggestions()),
            csv(site, columns::SUGGESTIONS, 0..site.suggestion_count()),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn formula_cells() {
        assert_eq!(cell("=HYPERLINK(\"x\")".into()), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("@SUM(A1)".into()), "'@SUM(A1)");
        assert_eq!(cell("-1+1".into()), "-1+1");
        assert_eq!(cell("-x".into()), "'-x");
        assert_eq!(cell("+86 737 1234567".into()), "+86 737 1234567");
        assert_eq!(cell("+cmd".into()), "'+cmd");
        assert_eq!(cell("张伟".into()), "张伟");
        assert_eq!(cell(String::new()), "");
    }
}
