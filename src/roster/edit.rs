//! Changing a content file's front matter in place with toml_edit: a key set to a new value
//! keeps its place and the comments around it; a key set to what it already holds is left
//! alone (so a file whose keys all match is not rewritten); an empty value removes the key.

use chrono::{Datelike, NaiveDate};
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value};

/// A value from the sheet for one key.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    Str(String),
    List(Vec<String>),
    Date(NaiveDate),
    /// `{lat, lon}`
    Location(f64, f64),
    /// The cell is empty: the key goes.
    Remove,
}

impl Val {
    /// A text, or `Remove` when it is empty.
    pub(crate) fn text(t: &str) -> Val {
        if t.is_empty() {
            Val::Remove
        } else {
            Val::Str(t.to_string())
        }
    }
}

fn toml_date(d: NaiveDate) -> toml_edit::Datetime {
    toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: d.year() as u16,
            month: d.month() as u8,
            day: d.day() as u8,
        }),
        time: None,
        offset: None,
    }
}

fn to_value(v: &Val) -> Option<Value> {
    Some(match v {
        Val::Str(s) => Value::from(s.as_str()),
        Val::List(l) => Value::Array(l.iter().map(String::as_str).collect::<Array>()),
        Val::Date(d) => Value::from(toml_date(*d)),
        Val::Location(lat, lon) => {
            let mut t = InlineTable::new();
            t.insert("lat", Value::from(*lat));
            t.insert("lon", Value::from(*lon));
            Value::InlineTable(t)
        }
        Val::Remove => return None,
    })
}

/// Whether a value in the file already says what `v` says.
fn same(old: &Value, v: &Val) -> bool {
    match (old, v) {
        (Value::String(s), Val::Str(t)) => s.value() == t,
        // a list is a set here (levels): the same words in another order are no change
        (Value::Array(a), Val::List(l)) => {
            let mut old: Vec<Option<&str>> = a.iter().map(Value::as_str).collect();
            let mut new: Vec<Option<&str>> = l.iter().map(|s| Some(s.as_str())).collect();
            old.sort();
            new.sort();
            old == new
        }
        (Value::Datetime(d), Val::Date(t)) => d.value().to_string() == t.to_string(),
        (Value::InlineTable(t), Val::Location(lat, lon)) => {
            let f = |k: &str| {
                t.get(k)
                    .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
            };
            f("lat") == Some(*lat) && f("lon") == Some(*lon) && t.len() == 2
        }
        _ => false,
    }
}

/// Sets `key` of a table to `v`; true when that changed the table.
pub(crate) fn set(table: &mut Table, key: &str, v: &Val) -> bool {
    match (table.get_mut(key), to_value(v)) {
        (None, None) => false,
        (Some(_), None) => {
            table.remove(key);
            true
        }
        (Some(Item::Value(old)), Some(_)) if same(old, v) => false,
        (Some(Item::Value(old)), Some(mut new)) => {
            // keep the comment after the value
            *new.decor_mut() = old.decor().clone();
            *old = new;
            true
        }
        (_, Some(new)) => {
            table.insert(key, Item::Value(new));
            true
        }
    }
}

/// Sets `name` inside an inline table such as `manager = { name = "…", role = "…" }`,
/// keeping its other keys; an empty name removes the whole table.
pub(crate) fn set_contact_name(table: &mut Table, key: &str, name: &str) -> bool {
    if name.is_empty() {
        return table.remove(key).is_some();
    }
    match table.get_mut(key) {
        Some(Item::Value(Value::InlineTable(t))) => {
            if t.get("name").and_then(Value::as_str) == Some(name) {
                false
            } else {
                t.insert("name", Value::from(name));
                true
            }
        }
        Some(Item::Table(t)) => {
            if t.get("name").and_then(Item::as_str) == Some(name) {
                false
            } else {
                t.insert("name", toml_edit::value(name));
                true
            }
        }
        _ => {
            let mut t = InlineTable::new();
            t.insert("name", Value::from(name));
            table.insert(key, Item::Value(Value::InlineTable(t)));
            true
        }
    }
}

/// A string key of the front matter.
pub(crate) fn get_str<'a>(doc: &'a DocumentMut, key: &str) -> Option<&'a str> {
    doc.get(key).and_then(Item::as_str)
}

/// The front matter of a new file, in the order given, then the `+++` lines and no body.
pub(crate) fn new_file(keys: &[(&str, Val)], contacts: &[(&str, &str)]) -> String {
    let mut doc = DocumentMut::new();
    for (k, v) in keys {
        set(doc.as_table_mut(), k, v);
    }
    for (k, name) in contacts {
        set_contact_name(doc.as_table_mut(), k, name);
    }
    format!("+++\n{}+++\n", with_newline(doc.to_string()))
}

pub(crate) fn with_newline(mut s: String) -> String {
    if !s.is_empty() && !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_keep_comments_and_unknown_keys() {
        let text =
            "# 换届后核对\nname = \"张伟\" # 本名\nphone = \"1\"\nregion = \"430922\"\n\n[extra]\nnote = \"x\"\n";
        let mut doc: DocumentMut = text.parse().unwrap();
        assert!(!set(doc.as_table_mut(), "name", &Val::Str("张伟".into())));
        assert!(set(doc.as_table_mut(), "phone", &Val::Str("2".into())));
        assert!(set(doc.as_table_mut(), "term", &Val::Str("第十八届".into())));
        assert!(set(doc.as_table_mut(), "region", &Val::Remove));
        let out = doc.to_string();
        assert!(
            out.starts_with("# 换届后核对\nname = \"张伟\" # 本名\nphone = \"2\"\n"),
            "{out}"
        );
        assert!(out.contains("term = \"第十八届\""));
        assert!(!out.contains("region"));
        let parsed: toml::Table = toml::from_str(&out).unwrap();
        assert_eq!(parsed["extra"]["note"].as_str(), Some("x"));
    }

    #[test]
    fn same_values_are_not_changes() {
        let mut doc: DocumentMut =
            "levels = [\"county\", \"township\"]\nuntil = 2026-12-31\nlocation = { lat = 28.5, lon = 112.1 }\n"
                .parse()
                .unwrap();
        let t = doc.as_table_mut();
        assert!(!set(t, "levels", &Val::List(vec!["county".into(), "township".into()])));
        assert!(!set(
            t,
            "until",
            &Val::Date(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap())
        ));
        assert!(!set(t, "location", &Val::Location(28.5, 112.1)));
        assert!(!set(t, "levels", &Val::List(vec!["township".into(), "county".into()])));
        assert!(set(t, "levels", &Val::List(vec!["county".into()])));
    }
}
