//! The exact-name table of the search page: every name a visitor may type in full, looked up
//! before Pagefind's word-based ranking.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{RecordKind, region_names};
use crate::model::Site;
use crate::url;

/// One entry of a bucket, in the short keys search.js reads.
#[derive(Serialize)]
struct Entry<'a> {
    /// Where it is: the region path, or a person's station.
    #[serde(rename = "c")]
    context: &'a str,
    #[serde(rename = "k")]
    kind: &'static str,
    #[serde(rename = "n")]
    name: &'a str,
    #[serde(rename = "u")]
    url: &'a str,
    /// The key it is filed under, normalized.
    #[serde(rename = "x")]
    key: &'a str,
}

/// Something the table files: a region, a station or a person, under each of its keys.
struct Named<'a> {
    keys: Vec<String>,
    name: &'a str,
    url: String,
    kind: RecordKind,
    /// Where it is: the region path, or a person's station.
    context: std::borrow::Cow<'a, str>,
}

/// `meta.json`: how many buckets, and the hash that files keys in them.
#[derive(Serialize)]
struct Meta {
    buckets: u32,
    hash: &'static str,
}

/// A query or a name as the exact-name table keys it: without spaces (ASCII or full-width),
/// lowercase; a phone number as its digits alone (`0737-8101201` → `07378101201`). The search
/// page normalizes what is typed the same way (search.js `normalize`).
pub(crate) fn normalize_key(text: &str) -> String {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let phone_like = !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || "-+()（）—－".contains(c));
    if phone_like {
        t.chars().filter(char::is_ascii_digit).collect()
    } else {
        t
    }
}

/// FNV-1a (32 bits) of a string's UTF-8 bytes.
pub(super) fn fnv1a(key: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in key.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The bucket of a key: [`fnv1a`] masked to the bucket count (a power of two). The search
/// page computes the same (search.js `bucket`).
pub(crate) fn bucket(key: &str, buckets: u32) -> u32 {
    fnv1a(key) & (buckets - 1)
}

/// At most this many entries share one key (the initials `zw` of thousands of people at
/// provincial scale): the first in the order they are added (regions, stations, then people by
/// slug, the current before the former).
pub(crate) const PER_KEY: usize = 30;

/// The phone numbers a phone text holds, as the keys a visitor may type: each number's digits,
/// and for a number with an area code (`0737-8101201`) the local part as well.
fn phone_keys(phone: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for part in phone.split(['、', '/', ',', '，', ';', '；']) {
        let part = part.split(['转', '#']).next().unwrap_or("");
        let digits: String = part.chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 7 {
            keys.push(digits.clone());
            if let Some((_, local)) = part.split_once(['-', '—', '－'])
                && local.chars().filter(char::is_ascii_digit).count() >= 7
            {
                keys.push(local.chars().filter(char::is_ascii_digit).collect());
            }
        }
    }
    keys
}

/// The keys of every representative: current ones first, so that a name shared with a former
/// one lists the current person first; the former keep an entry (原代表) because bulletins
/// name them.
fn people(site: &Site) -> impl Iterator<Item = Named<'_>> {
    let (current, former): (Vec<_>, Vec<_>) = site.rep_ids().partition(|&i| !site.is_former(i));
    current.into_iter().chain(former).map(move |i| {
        let r = site.rep(i);
        let mut keys = vec![
            r.name.clone(),
            crate::names::full(&r.name),
            crate::names::initials(&r.name),
        ];
        keys.extend(r.phone.as_deref().map(phone_keys).unwrap_or_default());
        Named {
            keys,
            name: &r.name,
            url: url::representative(&r.slug),
            kind: if site.is_former(i) {
                RecordKind::FormerPerson
            } else {
                RecordKind::Person
            },
            context: site.station(site.rep_station(i)).name.as_str().into(),
        }
    })
}

/// The exact-name table: every representative, station and region under each key a visitor
/// may type for it in full (its name; a person's pinyin and initials, a region's pinyin; the
/// phone numbers of stations and people), filed in a fixed number of buckets by a hash of the
/// key. `meta.json` says how many; every bucket is written, empty or not, so that the search
/// page asks only for files that exist. Word-based ranking cannot tell 张卫 from a station full
/// of 张s whose units contain 卫生院; the search page looks the whole query up here first.
pub(crate) fn name_table(site: &Site) -> Vec<(String, Vec<u8>)> {
    let regions = site.region_ids().map(|i| {
        let reg = site.region(i);
        let mut path = region_names(site, i);
        path.pop();
        Named {
            keys: vec![reg.name.clone(), crate::names::place(&reg.name)],
            name: &reg.name,
            url: url::region(&reg.code),
            kind: RecordKind::Region,
            context: path.join(" › ").into(),
        }
    });
    let stations = site.station_ids().map(|i| {
        let s = site.station(i);
        let mut keys = vec![s.name.clone()];
        keys.extend(s.phone.as_deref().map(phone_keys).unwrap_or_default());
        Named {
            keys,
            name: &s.name,
            url: url::station(&s.slug),
            kind: RecordKind::Station,
            context: region_names(site, site.station_region(i)).join(" › ").into(),
        }
    });
    // Each thing's keys normalized, once each, in the order things are added.
    let named: Vec<(Named, Vec<String>)> = regions
        .chain(stations)
        .chain(people(site))
        .map(|n| {
            let mut keys: Vec<String> = n
                .keys
                .iter()
                .map(|k| normalize_key(k))
                .filter(|k| !k.is_empty())
                .collect();
            keys.sort();
            keys.dedup();
            (n, keys)
        })
        .collect();
    let mut by_key: BTreeMap<&str, Vec<Entry>> = BTreeMap::new();
    for (n, keys) in &named {
        for key in keys {
            let list = by_key.entry(key).or_default();
            if list.len() < PER_KEY {
                list.push(Entry {
                    context: &n.context,
                    kind: n.kind.label(),
                    name: n.name,
                    url: &n.url,
                    key,
                });
            }
        }
    }
    let entries: usize = by_key.values().map(Vec::len).sum();
    // About 64 entries a bucket: a few kilobytes to fetch for a query.
    let buckets = (entries / 64).max(16).next_power_of_two().min(1 << 16) as u32;
    let mut files: Vec<Vec<&Entry>> = vec![Vec::new(); buckets as usize];
    for (key, list) in &by_key {
        files[bucket(key, buckets) as usize].extend(list.iter());
    }
    let mut out = vec![(
        url::file_for(&url::names_meta()),
        serde_json::to_vec(&Meta {
            buckets,
            hash: "fnv1a32",
        })
        .unwrap_or_default(),
    )];
    out.extend(files.into_iter().enumerate().map(|(b, list)| {
        (
            url::file_for(&url::names_bucket(b as u32)),
            serde_json::to_vec(&list).unwrap_or_default(),
        )
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_buckets() {
        assert_eq!(normalize_key(" 张　伟 "), "张伟");
        assert_eq!(normalize_key("ZhangWei"), "zhangwei");
        assert_eq!(normalize_key("0737-810 1201"), "07378101201");
        assert_eq!(normalize_key("3号楼"), "3号楼");
        assert_eq!(
            phone_keys("0737-8101201、13900000000"),
            ["07378101201", "8101201", "13900000000"]
        );
        assert_eq!(phone_keys("0833-6101201 转 8"), ["08336101201", "6101201"]);
        // FNV-1a of "a" is 0xe40c292c; the JavaScript side is tested against the same values
        assert_eq!(bucket("a", 1 << 16), 0x292c);
        assert_eq!(bucket("张伟", 16), bucket("张伟", 16));
        assert!(bucket("zhangwei", 64) < 64);
    }
}
