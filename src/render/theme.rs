//! The theme: templates and static files from three layers, each overriding the one before
//! file by file: the default theme built into the binary, `themes/<theme>/` of the site, and
//! the site's own `templates/`.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::diag::{Diagnostic, Diagnostics, display_path};
use crate::layout::{self, Root};
use crate::output::Origin;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

pub struct Template {
    pub name: String,
    pub text: String,
    /// The path printed in messages: the built-in theme's `themes/default/templates/x.html`, or
    /// the site's file.
    pub(crate) display: String,
}

pub struct Theme {
    pub templates: Vec<Template>,
    /// Output path → source, sorted.
    pub(crate) statics: BTreeMap<String, Origin>,
}

fn builtin(dir: &Dir<'static>, prefix: &str, out: &mut BTreeMap<String, Origin>) {
    for f in dir.files() {
        if let Ok(rel) = f.path().strip_prefix(prefix) {
            out.insert(rel.to_string_lossy().replace('\\', "/"), Origin::BuiltIn(f.contents()));
        }
    }
    for d in dir.dirs() {
        builtin(d, prefix, out);
    }
}

/// Files under the site's folder `rel` (`static`, `themes/x/templates`), keyed by their path
/// relative to it, with `/` separators; a link that leads outside the site is an error.
pub(crate) fn files_under(root: &Root, rel: &str, out: &mut BTreeMap<String, Origin>, diags: &mut Diagnostics) {
    let walked = root.files_under(rel);
    for (path, why) in &walked.refused {
        diags.push(Diagnostic::whole_file(&root.given, path, why.to_string()).with_hint(why.hint()));
    }
    let prefix = format!("{rel}/");
    for (path, real) in walked.files {
        if let Some(inner) = path.strip_prefix(&prefix) {
            out.insert(inner.to_string(), Origin::File(real));
        }
    }
}

/// The problems of the theme's and the site's static and template folders alone (links that
/// lead out of the site), for a run that stops before it loads them.
pub(crate) fn refused_links(root: &Path, theme: &str) -> Diagnostics {
    let site = Root::new(root);
    let mut diags = Diagnostics::new();
    let theme_dir = format!("{}/{theme}", layout::THEMES);
    for dir in [
        layout::STATIC.to_string(),
        layout::TEMPLATES.to_string(),
        format!("{theme_dir}/templates"),
        format!("{theme_dir}/static"),
    ] {
        files_under(&site, &dir, &mut BTreeMap::new(), &mut diags);
    }
    diags
}

pub fn load(root: &Path, theme: &str, diags: &mut Diagnostics) -> Theme {
    let mut templates: BTreeMap<String, (Origin, String)> = BTreeMap::new();
    let mut statics: BTreeMap<String, Origin> = BTreeMap::new();
    if let Some(t) = DEFAULT_THEME.get_dir("templates") {
        let mut m = BTreeMap::new();
        builtin(t, "templates", &mut m);
        for (k, v) in m {
            templates.insert(k.clone(), (v, format!("themes/default/templates/{k}")));
        }
    }
    if let Some(s) = DEFAULT_THEME.get_dir("static") {
        builtin(s, "static", &mut statics);
    }
    let site = Root::new(root);
    let theme_dir = format!("{}/{theme}", layout::THEMES);
    if theme != "default" && !root.join(&theme_dir).is_dir() {
        diags.push(Diagnostic::whole_file(
            root,
            "site.toml",
            format!("theme `{theme}` not found: there is no folder themes/{theme}/"),
        ));
    }
    for layer in [format!("{theme_dir}/templates"), layout::TEMPLATES.to_string()] {
        let mut m = BTreeMap::new();
        files_under(&site, &layer, &mut m, diags);
        for (k, v) in m {
            templates.insert(k.clone(), (v, display_path(root, &format!("{layer}/{k}"))));
        }
    }
    files_under(&site, &format!("{theme_dir}/static"), &mut statics, diags);

    let mut out = Vec::new();
    for (name, (origin, display)) in templates {
        let bytes = match &origin {
            Origin::BuiltIn(b) => Ok(b.to_vec()),
            Origin::File(p) => std::fs::read(p),
        };
        match bytes.map(String::from_utf8) {
            Ok(Ok(text)) => out.push(Template { name, text, display }),
            Ok(Err(_)) => diags.push(Diagnostic::at(display, 1, 1, "the template is not valid UTF-8")),
            Err(e) => diags.push(Diagnostic::at(display, 1, 1, format!("cannot read the template: {e}"))),
        }
    }
    Theme {
        templates: out,
        statics,
    }
}
