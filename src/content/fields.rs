//! Typed reading of TOML tables with source spans.
//!
//! The TOML is parsed into a spanned tree (`toml::de::DeTable`), then each kind of file reads
//! the keys it knows through a [`Table`]. Every problem (a missing key, a wrong type, an unknown
//! key) becomes a diagnostic at the key or value in the file, and reading goes on, so one run
//! reports everything.

use std::ops::Range;

use chrono::NaiveDate;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostics, Source, did_you_mean};

/// A value and where it was written, as a byte range of its file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Spanned<T> {
    pub(crate) value: T,
    pub(crate) span: Range<usize>,
}

impl<T> Spanned<T> {
    pub(crate) fn new(value: T, span: Range<usize>) -> Self {
        Spanned { value, span }
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// Parses TOML text found at `base` in `src`. Syntax errors are reported; whatever could be
/// recovered is returned so that the rest of the file is still checked.
pub fn parse<'i>(src: &Source, text: &'i str, base: usize, diags: &mut Diagnostics) -> Option<DeTable<'i>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    let failed = !errors.is_empty();
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        let msg = e.message().trim().trim_end_matches('.').to_string();
        diags.push(src.error(base + span.start..base + span.end, format!("TOML syntax: {msg}")));
    }
    if failed {
        // A broken document yields partial tables; checking them would only add noise.
        return None;
    }
    let table = table.into_inner();
    control_characters(src, base, &table, diags);
    Some(table)
}

/// Reports a control character written as an escape (`"\u0001"`) in any key or string of a
/// table, at the key or value (the TOML reader already refuses them written as they are).
fn control_characters(src: &Source, base: usize, table: &DeTable<'_>, diags: &mut Diagnostics) {
    fn bad(s: &str) -> Option<char> {
        s.chars().find(|&c| crate::text::is_forbidden(c))
    }
    fn report(src: &Source, span: Range<usize>, c: char, diags: &mut Diagnostics) {
        diags.push(
            src.error(span, format!("control character U+{:04X} in the text", c as u32))
                .with_hint("remove the escape: liaison publishes no control characters"),
        );
    }
    fn value(src: &Source, base: usize, v: &DeValue<'_>, span: Range<usize>, diags: &mut Diagnostics) {
        match v {
            DeValue::String(s) => {
                if let Some(c) = bad(s) {
                    report(src, base + span.start..base + span.end, c, diags);
                }
            }
            DeValue::Array(a) => {
                for x in a.iter() {
                    value(src, base, x.get_ref(), x.span(), diags);
                }
            }
            DeValue::Table(t) => control_characters(src, base, t, diags),
            _ => {}
        }
    }
    for (k, v) in table.iter() {
        if let Some(c) = bad(k.get_ref()) {
            report(src, base + k.span().start..base + k.span().end, c, diags);
        }
        value(src, base, v.get_ref(), v.span(), diags);
    }
}

/// The values of an array with their spans.
type Items<'a, 'i> = Vec<(&'a DeValue<'i>, Range<usize>)>;

/// A table being read, with the file it is in.
pub struct Table<'a, 'i> {
    pub(crate) src: &'a Source,
    base: usize,
    table: &'a DeTable<'i>,
    /// Where the table itself is (for "missing key" messages).
    pub(crate) span: Range<usize>,
    /// The table's name in messages, such as `manager` or `reception #2`.
    context: String,
    /// Whether `extra` is read from this table (files' top level and `[[region]]` entries);
    /// elsewhere it would be silently dropped, so it is an unknown key like any other.
    extra_ok: bool,
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

impl<'a, 'i> Table<'a, 'i> {
    pub fn new(src: &'a Source, base: usize, table: &'a DeTable<'i>, span: Range<usize>) -> Self {
        Table {
            src,
            base,
            table,
            span,
            context: String::new(),
            extra_ok: true,
        }
    }

    fn abs(&self, r: Range<usize>) -> Range<usize> {
        self.base + r.start..self.base + r.end
    }

    fn key_name(&self, key: &str) -> String {
        if self.context.is_empty() {
            format!("`{key}`")
        } else {
            format!("`{key}` in {}", self.context)
        }
    }

    fn lookup(&self, key: &str) -> Option<(Range<usize>, &'a DeValue<'i>, Range<usize>)> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(k, v)| (self.abs(k.span()), v.get_ref(), self.abs(v.span())))
    }

    /// Reports every key that is not in `known` (nor `extra`, which every table accepts).
    pub(crate) fn deny_unknown(&self, known: &[&str], diags: &mut Diagnostics) {
        for (k, _) in self.table.iter() {
            let name = k.get_ref().as_ref();
            if (name == "extra" && self.extra_ok) || known.contains(&name) {
                continue;
            }
            let mut d = self
                .src
                .error(self.abs(k.span()), format!("unknown key {}", self.key_name(name)));
            if let Some(h) = did_you_mean(name, known.iter().copied()) {
                d = d.with_hint(h);
            } else {
                d = d.with_hint(format!(
                    "known keys here are {}{}",
                    known.join(", "),
                    if self.extra_ok {
                        "; free-form data goes under [extra]"
                    } else {
                        ""
                    }
                ));
            }
            diags.push(d);
        }
    }

    fn missing(&self, key: &str, diags: &mut Diagnostics) {
        let what = if self.context.is_empty() {
            "".to_string()
        } else {
            format!(" in {}", self.context)
        };
        diags.push(
            self.src
                .error(self.span.clone(), format!("missing required key `{key}`{what}")),
        );
    }

    fn wrong(&self, key: &str, expected: &str, v: &DeValue<'_>, span: Range<usize>, diags: &mut Diagnostics) {
        diags.push(self.src.error(
            span,
            format!("{} must be {expected}, found {}", self.key_name(key), type_name(v)),
        ));
    }

    /// Accept and read `[extra]` in this table too.
    pub(crate) fn with_extra(mut self) -> Self {
        self.extra_ok = true;
        self
    }

    /// Reject `[extra]` here (a table whose `extra` nobody reads).
    pub(crate) fn without_extra(mut self) -> Self {
        self.extra_ok = false;
        self
    }

    /// The value of `key` and its span; a missing key is reported when it is `required`.
    fn value(&self, key: &str, required: bool, diags: &mut Diagnostics) -> Option<(&'a DeValue<'i>, Range<usize>)> {
        match self.lookup(key) {
            Some((_, v, span)) => Some((v, span)),
            None => {
                if required {
                    self.missing(key, diags);
                }
                None
            }
        }
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.lookup(key).is_some()
    }

    /// A key's own span, for messages about the key as a whole.
    pub(crate) fn key_span(&self, key: &str) -> Option<Range<usize>> {
        self.lookup(key).map(|(k, _, _)| k)
    }

    pub(crate) fn string(&self, key: &str, required: bool, diags: &mut Diagnostics) -> Option<Spanned<String>> {
        match self.value(key, required, diags)? {
            (DeValue::String(s), span) => {
                if required && s.trim().is_empty() {
                    diags.push(
                        self.src
                            .error(span, format!("{} must not be empty", self.key_name(key))),
                    );
                    return None;
                }
                Some(Spanned::new(s.to_string(), span))
            }
            (v, span) => {
                self.wrong(key, "a string in quotes", v, span, diags);
                None
            }
        }
    }

    pub(crate) fn integer(&self, key: &str, required: bool, diags: &mut Diagnostics) -> Option<Spanned<i64>> {
        match self.value(key, required, diags)? {
            (DeValue::Integer(i), span) => match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                Ok(n) => Some(Spanned::new(n, span)),
                Err(_) => {
                    diags.push(self.src.error(span, format!("{} is out of range", self.key_name(key))));
                    None
                }
            },
            (v, span) => {
                self.wrong(key, "a whole number", v, span, diags);
                None
            }
        }
    }

    pub(crate) fn float(&self, key: &str, required: bool, diags: &mut Diagnostics) -> Option<Spanned<f64>> {
        match self.value(key, required, diags)? {
            (DeValue::Float(f), span) => match f.as_str().replace('_', "").parse::<f64>() {
                Ok(x) if x.is_finite() => Some(Spanned::new(x, span)),
                _ => {
                    diags.push(
                        self.src
                            .error(span, format!("{} must be a finite number", self.key_name(key))),
                    );
                    None
                }
            },
            (DeValue::Integer(i), span) => match i.as_str().replace('_', "").parse::<i64>() {
                Ok(n) => Some(Spanned::new(n as f64, span)),
                Err(_) => {
                    self.wrong(key, "a number", &DeValue::Integer(i.clone()), span, diags);
                    None
                }
            },
            (v, span) => {
                self.wrong(key, "a number", v, span, diags);
                None
            }
        }
    }

    pub(crate) fn boolean(&self, key: &str, diags: &mut Diagnostics) -> Option<Spanned<bool>> {
        match self.value(key, false, diags)? {
            (DeValue::Boolean(b), span) => Some(Spanned::new(*b, span)),
            (v, span) => {
                self.wrong(key, "true or false", v, span, diags);
                None
            }
        }
    }

    /// A date written as a TOML date (`2024-07-15`) or as a string `"2024-07-15"`.
    pub(crate) fn date(&self, key: &str, required: bool, diags: &mut Diagnostics) -> Option<Spanned<NaiveDate>> {
        let (v, span) = self.value(key, required, diags)?;
        self.date_value(key, v, span, diags)
    }

    fn date_value(
        &self,
        key: &str,
        v: &DeValue<'_>,
        span: Range<usize>,
        diags: &mut Diagnostics,
    ) -> Option<Spanned<NaiveDate>> {
        let parsed = match v {
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt
                .date
                .and_then(|d| NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32)),
            DeValue::String(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok(),
            _ => None,
        };
        match parsed {
            Some(d) => Some(Spanned::new(d, span)),
            None => {
                diags.push(
                    self.src
                        .error(span, format!("{} must be a date like 2024-07-15", self.key_name(key))),
                );
                None
            }
        }
    }

    fn array(&self, key: &str, diags: &mut Diagnostics) -> Option<(Items<'a, 'i>, Range<usize>)> {
        match self.lookup(key)? {
            (_, DeValue::Array(a), span) => Some((a.iter().map(|v| (v.get_ref(), self.abs(v.span()))).collect(), span)),
            (_, v, span) => {
                self.wrong(key, "a list in [ ]", v, span, diags);
                None
            }
        }
    }

    pub(crate) fn string_list(&self, key: &str, diags: &mut Diagnostics) -> Option<Spanned<Vec<Spanned<String>>>> {
        let (items, span) = self.array(key, diags)?;
        let mut out = Vec::new();
        for (v, s) in items {
            match v {
                DeValue::String(x) => out.push(Spanned::new(x.to_string(), s)),
                other => self.wrong(key, "a list of strings", other, s, diags),
            }
        }
        Some(Spanned::new(out, span))
    }

    pub(crate) fn date_list(&self, key: &str, diags: &mut Diagnostics) -> Option<Spanned<Vec<Spanned<NaiveDate>>>> {
        let (items, span) = self.array(key, diags)?;
        let out = items
            .into_iter()
            .filter_map(|(v, s)| self.date_value(key, v, s, diags))
            .collect();
        Some(Spanned::new(out, span))
    }

    /// A sub-table (`[manager]` or `manager = { ... }`).
    pub(crate) fn table(&self, key: &str, diags: &mut Diagnostics) -> Option<Table<'a, 'i>> {
        match self.lookup(key)? {
            (_, DeValue::Table(t), span) => Some(Table {
                src: self.src,
                base: self.base,
                table: t,
                span,
                context: format!("`{key}`"),
                extra_ok: false,
            }),
            (_, v, span) => {
                self.wrong(key, "a table", v, span, diags);
                None
            }
        }
    }

    /// An array of tables (`[[reception]]`).
    pub(crate) fn tables(&self, key: &str, diags: &mut Diagnostics) -> Vec<Table<'a, 'i>> {
        let Some((items, _)) = self.array(key, diags) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, (v, span)) in items.into_iter().enumerate() {
            match v {
                DeValue::Table(t) => out.push(Table {
                    src: self.src,
                    base: self.base,
                    table: t,
                    span,
                    context: format!("[[{key}]] #{}", i + 1),
                    extra_ok: false,
                }),
                other => self.wrong(key, "a list of tables", other, span, diags),
            }
        }
        out
    }

    /// The `[extra]` table as JSON for templates (dates become `YYYY-MM-DD` strings).
    pub(crate) fn extra(&self, diags: &mut Diagnostics) -> serde_json::Value {
        match self.lookup("extra") {
            None => serde_json::Value::Object(Default::default()),
            Some((_, v @ DeValue::Table(_), _)) => to_json(v),
            Some((_, v, span)) => {
                self.wrong("extra", "a table", v, span, diags);
                serde_json::Value::Object(Default::default())
            }
        }
    }
}

fn to_json(v: &DeValue<'_>) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        DeValue::String(s) => J::String(s.to_string()),
        DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
            .map(J::from)
            .unwrap_or(J::Null),
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(J::Number)
            .unwrap_or(J::Null),
        DeValue::Boolean(b) => J::Bool(*b),
        DeValue::Datetime(d) => J::String(d.to_string()),
        DeValue::Array(a) => J::Array(a.iter().map(|x| to_json(x.get_ref())).collect()),
        DeValue::Table(t) => J::Object(
            t.iter()
                .map(|(k, x)| (k.get_ref().to_string(), to_json(x.get_ref())))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn with_table<R>(toml: &str, f: impl FnOnce(&Table, &mut Diagnostics) -> R) -> (R, Vec<String>) {
        let src = Source::new(Path::new("."), "x.toml", toml.to_string());
        let mut diags = Diagnostics::new();
        let t = parse(&src, &src.text, 0, &mut diags).expect("valid toml");
        let table = Table::new(&src, 0, &t, 0..0);
        let r = f(&table, &mut diags);
        (r, diags.into_sorted().iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn unknown_key_points_at_the_key_with_a_hint() {
        let (_, d) = with_table("name = \"a\"\nadress = \"b\"\n", |t, d| {
            t.deny_unknown(&["name", "address"], d)
        });
        assert_eq!(d, vec!["x.toml:2:1: unknown key `adress` (did you mean `address`?)"]);
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let (v, d) = with_table("name = 3\n", |t, d| t.string("name", true, d));
        assert!(v.is_none());
        assert_eq!(
            d,
            vec!["x.toml:1:8: `name` must be a string in quotes, found an integer"]
        );
    }

    #[test]
    fn dates_as_toml_dates_or_strings() {
        let (v, d) = with_table("a = 2024-02-29\nb = \"2024-03-01\"\nc = \"2023-02-29\"\n", |t, d| {
            (t.date("a", true, d), t.date("b", true, d), t.date("c", true, d))
        });
        assert_eq!(v.0.unwrap().value, NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert_eq!(v.1.unwrap().value, NaiveDate::from_ymd_opt(2024, 3, 1).unwrap());
        assert!(v.2.is_none());
        assert_eq!(d, vec!["x.toml:3:5: `c` must be a date like 2024-07-15"]);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let src = Source::new(Path::new("."), "x.toml", "a = 1\nb = \n".to_string());
        let mut diags = Diagnostics::new();
        assert!(parse(&src, &src.text, 0, &mut diags).is_none());
        let d = diags.into_sorted();
        assert_eq!(d[0].line, 2, "{:?}", d);
    }

    #[test]
    fn escaped_control_characters_are_reported_where_they_are() {
        let src = Source::new(
            Path::new("."),
            "x.toml",
            "a = \"x\\u000By\"\n[t]\nb = [\"ok\", \"\\u001B[0m\"]\n".to_string(),
        );
        let mut diags = Diagnostics::new();
        assert!(parse(&src, &src.text, 0, &mut diags).is_some());
        let d: Vec<String> = diags.into_sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].starts_with("x.toml:1:5: control character U+000B"), "{d:?}");
        assert!(d[1].starts_with("x.toml:3:12: control character U+001B"), "{d:?}");
    }

    #[test]
    fn missing_required_key_in_sub_table() {
        let (_, d) = with_table("[manager]\nrole = \"x\"\n", |t, d| {
            let m = t.table("manager", d).unwrap();
            m.string("name", true, d)
        });
        assert_eq!(d.len(), 1);
        assert!(d[0].contains("missing required key `name` in `manager`"), "{d:?}");
    }
}
