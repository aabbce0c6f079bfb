//! The theme's and the site's stylesheets and scripts, minified as they are copied (when
//! `[build] minify` is on): CSS with lightningcss, JavaScript with oxc's minifier. A script
//! that does not parse, or a file that is not UTF-8, is copied as it is: browsers are lenient,
//! and the webmaster's file is theirs.

use oxc_allocator::Allocator;
use oxc_codegen::{Codegen, CodegenOptions};
use oxc_minifier::{CompressOptions, MangleOptions, Minifier, MinifierOptions};
use oxc_parser::Parser;
use oxc_span::SourceType;

/// The minified form of a static file, when it is a stylesheet or a script that parses.
pub(crate) fn minify(path: &str, bytes: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let ext = path.rsplit('.').next()?;
    let out = match ext {
        "css" => css(text)?,
        "js" => js(text, SourceType::cjs()).or_else(|| js(text, SourceType::mjs()))?,
        "mjs" => js(text, SourceType::mjs())?,
        _ => return None,
    };
    (out.len() < bytes.len()).then(|| out.into_bytes())
}

fn css(text: &str) -> Option<String> {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let mut sheet = StyleSheet::parse(text, ParserOptions::default()).ok()?;
    sheet.minify(MinifyOptions::default()).ok()?;
    let printed = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .ok()?;
    Some(printed.code)
}

fn js(text: &str, source_type: SourceType) -> Option<String> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, text, source_type).parse();
    if !parsed.errors.is_empty() || parsed.panicked {
        return None;
    }
    let mut program = parsed.program;
    // The safest compression: no assumptions about globals or side effects.
    Minifier::new(MinifierOptions {
        mangle: Some(MangleOptions::default()),
        compress: Some(CompressOptions::safest()),
    })
    .minify(&allocator, &mut program);
    let code = Codegen::new()
        .with_options(CodegenOptions {
            minify: true,
            ..CodegenOptions::default()
        })
        .build(&program)
        .code;
    Some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stylesheets_and_scripts_get_smaller_and_others_are_left() {
        let css = b"/* note */\n.a {\n  color: #ff0000;\n  margin: 0px;\n}\n";
        assert_eq!(minify("a.css", css).unwrap(), b".a{color:red;margin:0}");
        let js = b"// note\nfunction add(first, second) {\n  return first + second;\n}\nwindow.add = add;\n";
        let out = String::from_utf8(minify("a.js", js).unwrap()).unwrap();
        assert!(out.len() < js.len() && out.contains("window.add"), "{out}");
        let module = b"const m = await import(\"/x.js\");\nexport const y = m;\n";
        assert!(minify("s.js", module).is_some());
        assert_eq!(
            minify("a.css", b"a { color: \xff }"),
            None,
            "a file that is not UTF-8 is copied as it is"
        );
        assert_eq!(
            minify("a.js", b"function ("),
            None,
            "a script that does not parse is copied as it is"
        );
        assert_eq!(minify("a.svg", b"<svg/>"), None);
    }
}
