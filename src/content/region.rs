//! content/regions.toml: the administrative areas (行政区划).

use super::fields::{self, Spanned, Table};
use crate::diag::{Diagnostics, SourceRef};

#[derive(Debug, Clone)]
pub(crate) struct RegionEntry {
    pub(crate) code: Spanned<String>,
    pub(crate) name: String,
    pub(crate) parent: Option<Spanned<String>>,
    pub(crate) extra: serde_json::Value,
    pub(crate) src: SourceRef,
}

const KEYS: &[&str] = &["code", "name", "parent"];

/// A division code: 6 digits (GB/T 2260) or a longer township/village code.
pub(crate) fn is_valid_code(code: &str) -> bool {
    (6..=15).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

/// The regions of regions.toml, and the code of every entry (even one that failed to load, so
/// that references to it are not reported a second time).
pub(crate) fn read(src: &SourceRef, diags: &mut Diagnostics) -> (Vec<RegionEntry>, Vec<String>) {
    let mut codes = Vec::new();
    let Some(table) = fields::parse(src, &src.text, 0, diags) else {
        return (Vec::new(), codes);
    };
    let t = Table::new(src, 0, &table, 0..0).without_extra();
    t.deny_unknown(&["region"], diags);
    let mut out = Vec::new();
    for r in t.tables("region", diags).into_iter().map(|r| r.with_extra()) {
        r.deny_unknown(KEYS, diags);
        let code = r.string("code", true, diags);
        let name = r.string("name", true, diags);
        let parent = r.string("parent", false, diags);
        for c in code.iter().chain(parent.iter()) {
            if !is_valid_code(&c.value) {
                diags.push(
                    src.error(c.span.clone(), format!("`{}` is not a division code", c.value))
                        .with_hint("use the 6-digit GB/T 2260 code, or a 9- or 12-digit township/village code"),
                );
            }
        }
        let extra = r.extra(diags);
        if let Some(c) = &code {
            codes.push(c.value.clone());
        }
        if let (Some(code), Some(name)) = (code, name) {
            out.push(RegionEntry {
                code,
                name: name.value,
                parent,
                extra,
                src: src.clone(),
            });
        }
    }
    (out, codes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes() {
        assert!(super::is_valid_code("430000"));
        assert!(super::is_valid_code("430922104"));
        assert!(!super::is_valid_code("43"));
        assert!(!super::is_valid_code("43a000"));
    }
}
