//! The shape of the code, read from the code itself with `syn`: no function over 80 lines
//! outside tests, and imports that point one way, from higher layers to lower ones. The
//! layers are the ones drawn in `docs/design.md`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use syn::visit::{self, Visit};

/// The longest a function may be, from `fn` to its closing brace.
const MAX_LINES: usize = 80;

/// The modules of the library, lowest layer first. A module may use the modules before it,
/// never one after it. Keep in step with the graph in docs/design.md.
const LAYERS: &[&[&str]] = &[
    &[
        "diag", "error", "text", "privacy", "layout", "url", "today", "timings", "collate", "names", "markdown",
    ],
    &["output"],
    &["content"],
    &["reception", "validate"],
    &["model"],
    &["pages", "columns"],
    &["render"],
    &["outputs"],
    &["pipeline"],
    &["rebuild"],
    &["serve", "import", "scaffold", "roster"],
];

fn sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    assert!(out.len() > 40, "found only {} source files", out.len());
    out
}

/// `src/model/build.rs`, as messages name it.
fn shown(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string()
}

fn parse(path: &Path) -> syn::File {
    let text = fs::read_to_string(path).unwrap();
    syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", shown(path)))
}

/// `src/model/build.rs` → `model`; `src/lib.rs` → `lib`.
fn top_module(path: &Path) -> String {
    let rel = path
        .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
        .unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    first.trim_end_matches(".rs").to_string()
}

fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("test")
            || (a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test"))
    })
}

/// Functions and the `crate::` paths they use, outside `#[cfg(test)]` and `#[test]` items.
#[derive(Default)]
struct Reader {
    long: Vec<(usize, String, usize)>,
    uses: BTreeSet<(String, usize)>,
}

impl Reader {
    fn function(&mut self, name: &syn::Ident, sig: &syn::Signature, block: &syn::Block) {
        let start = sig.fn_token.span.start().line;
        let end = block.brace_token.span.close().end().line;
        let lines = end + 1 - start;
        if lines > MAX_LINES {
            self.long.push((start, name.to_string(), lines));
        }
    }
    fn crate_path<'a>(&mut self, mut segments: impl Iterator<Item = &'a syn::Ident>, line: usize) {
        if segments.next().is_some_and(|s| s == "crate")
            && let Some(module) = segments.next()
        {
            self.uses.insert((module.to_string(), line));
        }
    }
}

/// Every `crate::x` a `use` tree names: `use crate::{a::B, c}` names `a` and `c`.
fn use_tree_modules(tree: &syn::UseTree, out: &mut Vec<(String, usize)>) {
    match tree {
        syn::UseTree::Path(p) if p.ident == "crate" => top_of(&p.tree, out),
        _ => {}
    }
    fn top_of(tree: &syn::UseTree, out: &mut Vec<(String, usize)>) {
        match tree {
            syn::UseTree::Path(p) => out.push((p.ident.to_string(), p.ident.span().start().line)),
            syn::UseTree::Name(n) => out.push((n.ident.to_string(), n.ident.span().start().line)),
            syn::UseTree::Rename(r) => out.push((r.ident.to_string(), r.ident.span().start().line)),
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| top_of(t, out)),
            syn::UseTree::Glob(_) => {}
        }
    }
}

impl<'ast> Visit<'ast> for Reader {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if !is_test_only(&m.attrs) {
            visit::visit_item_mod(self, m);
        }
    }
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if !is_test_only(&f.attrs) {
            self.function(&f.sig.ident, &f.sig, &f.block);
            visit::visit_item_fn(self, f);
        }
    }
    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if !is_test_only(&f.attrs) {
            self.function(&f.sig.ident, &f.sig, &f.block);
            visit::visit_impl_item_fn(self, f);
        }
    }
    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(block) = &f.default {
            self.function(&f.sig.ident, &f.sig, block);
        }
        visit::visit_trait_item_fn(self, f);
    }
    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        if !is_test_only(&u.attrs) {
            let mut found = Vec::new();
            use_tree_modules(&u.tree, &mut found);
            self.uses.extend(found);
        }
    }
    fn visit_path(&mut self, p: &'ast syn::Path) {
        let line = p.segments.first().map_or(0, |s| s.ident.span().start().line);
        self.crate_path(p.segments.iter().map(|s| &s.ident), line);
        visit::visit_path(self, p);
    }
}

/// What a file holds outside tests (nothing, for a file that is `#![cfg(test)]`).
fn read(path: &Path) -> Reader {
    let mut reader = Reader::default();
    let file = parse(path);
    if !is_test_only(&file.attrs) {
        reader.visit_file(&file);
    }
    reader
}

#[test]
fn no_function_is_over_80_lines_outside_tests() {
    let mut long = Vec::new();
    for path in sources() {
        for (line, name, lines) in read(&path).long {
            long.push(format!("{}:{line}: fn {name} is {lines} lines", shown(&path)));
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn a_long_function_is_seen() {
    // the reader itself: a function of 81 lines is reported, one of 80 is not
    let body = |n: usize| format!("fn f() {{\n{}}}\n", "    let _x = 1;\n".repeat(n - 2));
    let mut reader = Reader::default();
    reader.visit_file(&syn::parse_file(&body(81)).unwrap());
    reader.visit_file(&syn::parse_file(&format!("#[cfg(test)]\nmod tests {{ {} }}", body(200))).unwrap());
    assert_eq!(reader.long.iter().map(|l| l.2).collect::<Vec<_>>(), [81]);
    let mut reader = Reader::default();
    reader.visit_file(&syn::parse_file(&body(80)).unwrap());
    assert!(reader.long.is_empty());
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// What is wrong with module `from` using `crate::to`, if anything.
fn against_layers(from: &str, to: &str) -> Option<String> {
    if to == from || to == "self" || to == "super" {
        return None;
    }
    let Some(from_layer) = layer_of(from) else {
        return Some(format!("module `{from}` is in no layer"));
    };
    match layer_of(to) {
        // an item re-exported at the crate root (such as `crate::Today`) belongs to `lib`
        None => Some(format!("`{from}` uses `crate::{to}`, which is in no layer")),
        Some(l) if l > from_layer || (l == from_layer && !earlier_in_layer(to, from)) => {
            Some(format!("`{from}` (layer {from_layer}) uses `{to}` (layer {l})"))
        }
        Some(_) => None,
    }
}

#[test]
fn imports_point_from_higher_layers_to_lower_ones() {
    let mut wrong = Vec::new();
    let mut seen = BTreeSet::new();
    for path in sources() {
        let from = top_module(&path);
        if from == "main" || from == "lib" {
            continue;
        }
        for (to, line) in read(&path).uses {
            seen.insert((from.clone(), to.clone()));
            if let Some(why) = against_layers(&from, &to) {
                wrong.push(format!("{}:{line}: {why}", shown(&path)));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layers:\n{}", wrong.join("\n"));
    // the reader found the imports there are: the pipeline uses the stages below it
    for (from, to) in [
        ("pipeline", "model"),
        ("rebuild", "pipeline"),
        ("render", "pages"),
        ("serve", "rebuild"),
        ("content", "diag"),
    ] {
        assert!(
            seen.contains(&(from.into(), to.into())),
            "{from} → {to} not seen: {seen:?}"
        );
    }
}

#[test]
fn an_upward_import_is_seen() {
    let mut reader = Reader::default();
    let file = "use crate::{diag::Diagnostics, render::theme};\nfn f() { crate::pipeline::build(); }\n\
                #[cfg(test)]\nmod tests { use crate::serve::serve; }";
    reader.visit_file(&syn::parse_file(file).unwrap());
    let uses: Vec<&str> = reader.uses.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(uses, ["diag", "pipeline", "render"]);
    let wrong: Vec<String> = uses.iter().filter_map(|to| against_layers("content", to)).collect();
    assert_eq!(wrong.len(), 2, "{wrong:?}");
    assert!(against_layers("markdown", "text").is_none() && against_layers("text", "markdown").is_some());
    assert!(against_layers("render", "render").is_none() && against_layers("output", "content").is_some());
}

/// Within one layer, a module may use the ones listed before it.
fn earlier_in_layer(to: &str, from: &str) -> bool {
    LAYERS.iter().any(|layer| {
        let t = layer.iter().position(|m| *m == to);
        let f = layer.iter().position(|m| *m == from);
        matches!((t, f), (Some(t), Some(f)) if t < f)
    })
}

#[test]
fn every_module_is_in_a_layer() {
    let declared: BTreeSet<String> = parse(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .items
        .iter()
        .filter_map(|i| match i {
            syn::Item::Mod(m) => Some(m.ident.to_string()),
            _ => None,
        })
        .collect();
    assert!(declared.len() > 20, "{declared:?}");
    let layered: BTreeSet<String> = LAYERS.iter().flat_map(|l| l.iter().map(|m| m.to_string())).collect();
    assert_eq!(declared, layered);
}
