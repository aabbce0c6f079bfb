//! What "today" is: the day reception dates are counted from. The same content and "today"
//! give the same bytes on every machine, whatever its clock or time zone.

use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// What "today" is for reception dates.
#[derive(Debug, Clone, Copy)]
pub enum Today {
    /// `--date YYYY-MM-DD`
    Date(NaiveDate),
    /// `SOURCE_DATE_EPOCH`: seconds since 1970, read in the site's time zone.
    Epoch(i64),
    /// The clock, in the site's time zone.
    Now,
}

impl Today {
    pub(crate) fn resolve(self, tz: Tz) -> NaiveDate {
        match self {
            Today::Date(d) => d,
            Today::Epoch(s) => Utc
                .timestamp_opt(s, 0)
                .single()
                .unwrap_or_default()
                .with_timezone(&tz)
                .date_naive(),
            Today::Now => Utc::now().with_timezone(&tz).date_naive(),
        }
    }
}
