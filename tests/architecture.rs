//! ARCHITECTURE.md's layer table is the truth about which module may import what:
//! every module of `src/` is in it, and each imports only from modules on lower layers
//! (or from within itself). This test reads the table and every source file, and fails
//! on an import that climbs, so the document cannot drift from the code.
//!
//! Test code (`tests.rs`, `testing.rs`, `test_support.rs`, `#[cfg(test)]` modules) is
//! left out: a test may drive the whole crate.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A module path, as its segments (`["engine", "figure"]`); the crate root is empty.
type ModPath = Vec<String>;

/// The layer table: each module listed with its layer, lowest first.
fn layers() -> BTreeMap<ModPath, u32> {
    let text = fs::read_to_string("ARCHITECTURE.md").expect("ARCHITECTURE.md");
    let mut layers = BTreeMap::new();
    for line in text.lines() {
        // | 3 | `calendar`, `plan` | what they own |
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let [_, layer, modules, ..] = cells.as_slice() else {
            continue;
        };
        let Ok(layer) = layer.parse::<u32>() else {
            continue;
        };
        for module in modules.split(',') {
            let module = module.trim().trim_matches('`');
            let path: ModPath = if module == "lib" {
                Vec::new()
            } else {
                module.split("::").map(str::to_owned).collect()
            };
            assert!(
                layers.insert(path, layer).is_none(),
                "`{module}` is listed twice in ARCHITECTURE.md"
            );
        }
    }
    assert!(!layers.is_empty(), "ARCHITECTURE.md has no layer table");
    layers
}

/// Every source file with its module path, test files left out.
fn sources() -> Vec<(PathBuf, ModPath)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).expect("src/") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(Path::new("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|file| {
            let relative = file.strip_prefix("src").ok()?.with_extension("");
            let mut path: ModPath = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if path.iter().any(|s| is_test_name(s)) {
                return None;
            }
            if matches!(path.last().map(String::as_str), Some("mod" | "lib")) {
                path.pop();
            }
            Some((file, path))
        })
        .collect()
}

fn is_test_name(segment: &str) -> bool {
    matches!(segment, "tests" | "testing" | "test_support")
}

/// The code of a file without comments, string and character literals, and with
/// `#[cfg(test)]` items removed: what is left names only real imports.
fn code_of(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let at = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    while i < chars.len() {
        if at(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if at(i, "/*") {
            let mut depth = 0;
            while i < chars.len() {
                if at(i, "/*") {
                    depth += 1;
                    i += 2;
                } else if at(i, "*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if chars[i] == 'r'
            && (at(i + 1, "\"") || at(i + 1, "#"))
            && !chars
                .get(i.wrapping_sub(1))
                .is_some_and(|c| c.is_alphanumeric() || *c == '_')
        {
            // A raw string: r"…", r#"…"#.
            let mut hashes = 0;
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(chars[i]);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            j += 1;
            while j < chars.len() && !at(j, &close) {
                j += 1;
            }
            i = j + close.chars().count();
            out.push_str("\"\"");
        } else if chars[i] == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if chars[i] == '\'' && (at(i + 2, "'") || at(i + 1, "\\")) {
            // A character literal ('{', '\n', '\u{202e}'), not a lifetime.
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    without_test_items(&out)
}

/// The code with each `#[cfg(test)]` item (a `mod … { … }` or a `mod …;`) removed.
fn without_test_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(start) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let end_of_item = after
            .char_indices()
            .find_map(|(k, c)| match c {
                ';' => Some(k + 1),
                '{' => {
                    let mut depth = 0;
                    after[k..].char_indices().find_map(|(m, c)| {
                        match c {
                            '{' => depth += 1,
                            '}' => {
                                depth -= 1;
                                if depth == 0 {
                                    return Some(k + m + 1);
                                }
                            }
                            _ => {}
                        }
                        None
                    })
                }
                _ => None,
            })
            .unwrap_or(after.len());
        rest = &after[end_of_item..];
    }
    out.push_str(rest);
    out
}

/// Every path the code names from `crate::`, `super::` or `self::`, or from one of the
/// file's own child modules, expanded through `{…}` groups, as absolute segments.
fn paths_named(code: &str, module: &[String], children: &BTreeSet<String>) -> Vec<ModPath> {
    let tokens = tokenize(code);
    let mut found = Vec::new();
    for k in 0..tokens.len() {
        let previous = k
            .checked_sub(1)
            .and_then(|p| tokens.get(p))
            .map(String::as_str);
        if previous == Some("::") {
            continue; // the middle of a path already read
        }
        let base: ModPath = match tokens[k].as_str() {
            "crate" => Vec::new(),
            "self" => module.to_vec(),
            "super" => module.to_vec(),
            word if children.contains(word) && tokens.get(k + 1).is_some_and(|t| t == "::") => {
                let mut base = module.to_vec();
                base.push(word.to_owned());
                base
            }
            _ => continue,
        };
        let mut j = k;
        let mut base = base;
        if tokens[k] == "super" {
            base.pop();
            while tokens.get(j + 1).is_some_and(|t| t == "::")
                && tokens.get(j + 2).is_some_and(|t| t == "super")
            {
                base.pop();
                j += 2;
            }
        }
        read_path(&tokens, j + 1, base, &mut found);
    }
    found
}

/// Reads `::a::b`, `::{a, b::c}` from `tokens[at]` on, pushing each full path.
fn read_path(tokens: &[String], mut at: usize, mut path: ModPath, found: &mut Vec<ModPath>) {
    while tokens.get(at).is_some_and(|t| t == "::") {
        match tokens.get(at + 1).map(String::as_str) {
            Some("{") => {
                let mut k = at + 2;
                loop {
                    read_path_item(tokens, &mut k, path.clone(), found);
                    match tokens.get(k).map(String::as_str) {
                        Some(",") => k += 1,
                        _ => break,
                    }
                    if tokens.get(k).is_some_and(|t| t == "}") {
                        break;
                    }
                }
                return;
            }
            Some(word) if is_ident(word) => {
                path.push(word.to_owned());
                at += 2;
            }
            _ => break,
        }
    }
    found.push(path);
}

/// One item of a `{…}` group: `a`, `a::b`, `a::{…}`, `self`, `*`; `k` is left after it.
fn read_path_item(tokens: &[String], k: &mut usize, mut path: ModPath, found: &mut Vec<ModPath>) {
    match tokens.get(*k).map(String::as_str) {
        Some("self") | Some("*") => {
            *k += 1;
            found.push(path);
        }
        Some(word) if is_ident(word) => {
            path.push(word.to_owned());
            *k += 1;
            if tokens.get(*k).is_some_and(|t| t == "::") {
                // Read the rest, then skip to the end of this item.
                let mut depth = 0usize;
                let start = *k;
                read_path(tokens, start, path, found);
                while let Some(t) = tokens.get(*k) {
                    match t.as_str() {
                        "{" => depth += 1,
                        "}" if depth == 0 => break,
                        "}" => depth -= 1,
                        "," if depth == 0 => break,
                        _ => {}
                    }
                    *k += 1;
                }
            } else {
                // `a as b`
                while tokens.get(*k).is_some_and(|t| t != "," && t != "}") {
                    *k += 1;
                }
                found.push(path);
            }
        }
        _ => {
            *k += 1;
        }
    }
}

fn is_ident(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && word.chars().all(|c| c.is_alphanumeric() || c == '_')
}

fn tokenize(code: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            let mut word = String::from(c);
            while let Some(&n) = chars.peek() {
                if n.is_alphanumeric() || n == '_' {
                    word.push(n);
                    chars.next();
                } else {
                    break;
                }
            }
            tokens.push(word);
        } else if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            tokens.push("::".to_owned());
        } else if !c.is_whitespace() {
            tokens.push(c.to_string());
        }
    }
    tokens
}

/// The names the crate root re-exports (`pub use engine::{assess, …}`), and the
/// module each comes from.
fn root_reexports(modules: &BTreeSet<ModPath>) -> BTreeMap<String, ModPath> {
    let code = code_of(&fs::read_to_string("src/lib.rs").expect("src/lib.rs"));
    let tokens = tokenize(&code);
    let mut names = BTreeMap::new();
    for k in 0..tokens.len() {
        if tokens[k] != "use" || k == 0 || tokens[k - 1] != "pub" {
            continue;
        }
        let Some(first) = tokens.get(k + 1) else {
            continue;
        };
        let mut found = Vec::new();
        read_path(&tokens, k + 2, vec![first.clone()], &mut found);
        for path in found {
            let module = module_of(&path, modules);
            if let (Some(name), false) = (path.last(), module.is_empty()) {
                names.insert(name.clone(), module);
            }
        }
    }
    names
}

/// The longest prefix of a path that is a module of the crate.
fn module_of(path: &[String], modules: &BTreeSet<ModPath>) -> ModPath {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|prefix| modules.contains(prefix))
        .unwrap_or_default()
}

/// The listed module a module belongs to: the longest listed prefix of its path.
fn unit_of<'a>(
    module: &[String],
    layers: &'a BTreeMap<ModPath, u32>,
) -> Option<(&'a ModPath, u32)> {
    (0..=module.len())
        .rev()
        .find_map(|n| layers.get_key_value(&module[..n]).map(|(k, v)| (k, *v)))
}

fn shown(path: &[String]) -> String {
    if path.is_empty() {
        "lib".to_owned()
    } else {
        path.join("::")
    }
}

#[test]
fn every_module_imports_only_from_lower_layers() {
    let layers = layers();
    let sources = sources();
    let mut modules: BTreeSet<ModPath> = sources.iter().map(|(_, m)| m.clone()).collect();
    // Test modules exist too: a path into one is not an import of its parent.
    modules.insert(Vec::new());
    let reexports = root_reexports(&modules);
    let mut wrong = Vec::new();
    let mut unlisted = BTreeSet::new();
    for (file, module) in &sources {
        let Some((unit, layer)) = unit_of(module, &layers) else {
            unlisted.insert(shown(module));
            continue;
        };
        if unit.is_empty() && !module.is_empty() {
            unlisted.insert(shown(module));
            continue;
        }
        let children: BTreeSet<String> = modules
            .iter()
            .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
            .filter_map(|m| m.last().cloned())
            .filter(|name| !is_test_name(name))
            .collect();
        let code = code_of(&fs::read_to_string(file).expect("source"));
        for path in paths_named(&code, module, &children) {
            let mut target = module_of(&path, &modules);
            if target.is_empty() {
                match path.first().and_then(|name| reexports.get(name)) {
                    Some(reexported) => target = reexported.clone(),
                    None if path.is_empty() || module.is_empty() => continue,
                    None => {}
                }
            }
            if target.iter().any(|s| is_test_name(s)) {
                continue;
            }
            let Some((target_unit, target_layer)) = unit_of(&target, &layers) else {
                continue;
            };
            if target_unit != unit && target_layer >= layer {
                wrong.push(format!(
                    "{} (`{}`, layer {layer}) imports `{}` (`{}`, layer {target_layer})",
                    file.display(),
                    shown(unit),
                    shown(&path),
                    shown(target_unit),
                ));
            }
        }
    }
    let stale: Vec<String> = layers
        .keys()
        .filter(|listed| !modules.contains(*listed))
        .map(|listed| shown(listed))
        .collect();
    assert!(
        unlisted.is_empty(),
        "modules missing from ARCHITECTURE.md's layer table: {unlisted:?}"
    );
    assert!(
        stale.is_empty(),
        "ARCHITECTURE.md lists modules that do not exist: {stale:?}"
    );
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "imports that climb the layers of ARCHITECTURE.md:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_import_reader_sees_groups_children_and_super() {
    let module: ModPath = vec!["engine".into(), "rules".into(), "condition".into()];
    let children = BTreeSet::from(["inner".to_owned()]);
    let code = code_of(
        "// use crate::ignored;\n\
         use super::super::program::Test;\n\
         use crate::{a::B, c::{d, e::F}};\n\
         fn f() { let s = \"crate::in_a_string\"; inner::go(); }\n\
         #[cfg(test)]\nmod tests { use crate::batch; }\n",
    );
    let found: Vec<String> = paths_named(&code, &module, &children)
        .iter()
        .map(|p| shown(p))
        .collect();
    assert_eq!(
        found,
        [
            "engine::program::Test",
            "a::B",
            "c::d",
            "c::e::F",
            "engine::rules::condition::inner::go"
        ]
    );
}
