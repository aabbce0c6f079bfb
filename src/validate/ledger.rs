//! Ledger rows against the rest of the site: each `联络站` a station, each `代表` a
//! representative (by slug or exact name), and a former representative only on dates inside
//! their membership. Reported at the cell, with "did you mean".

use crate::content::Content;
use crate::content::ledger::lookup::{Lookup, Miss};
use crate::content::ledger::{Ref, Sheet};
use crate::diag::{Diagnostic, Diagnostics};

pub(super) fn ledgers(c: &Content, diags: &mut Diagnostics) {
    if c.ledgers.is_empty() {
        return;
    }
    let lookup = Lookup::new(&c.stations, &c.representatives);
    for sheet in &c.ledgers {
        for a in &sheet.activities {
            station(c, sheet, &lookup, &a.station, diags);
            for r in &a.reps {
                representative(c, sheet, &lookup, r, a.date, diags);
            }
        }
        for s in &sheet.suggestions {
            station(c, sheet, &lookup, &s.station, diags);
            if let Some(r) = &s.rep {
                representative(c, sheet, &lookup, r, s.date, diags);
            }
        }
        for row in &sheet.left_out {
            if let Some(s) = &row.station {
                station(c, sheet, &lookup, s, diags);
            }
            for r in &row.reps {
                // without a date, a former representative's membership cannot be checked
                let date = row.date.unwrap_or(chrono::NaiveDate::MIN);
                representative(c, sheet, &lookup, r, date, diags);
            }
        }
    }
}

fn at(sheet: &Sheet, r: &Ref, message: String) -> Diagnostic {
    Diagnostic::at(sheet.src.display.clone(), r.row, r.column, message)
}

fn station(c: &Content, sheet: &Sheet, lookup: &Lookup, r: &Ref, diags: &mut Diagnostics) {
    // a station whose file failed to load is reported there, not again here
    if c.station_files.contains(&r.text) {
        return;
    }
    match lookup.station(&r.text) {
        Ok(_) => {}
        Err(Miss::Unknown(hint)) => {
            let d = at(sheet, r, format!("no station `{}` (by slug or exact name)", r.text));
            diags.push(match hint {
                Some(h) => d.with_hint(h),
                None => d.with_hint("write the station's file name (slug) or its name as on its page"),
            });
        }
        Err(Miss::Ambiguous(slugs)) => diags.push(
            at(sheet, r, format!("several stations are named `{}`", r.text))
                .with_hint(format!("write the slug: {}", slugs.join(", "))),
        ),
        Err(Miss::Ended(..)) => {}
    }
}

fn representative(
    c: &Content,
    sheet: &Sheet,
    lookup: &Lookup,
    r: &Ref,
    date: chrono::NaiveDate,
    diags: &mut Diagnostics,
) {
    match lookup.representative(&r.text, date) {
        Ok(_) => {}
        Err(Miss::Unknown(_)) if c.representative_files.contains(&r.text) => {}
        Err(Miss::Unknown(hint)) => {
            let d = at(
                sheet,
                r,
                format!("no representative `{}` (by slug or exact name)", r.text),
            );
            diags.push(match hint {
                Some(h) => d.with_hint(h),
                None => d,
            });
        }
        Err(Miss::Ambiguous(slugs)) => diags.push(
            at(sheet, r, format!("several representatives are named `{}`", r.text))
                .with_hint(format!("write the slug: {}", slugs.join(", "))),
        ),
        Err(Miss::Ended(slug, until)) => diags.push(
            at(
                sheet,
                r,
                format!(
                    "`{}` was no longer a representative on {date}: the membership ended on {until}",
                    r.text
                ),
            )
            .with_hint(format!(
                "check the date, or the representative (content/representatives/{slug}.md has `until`)"
            )),
        ),
    }
}
