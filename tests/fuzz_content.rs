//! Fuzzing the content reader (front matter and body) with proptest: arbitrary text, and
//! files built from the pieces real ones are made of (keys of every kind, values of the wrong
//! type, escapes, control characters, unclosed tables, deep Markdown). The reader must never
//! panic, and every problem it reports must point inside the file. `PROPTEST_CASES` sets the
//! number of cases (CI runs more than the default).

use liaison::content::check_text;
use proptest::prelude::*;

const PATHS: &[&str] = &[
    "content/stations/a.md",
    "content/representatives/a.md",
    "content/pages/a.md",
    "content/bulletins/2026/3.md",
    "content/regions.toml",
    "content/holidays.toml",
];

fn check(rel: &str, text: &str) -> Result<(), TestCaseError> {
    let diags = check_text(rel, text);
    let lines = text.split('\n').count();
    for d in diags.iter() {
        prop_assert!(d.line <= lines, "{d} points past the end ({lines} lines)");
        prop_assert!(!d.message.is_empty());
        if d.line > 0 {
            let line = text.split('\n').nth(d.line - 1).unwrap_or("");
            // a column may point just after the last character (a missing value)
            prop_assert!(
                d.column <= line.chars().count() + 1,
                "{d}: column past the line {line:?}"
            );
        }
    }
    Ok(())
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "name",
            "kind",
            "region",
            "address",
            "phone",
            "hours",
            "location",
            "established",
            "manager",
            "liaison",
            "gender",
            "levels",
            "station",
            "delegation",
            "unit",
            "position",
            "photo",
            "date",
            "issue",
            "total",
            "publisher",
            "editors",
            "contact",
            "approval",
            "recipients",
            "title",
            "description",
            "code",
            "parent",
            "rrule",
            "start",
            "end",
            "since",
            "until",
            "except",
            "representatives",
            "on_holiday",
            "from",
            "to",
            "regions",
            "stations",
        ])
        .prop_map(str::to_string),
        "[a-z_]{1,10}",
        "\"[^\"\\\\]{0,6}\"",
    ]
}

fn value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        "\"[^\"\\\\\\n]{0,12}\"",
        "'''[^']{0,12}'''",
        "\"\\\\u00[0-1][0-9A-F]\"",
        "-?[0-9]{1,20}",
        "-?[0-9]{1,4}\\.[0-9]{0,4}",
        "(19|20|21)[0-9]{2}-[0-1][0-9]-[0-3][0-9]",
        "\"(19|20|21)[0-9]{2}-[0-1][0-9]-[0-3][0-9]\"",
        "\"[0-2][0-9]:[0-5][0-9]\"",
        "\"FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY|SECONDLY);(BYDAY|BYMONTHDAY|COUNT|INTERVAL)=[-0-9A-Z,]{0,8}\"",
        Just("true".to_string()),
        Just("nan".to_string()),
        Just("inf".to_string()),
        "\"(center|area|group|home|office|national|county|township|男|女|postpone|cancel)\"",
        "\"[0-9]{6,12}\"",
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec((key(), inner), 0..3).prop_map(|kv| {
                let parts: Vec<String> = kv.into_iter().map(|(k, v)| format!("{k} = {v}")).collect();
                format!("{{ {} }}", parts.join(", "))
            }),
        ]
    })
}

fn front_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (key(), value()).prop_map(|(k, v)| format!("{k} = {v}")),
        1 => key().prop_map(|k| format!("[{k}]")),
        1 => key().prop_map(|k| format!("[[{k}]]")),
        1 => Just("[extra]".to_string()),
        1 => "[^\\n]{0,16}",
        1 => Just(String::new()),
    ]
}

fn body_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[>*_~\\[\\]()#|` -]{0,60}[人大代表联络站 a-z]{0,8}",
        "(> ){0,80}(- ){0,40}[^\\n]{0,10}",
        "\\*{0,200}强调\\*{0,200}",
        "[\\x00-\\x1f\\x7f]{0,3}[人大]{0,3}",
        "<(div|b|script|img)[^>]{0,10}>{0,1}",
        "!?\\[[^\\]]{0,6}\\]\\((javascript:|data:|https://x/|)[^)]{0,6}\\)",
        "## [^\\n]{0,12}",
        "\\|[^\\n]{0,10}\\|",
        "[^\\n]{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400),
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_reader_never_panics_on_any_text(path in prop::sample::select(PATHS), text in any::<String>()) {
        check(path, &text)?;
    }

    #[test]
    fn the_reader_never_panics_on_content_like_files(
        path in prop::sample::select(PATHS),
        bom in any::<bool>(),
        crlf in any::<bool>(),
        open in any::<bool>(),
        close in any::<bool>(),
        front in prop::collection::vec(front_line(), 0..16),
        body in prop::collection::vec(body_line(), 0..12),
    ) {
        let sep = if crlf { "\r\n" } else { "\n" };
        let mut text = String::new();
        if bom {
            text.push('\u{feff}');
        }
        let toml_file = path.ends_with(".toml");
        if open && !toml_file {
            text.push_str("+++");
            text.push_str(sep);
        }
        text.push_str(&front.join(sep));
        if !toml_file {
            text.push_str(sep);
            if close {
                text.push_str("+++");
                text.push_str(sep);
            }
            text.push_str(&body.join(sep));
        }
        check(path, &text)?;
    }
}
