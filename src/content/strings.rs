//! The interface's own words (buttons, labels, notices, errors, screen
//! titles): `src/content/<locale>/ui/*.toml`, checked and turned into Rust by
//! `build.rs` with this module (which it includes through `#[path]`), so a
//! missing key or a placeholder that differs between locales stops the build,
//! and a screen that asks for a key no locale has does not compile.
//!
//! A file is a set of sections, one per part of the interface, each a set of
//! keys. A key's text is either one string, or one string per plural form
//! (CLDR's names: `one`, `other`, …) when it counts something:
//!
//! ```toml
//! [journal]
//! save_now = "Save now"
//! saved_at = "Saved at {time}"
//! entries = { one = "{count} entry", other = "{count} entries" }
//! ```
//!
//! Each section becomes a module with one `Strings` per locale and `get()`,
//! the active locale's (see `crate::text`). A plain key is a `&'static str`
//! field; a key with placeholders is a method taking them by name, in
//! alphabetical order (`saved_at(time)`); a plural key is a method taking
//! `count` first. Each section's words travel in the WebAssembly file of the
//! code that reads them, so a part's words load with that part.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// A text: one string, or one per plural form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Plain(String),
    Plural(BTreeMap<String, String>),
}

/// One locale's file: section → key → text, in a stable order.
pub type Table = BTreeMap<String, BTreeMap<String, Text>>;

/// The plural forms a locale must give for a counted text, in the order the
/// generated code indexes them (`crate::text::form`).
pub fn forms(locale: &str) -> &'static [&'static str] {
    match locale {
        // English and Spanish both say "1 entrada", "0/2 entradas". (CLDR
        // gives Spanish a `many` form for round millions, "1 millón de…",
        // which no text here counts.)
        _ => &["one", "other"],
    }
}

/// Rust's reserved words, which a section or key cannot be named.
const RESERVED: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "get", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "yield", "Self",
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual",
];

/// A name that can be a Rust identifier: lower-case ASCII words joined by `_`.
fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !RESERVED.contains(&s)
}

/// The placeholders in a text, `{name}` each; an error for a brace that
/// opens no placeholder.
pub fn placeholders(text: &str) -> Result<BTreeSet<String>, String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(format!("a `}}` with no `{{` before it in {text:?}"));
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| format!("a `{{` that is never closed in {text:?}"))?;
        let name = &after[..close];
        if !is_name(name) {
            return Err(format!("`{{{name}}}` is not a placeholder name (lower case, digits and _) in {text:?}"));
        }
        found.insert(name.to_string());
        rest = &after[close + 1..];
    }
    Ok(found)
}

impl Text {
    /// Every placeholder in every form.
    fn placeholders(&self) -> Result<BTreeSet<String>, String> {
        match self {
            Text::Plain(s) => placeholders(s),
            Text::Plural(forms) => {
                let mut all = BTreeSet::new();
                for s in forms.values() {
                    all.extend(placeholders(s)?);
                }
                Ok(all)
            }
        }
    }

    fn strings(&self) -> Vec<&str> {
        match self {
            Text::Plain(s) => vec![s],
            Text::Plural(forms) => forms.values().map(String::as_str).collect(),
        }
    }
}

/// Reads one locale's file (as JSON, which `build.rs` makes of the TOML),
/// listing every problem: a name that cannot be an identifier, an empty
/// text, a counted text without the locale's plural forms, a stray brace.
pub fn read(locale: &str, file: &Value) -> Result<Table, Vec<String>> {
    let mut problems = Vec::new();
    let mut table = Table::new();
    let Some(sections) = file.as_object() else {
        return Err(vec!["the file is not a set of [sections]".into()]);
    };
    for (section, keys) in sections {
        if !is_name(section) {
            problems.push(format!("[{section}]: a section's name is lower case, digits and _ (and not a Rust word)"));
        }
        let Some(keys) = keys.as_object() else {
            problems.push(format!("{section}: not a [section] of keys"));
            continue;
        };
        let mut texts = BTreeMap::new();
        for (key, value) in keys {
            let at = format!("{section}.{key}");
            if !is_name(key) {
                problems.push(format!("{at}: a key is lower case, digits and _ (and not a Rust word)"));
            }
            let text = match value {
                Value::String(s) => Text::Plain(s.clone()),
                Value::Object(forms) => {
                    let mut read = BTreeMap::new();
                    for (form, s) in forms {
                        match s.as_str() {
                            Some(s) => {
                                read.insert(form.clone(), s.to_string());
                            }
                            None => problems.push(format!("{at}.{form}: not text")),
                        }
                    }
                    let need: BTreeSet<&str> = self::forms(locale).iter().copied().collect();
                    let have: BTreeSet<&str> = read.keys().map(String::as_str).collect();
                    if need != have {
                        problems.push(format!("{at}: a counted text in `{locale}` has the forms {need:?}, not {have:?}"));
                    }
                    Text::Plural(read)
                }
                _ => {
                    problems.push(format!("{at}: a text is a string, or a table of plural forms"));
                    continue;
                }
            };
            if text.strings().iter().any(|s| s.trim().is_empty()) {
                problems.push(format!("{at}: empty"));
            }
            if let Err(p) = text.placeholders() {
                problems.push(format!("{at}: {p}"));
            }
            if let Text::Plural(_) = &text {
                if !text.placeholders().unwrap_or_default().contains("count") {
                    // Not required ("a minute" may say none), but almost always a slip.
                    if text.strings().iter().all(|s| !s.contains("{count}")) && !key.ends_with("_word") {
                        problems.push(format!(
                            "{at}: a counted text that never shows {{count}} (name the key …_word if that is meant)"
                        ));
                    }
                }
            }
            texts.insert(key.clone(), text);
        }
        table.insert(section.clone(), texts);
    }
    if problems.is_empty() {
        Ok(table)
    } else {
        Err(problems)
    }
}

/// How a translation differs from the source in anything but its words: a
/// key only one of them has, plain against counted, other placeholders.
pub fn compare(source: &Table, other: &Table) -> Vec<String> {
    let mut problems = Vec::new();
    let sections: BTreeSet<&String> = source.keys().chain(other.keys()).collect();
    for section in sections {
        let (a, b) = (source.get(section), other.get(section));
        let (Some(a), Some(b)) = (a, b) else {
            problems.push(format!("[{section}] is in only one of them"));
            continue;
        };
        let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        for key in keys {
            let at = format!("{section}.{key}");
            match (a.get(key), b.get(key)) {
                (Some(x), Some(y)) => {
                    if matches!(x, Text::Plain(_)) != matches!(y, Text::Plain(_)) {
                        problems.push(format!("{at}: counted in one, not in the other"));
                    }
                    let (px, py) = (x.placeholders().unwrap_or_default(), y.placeholders().unwrap_or_default());
                    if px != py {
                        problems.push(format!("{at}: placeholders {px:?} in the source, {py:?} here"));
                    }
                }
                (Some(_), None) => problems.push(format!("{at}: missing")),
                (None, _) => problems.push(format!("{at}: not in the source locale")),
            }
        }
    }
    problems
}

/// The Rust source for every locale's tables (checked to match): a module per
/// section. `locales` is `(variant, id, table)` in `Locale::ALL` order.
pub fn generate(locales: &[(&str, &str, Table)]) -> String {
    let mut out = String::from("// Written by build.rs from src/content/<locale>/ui/*.toml: edit those.\n");
    let Some((_, _, source)) = locales.first() else { return out };
    for (section, keys) in source {
        let _ = writeln!(out, "pub mod {section} {{");
        let _ = writeln!(out, "    #[allow(unused_imports)] use crate::text::{{fill, form}};");
        let _ = writeln!(out, "    /// The words of `[{section}]` in one locale.");
        let _ = writeln!(out, "    pub struct Strings {{");
        for (key, text) in keys {
            match text {
                Text::Plain(s) if placeholders(s).unwrap_or_default().is_empty() => {
                    let _ = writeln!(out, "        pub {key}: &'static str,");
                }
                Text::Plain(_) => {
                    let _ = writeln!(out, "        {key}: &'static str,");
                }
                Text::Plural(forms) => {
                    let _ = writeln!(out, "        {key}: [&'static str; {}],", forms.len());
                }
            }
        }
        let _ = writeln!(out, "    }}");
        let _ = writeln!(out, "    impl Strings {{");
        for (key, text) in keys {
            let names = text.placeholders().unwrap_or_default();
            let counted = matches!(text, Text::Plural(_));
            if !counted && names.is_empty() {
                continue;
            }
            let mut params = Vec::new();
            let mut args = Vec::new();
            if counted {
                params.push("count: usize".to_string());
                args.push("(\"count\", &count as &dyn ::std::fmt::Display)".to_string());
            }
            for name in names.iter().filter(|n| !(counted && *n == "count")) {
                params.push(format!("{name}: impl ::std::fmt::Display"));
                args.push(format!("(\"{name}\", &{name} as &dyn ::std::fmt::Display)"));
            }
            let template = if counted { format!("self.{key}[form(count)]") } else { format!("self.{key}") };
            let _ = writeln!(
                out,
                "        pub fn {key}(&self, {}) -> String {{ fill({template}, &[{}]) }}",
                params.join(", "),
                args.join(", ")
            );
        }
        let _ = writeln!(out, "    }}");
        for (variant, _, table) in locales {
            let _ = writeln!(out, "    static {}: Strings = Strings {{", variant.to_uppercase());
            for (key, text) in &table[section] {
                match text {
                    Text::Plain(s) => {
                        let _ = writeln!(out, "        {key}: {s:?},");
                    }
                    Text::Plural(forms) => {
                        let list: Vec<String> = forms_in_order(forms).iter().map(|s| format!("{s:?}")).collect();
                        let _ = writeln!(out, "        {key}: [{}],", list.join(", "));
                    }
                }
            }
            let _ = writeln!(out, "    }};");
        }
        let _ = writeln!(out, "    /// The active locale's words (`crate::locale::active`).");
        let _ = writeln!(out, "    pub fn get() -> &'static Strings {{");
        let _ = writeln!(out, "        match crate::locale::active() {{");
        for (variant, _, _) in locales {
            let _ = writeln!(out, "            crate::locale::Locale::{variant} => &{},", variant.to_uppercase());
        }
        let _ = writeln!(out, "        }}");
        let _ = writeln!(out, "    }}");
        let _ = writeln!(out, "}}");
    }
    out
}

/// A counted text's forms in the order `crate::text::form` indexes them.
fn forms_in_order(forms: &BTreeMap<String, String>) -> Vec<&str> {
    ["one", "other"].iter().filter_map(|f| forms.get(*f).map(String::as_str)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn table(v: Value) -> Table {
        read("en", &v).unwrap()
    }

    #[test]
    fn placeholders_are_named_in_braces_and_stray_braces_are_refused() {
        let set = |s: &str| placeholders(s).unwrap().into_iter().collect::<Vec<_>>();
        assert_eq!(set("Saved at {time} on {day}"), ["day", "time"]);
        assert_eq!(set("no placeholders"), Vec::<String>::new());
        assert!(placeholders("a { b").is_err());
        assert!(placeholders("a } b").is_err());
        assert!(placeholders("{Time}").is_err(), "lower case only");
        assert!(placeholders("{}").is_err());
    }

    #[test]
    fn a_file_with_problems_lists_every_one() {
        let problems = read(
            "en",
            &json!({
                "Shell": { "ok": "fine" },
                "home": { "type": "x", "empty": "  ", "bad": "{ open", "count": { "one": "{count} entry" },
                          "silent": { "one": "entry", "other": "entries" }, "num": 3 },
            }),
        )
        .unwrap_err();
        let all = problems.join("\n");
        for part in ["[Shell]", "home.type", "home.empty: empty", "home.bad", "home.count", "home.silent", "home.num"] {
            assert!(all.contains(part), "{part} not in:\n{all}");
        }
        assert_eq!(problems.len(), 7, "{all}");
    }

    #[test]
    fn a_missing_key_or_a_different_placeholder_is_found_in_either_direction() {
        let en = table(json!({
            "home": { "title": "Home", "saved": "Saved at {time}", "n": { "one": "{count} step", "other": "{count} steps" } },
            "help": { "x": "X" },
        }));
        let es = table(json!({
            "home": { "title": "Inicio", "saved": "Guardado a las {hora}", "n": "pasos", "extra": "?" },
        }));
        let problems = compare(&en, &es).join("\n");
        for part in ["[help] is in only one", "home.saved: placeholders", "home.n: counted in one", "home.extra: not in the source"] {
            assert!(problems.contains(part), "{part} not in:\n{problems}");
        }
        assert!(compare(&en, &en).is_empty());
    }

    #[test]
    fn the_generated_code_has_a_field_or_a_method_per_key_and_a_table_per_locale() {
        let en = table(json!({ "home": {
            "title": "Home", "saved": "Saved at {time} by {who}", "n": { "one": "{count} step", "other": "{count} steps" } } }));
        let es = table(json!({ "home": {
            "title": "Inicio", "saved": "{who} guardó a las {time}", "n": { "one": "{count} paso", "other": "{count} pasos" } } }));
        let code = generate(&[("En", "en", en), ("Es", "es", es)]);
        assert!(code.contains("pub mod home {"));
        assert!(code.contains("pub title: &'static str,"));
        assert!(code.contains("pub fn saved(&self, time: impl ::std::fmt::Display, who: impl ::std::fmt::Display) -> String"));
        assert!(code.contains("pub fn n(&self, count: usize) -> String { fill(self.n[form(count)]"));
        assert!(code.contains("static EN: Strings") && code.contains("static ES: Strings"));
        assert!(code.contains(r#"title: "Inicio","#));
        assert!(code.contains(r#"n: ["{count} paso", "{count} pasos"],"#));
        assert!(code.contains("crate::locale::Locale::Es => &ES,"));
    }
}
