//! The stages in the code: every module imports only from its own stage or an earlier one, and
//! the modules import each other without a cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages, earliest first, and the top-level modules in each (a module's files under
/// `src/<module>/` are in its stage). A new module must be added here.
const STAGES: &[(&str, &[&str])] = &[
    (
        "foundations",
        &[
            "lib",
            "i18n",
            "error",
            "dates",
            "calendar",
            "notice",
            "credit_code",
            "compact",
            "collate",
            "fingerprint",
            "privacy",
            "lock",
            "escape",
            "url",
        ],
    ),
    ("model", &["model"]),
    (
        "load",
        &[
            "config",
            "result_class",
            "ingest",
            "ledger",
            "channels",
            "archive",
            "content",
            "theme",
        ],
    ),
    ("assess", &["assess", "figures", "revisions"]),
    ("site", &["site", "opendata", "search"]),
    ("write", &["build", "cache", "deploy"]),
    ("verify", &["verify"]),
    (
        "output",
        &["report", "report_format", "ci", "diagnostic", "notify"],
    ),
    (
        "commands",
        &[
            "serve", "scaffold", "main", "cli", "cmd", "settings", "progress",
        ],
    ),
];

/// Imports from a later stage that are known and due to go, as (from, to): left out of both
/// checks. Each must still be in the code: one that is gone must be taken off this list.
const KNOWN_BACKWARD: &[(&str, &str)] = &[];

fn stage_of(module: &str) -> Option<usize> {
    STAGES
        .iter()
        .position(|(_, modules)| modules.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The file's module path from the crate root: `src/ingest/record.rs` is `[ingest, record]`,
/// `src/ingest/mod.rs` is `[ingest]`, `src/lib.rs` is `[]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    let root = parts.is_empty() && matches!(stem, "lib" | "main");
    if stem != "mod" && !root {
        parts.push(stem.to_string());
    }
    parts
}

/// The top-level module a file belongs to (`lib` for `src/lib.rs`, `main` for `src/main.rs`).
fn top_module(src: &Path, file: &Path) -> String {
    match module_path(src, file).first() {
        Some(first) => first.clone(),
        None => file.file_stem().unwrap().to_string_lossy().into_owned(),
    }
}

/// The code without comments, and with the insides of string and character literals blanked
/// (so that neither a `crate::` in a message nor a `'{'` is read as code); lines are kept.
fn code_of(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                out.push(blank(chars[i]));
                i += 1;
            }
            i += 2;
        } else if c == 'r' && (next == Some('#') || next == Some('"')) && !ident_before(&chars, i) {
            // A raw string: r"..." or r#"..."#.
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            out.push('"');
            i += 2 + hashes;
            while i < chars.len() && !chars[i..].starts_with(&close.chars().collect::<Vec<_>>()) {
                out.push(blank(chars[i]));
                i += 1;
            }
            out.push('"');
            i += close.chars().count();
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal ('x', '\n', '\''), not a lifetime.
            out.push('\'');
            i += 1;
            if chars.get(i) == Some(&'\\') {
                i += 2;
            }
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push('\'');
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && is_ident(chars[i - 1])
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The identifier at the start of `text`.
fn ident(text: &str) -> &str {
    let end = text.find(|c: char| !is_ident(c)).unwrap_or(text.len());
    &text[..end]
}

/// The first names of the paths in a `use` group: `{a::b, c, d::{e}}` gives `a`, `c`, `d`.
fn group_heads(text: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expecting = true;
    for (i, c) in text.char_indices() {
        match c {
            '{' => {
                depth += 1;
                expecting = depth == 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => expecting = true,
            c if expecting && depth == 1 && is_ident(c) => {
                heads.push(ident(&text[i..]).to_string());
                expecting = false;
            }
            c if !c.is_whitespace() => expecting = false,
            _ => {}
        }
    }
    heads
}

/// The top-level names a file reaches through `crate::` (or `gongshi::`, from the binary) and
/// through `super::` chains that climb to the crate root, with the line of each.
fn references(src: &Path, file: &Path) -> Vec<(String, usize)> {
    let code = code_of(&std::fs::read_to_string(file).unwrap());
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    let depth = module_path(src, file).len();
    // Inline modules (`mod tests {`) open at these brace depths.
    let mut inline: Vec<usize> = Vec::new();
    let mut braces = 0usize;
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &code[i..];
        let starts_word = i == 0 || !is_ident(code[..i].chars().next_back().unwrap());
        if rest.starts_with('{') {
            braces += 1;
        } else if rest.starts_with('}') {
            braces = braces.saturating_sub(1);
            if inline.last() == Some(&braces) {
                inline.pop();
            }
        } else if starts_word && rest.starts_with("mod ") {
            let name = ident(rest[4..].trim_start());
            let after = rest[4..].trim_start()[name.len()..].trim_start();
            if after.starts_with('{') {
                inline.push(braces);
            }
        } else if starts_word && (rest.starts_with("crate::") || rest.starts_with("gongshi::")) {
            let after = &rest[rest.find("::").unwrap() + 2..];
            for name in heads_of(after) {
                found.push((name, line_of(i)));
            }
        } else if starts_word && rest.starts_with("super::") {
            let mut after = rest;
            let mut climbs = 0;
            while let Some(next) = after.strip_prefix("super::") {
                climbs += 1;
                after = next;
            }
            // Climbing out of the inline modules first, then out of the file's module path.
            if climbs > inline.len() && climbs - inline.len() >= depth {
                for name in heads_of(after) {
                    found.push((name, line_of(i)));
                }
            }
            i += rest.len() - after.len();
            continue;
        }
        i += rest.chars().next().unwrap().len_utf8();
    }
    found
}

fn heads_of(after: &str) -> Vec<String> {
    if after.starts_with('{') {
        group_heads(after)
    } else {
        let name = ident(after);
        if name.is_empty() {
            Vec::new()
        } else {
            vec![name.to_string()]
        }
    }
}

/// The module a top-level name belongs to: a module of its own, or an item of the crate root
/// (`crate::Error`, `crate::today`), which is `lib`'s.
/// Macros exported at the crate's root (`crate::tr!`), by the module that defines them.
const EXPORTED_MACROS: &[(&str, &str)] = &[("tr", "i18n")];

fn module_of(
    name: &str,
    modules: &BTreeSet<String>,
    lib_items: &BTreeSet<String>,
) -> Option<String> {
    if modules.contains(name) {
        Some(name.to_string())
    } else if let Some((_, module)) = EXPORTED_MACROS.iter().find(|(m, _)| *m == name) {
        Some(module.to_string())
    } else if lib_items.contains(name) || name.starts_with(char::is_uppercase) || name == "self" {
        Some("lib".to_string())
    } else {
        None
    }
}

#[test]
fn no_module_imports_from_a_later_stage_and_there_is_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let modules: BTreeSet<String> = files.iter().map(|f| top_module(&src, f)).collect();
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let lib_items: BTreeSet<String> = lib
        .lines()
        .filter_map(|line| {
            let line = line.trim_start().strip_prefix("pub ")?;
            [
                "fn ", "const ", "static ", "struct ", "enum ", "type ", "trait ",
            ]
            .iter()
            .find_map(|kw| line.strip_prefix(kw))
            .map(|rest| ident(rest).to_string())
        })
        .collect();

    let mut failures = Vec::new();
    for module in &modules {
        if stage_of(module).is_none() {
            failures.push(format!(
                "module `{module}` is in no stage: add it to STAGES in tests/layers.rs"
            ));
        }
    }
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut backward_seen = BTreeSet::new();
    for file in &files {
        let from = top_module(&src, file);
        let shown = file.strip_prefix(src.parent().unwrap()).unwrap().display();
        for (name, line) in references(&src, file) {
            let Some(to) = module_of(&name, &modules, &lib_items) else {
                failures.push(format!(
                    "{shown}:{line}: `{name}` is no module of the crate (a path the test cannot \
                     read?)"
                ));
                continue;
            };
            if to == from {
                continue;
            }
            if KNOWN_BACKWARD.contains(&(from.as_str(), to.as_str())) {
                backward_seen.insert((from.clone(), to.clone()));
                continue;
            }
            graph.entry(from.clone()).or_default().insert(to.clone());
            let (Some(a), Some(b)) = (stage_of(&from), stage_of(&to)) else {
                continue;
            };
            if b > a {
                failures.push(format!(
                    "{shown}:{line}: `{from}` ({}) imports `{to}` ({}), a later stage",
                    STAGES[a].0, STAGES[b].0
                ));
            }
        }
    }
    for (from, to) in KNOWN_BACKWARD {
        if !backward_seen.contains(&(from.to_string(), to.to_string())) {
            failures.push(format!(
                "`{from}` no longer imports `{to}`: take it off KNOWN_BACKWARD in tests/layers.rs"
            ));
        }
    }

    // No cycle among the modules, within a stage either (lib only declares the modules).
    fn visit(
        module: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        cycles: &mut Vec<String>,
    ) {
        if done.contains(module) {
            return;
        }
        if let Some(at) = path.iter().position(|m| m == module) {
            cycles.push(format!(
                "module cycle: {} -> {module}",
                path[at..].join(" -> ")
            ));
            return;
        }
        path.push(module.to_string());
        for next in graph.get(module).into_iter().flatten() {
            visit(next, graph, path, done, cycles);
        }
        path.pop();
        done.insert(module.to_string());
    }
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        visit(module, &graph, &mut Vec::new(), &mut done, &mut failures);
    }

    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

#[test]
fn the_reader_finds_paths_in_every_form() {
    assert_eq!(
        group_heads("{a::b, c, d::{e, f::g}, self}"),
        ["a", "c", "d", "self"]
    );
    assert_eq!(
        code_of("let x = \"// crate::a\"; // crate::b\nc == b'{'"),
        "let x = \"           \"; \nc == b''"
    );
    assert_eq!(heads_of("model::{Problem, Record}"), ["model"]);
}
