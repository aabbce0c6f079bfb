//! `liaison check --report FILE`: what is incomplete but not wrong, as a CSV the provincial
//! office can sort and filter to chase counties: regions that no station serves (not even
//! through an enclosing region), stations without a reception schedule, a phone or a
//! location, and current representatives with no public contact. UTF-8 with a BOM (Excel),
//! one row per finding, in that order, each kind by code or slug.

use crate::model::{Site, StationId};
use crate::url;

/// A check of stations: its problem key, what it means, whether a station lacks the thing.
type StationCheck = (&'static str, &'static str, fn(&Site, StationId) -> bool);

/// The header row.
pub(crate) const HEADER: [&str; 6] = ["problem", "说明", "id", "name", "region", "url"];

/// The report's bytes.
pub(crate) fn csv(site: &Site) -> Vec<u8> {
    let mut rows: Vec<[String; 6]> = Vec::new();
    let abs = |u: String| url::absolute(&site.config.base_url, &u);
    for r in site.region_ids() {
        if site.serving(r).1.is_empty() {
            let reg = site.region(r);
            rows.push([
                "unserved_region".into(),
                "没有联络站为这个区划的选民服务（本级和上级都没有）".into(),
                reg.code.clone(),
                reg.name.clone(),
                reg.code.clone(),
                abs(url::region(&reg.code)),
            ]);
        }
    }
    let stations: Vec<_> = site.station_ids().collect();
    let checks: [StationCheck; 3] = [
        ("station_without_schedule", "联络站没有接待日安排", |s, i| {
            s.station(i).receptions.is_empty()
        }),
        ("station_without_phone", "联络站没有联系电话", |s, i| {
            s.station(i).phone.is_none()
        }),
        ("station_without_location", "联络站没有坐标", |s, i| {
            s.station(i).location.is_none()
        }),
    ];
    for (problem, about, missing) in checks {
        for &i in stations.iter().filter(|&&i| missing(site, i)) {
            let st = site.station(i);
            rows.push([
                problem.into(),
                about.into(),
                st.slug.clone(),
                st.name.clone(),
                site.region(site.station_region(i)).code.clone(),
                abs(url::station(&st.slug)),
            ]);
        }
    }
    for r in site.current_rep_ids() {
        let rep = site.rep(r);
        if rep.phone.is_none() {
            rows.push([
                "representative_without_contact".into(),
                "代表没有公开的联系方式".into(),
                rep.slug.clone(),
                rep.name.clone(),
                site.region(site.rep_region(r)).code.clone(),
                abs(url::representative(&rep.slug)),
            ]);
        }
    }
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = ::csv::Writer::from_writer(&mut out);
        // Writing to a Vec cannot fail.
        let _ = w.write_record(HEADER);
        for row in &rows {
            let _ = w.write_record(row);
        }
        let _ = w.flush();
    }
    out
}
