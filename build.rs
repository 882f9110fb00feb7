//! Turns the content files (TOML, easy for a counsellor or translator to edit)
//! into compact JSON that the app embeds, after checking them.
//!
//! A content file with a missing field, an empty text, a duplicate id or a step
//! without a role's advice stops the build here, with every problem listed, so
//! it can never reach a person at run time. The app then parses JSON with the
//! serde_json it needs anyway, and ships no TOML parser.
//!
//! Every locale (`src/content/<locale>/`, one per `Locale` in src/locale.rs)
//! passes the same checks and is embedded as `OUT_DIR/<locale>/*.json`; then
//! each translation is compared with the source locale (`parity.rs`): the same
//! keys and ids, the same scoring, reverse keying, links and kinds, the same
//! placeholders in every text. Only the words may differ.

#[path = "src/content/model.rs"]
#[allow(dead_code)]
mod model;
#[path = "src/content/compare.rs"]
#[allow(dead_code)]
mod compare;

#[path = "src/content/parity.rs"]
#[allow(dead_code)]
mod parity;

#[path = "src/content/strings.rs"]
#[allow(dead_code)]
mod strings;

#[path = "src/settings.rs"]
#[allow(dead_code)]
mod settings;

#[path = "src/locale.rs"]
#[allow(dead_code)]
mod locale;

use model::{
    CheckContent, ChoiceIds, ContentErrors, GuideContent, HelpContent, PrivacyContent, StartContent, SummaryContent,
};
use std::{env, fs, path::Path};

/// help.toml keeps everything under one `[help]` table.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct HelpFile {
    help: HelpContent,
}

fn check(path: &str, result: Result<(), ContentErrors>) {
    if let Err(problems) = result {
        panic!("\n{path} has problems:\n{problems}");
    }
}

fn read<T: serde::de::DeserializeOwned>(path: &str) -> T {
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    toml::from_str(&text).unwrap_or_else(|e| panic!("\n{path} is not valid content:\n{e}\n"))
}

fn write<T: serde::Serialize>(locale: &str, name: &str, value: &T) -> serde_json::Value {
    let dir = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join(locale);
    fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    let out = dir.join(name);
    let json = serde_json::to_string(value).expect("content serialises");
    fs::write(&out, json).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
    serde_json::to_value(value).expect("content serialises")
}

/// Reads, checks and embeds one locale's content; returns each file's JSON
/// (by name, without `.json`) for the parity check.
fn locale(id: &str) -> Vec<(&'static str, serde_json::Value)> {
    let at = |file: &str| format!("src/content/{id}/{file}");
    let guide: GuideContent = read(&at("guide.toml"));
    check(&at("guide.toml"), guide.validate());
    let check_content: CheckContent = read(&at("check.toml"));
    check(&at("check.toml"), check_content.validate(&guide));
    let help: HelpFile = read(&at("help.toml"));
    check(&at("help.toml"), help.help.validate());
    let privacy: PrivacyContent = read(&at("privacy.toml"));
    check(&at("privacy.toml"), privacy.validate());
    let start: StartContent = read(&at("start.toml"));
    let roles = settings::Role::ALL.map(settings::Role::id);
    let situations = settings::Situation::ALL.map(settings::Situation::id);
    let moments = settings::Moment::ALL.map(settings::Moment::id);
    let ids = ChoiceIds { roles: &roles, situations: &situations, moments: &moments };
    check(&at("start.toml"), start.validate(&guide, &ids));
    let summary: SummaryContent = read(&at("summary.toml"));
    check(&at("summary.toml"), summary.validate());
    let compare: compare::CompareContent = read(&at("compare.toml"));
    let dimensions: Vec<&str> = check_content.dimensions.iter().map(|d| d.id.as_str()).collect();
    if let Err(problems) = compare.validate(&dimensions, model::text_problem) {
        panic!("\n{} has problems:\n- {}", at("compare.toml"), problems.join("\n- "));
    }
    vec![
        ("compare", write(id, "compare.json", &compare)),
        ("guide", write(id, "guide.json", &guide)),
        ("check", write(id, "check.json", &check_content)),
        ("start", write(id, "start.json", &start)),
        ("help", write(id, "help.json", &help.help)),
        ("privacy", write(id, "privacy.json", &privacy)),
        ("summary", write(id, "summary.json", &summary)),
    ]
}

/// The interface's own words (`ui/*.toml` in every locale, a file per area of
/// the interface, each holding whole sections): checked, compared with the
/// source locale, and written as Rust (`OUT_DIR/text.rs`, included by
/// `src/text.rs`).
fn interface_words() {
    let mut tables = Vec::new();
    for l in locale::Locale::ALL {
        let dir = format!("src/content/{}/ui", l.id());
        println!("cargo:rerun-if-changed={dir}");
        let mut files: Vec<_> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {dir}: {e}"))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        let mut table = strings::Table::new();
        for path in files {
            let path = path.to_string_lossy().into_owned();
            let file: toml::Value = read(&path);
            let json = serde_json::to_value(file).expect("TOML is JSON");
            match strings::read(l.id(), &json) {
                Ok(read) => {
                    for (section, keys) in read {
                        if table.insert(section.clone(), keys).is_some() {
                            panic!("\n{path}: [{section}] is also in another file of {dir}\n");
                        }
                    }
                }
                Err(problems) => panic!("\n{path} has problems:\n- {}\n", problems.join("\n- ")),
            }
        }
        tables.push((format!("{l:?}"), l.id(), table));
    }
    let source = &tables[0].2;
    for (_, id, table) in &tables[1..] {
        let problems = strings::compare(source, table);
        if !problems.is_empty() {
            panic!(
                "\nsrc/content/{id}/ui/ does not match src/content/{}/ui/ (only the words may differ):\n- {}\n",
                locale::Locale::SOURCE.id(),
                problems.join("\n- ")
            );
        }
    }
    let named: Vec<(&str, &str, strings::Table)> =
        tables.iter().map(|(v, id, t)| (v.as_str(), *id, t.clone())).collect();
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("text.rs");
    fs::write(&out, strings::generate(&named)).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

fn main() {
    // Code splitting needs the linker's relocations to find what each split
    // point uses (wasm-split-cli reads them; see tools/split.mjs).
    if env::var_os("CARGO_FEATURE_SPLIT").is_some() && env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32")) {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
    for file in ["model.rs", "compare.rs", "parity.rs", "strings.rs"] {
        println!("cargo:rerun-if-changed=src/content/{file}");
    }
    println!("cargo:rerun-if-changed=src/settings.rs");
    println!("cargo:rerun-if-changed=src/locale.rs");
    println!("cargo:rerun-if-changed=src/content");
    // Every folder under src/content/ is a locale the app knows, and the reverse.
    let mut folders: Vec<String> = fs::read_dir("src/content")
        .expect("src/content is readable")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut known: Vec<String> = locale::Locale::ALL.iter().map(|l| l.id().to_string()).collect();
    known.sort();
    if folders != known {
        panic!("\nsrc/content/ has locale folders {folders:?}, but src/locale.rs knows {known:?}: add the locale to both\n");
    }
    interface_words();
    let source = locale(locale::Locale::SOURCE.id());
    for other in locale::Locale::ALL.into_iter().filter(|l| *l != locale::Locale::SOURCE) {
        let id = other.id();
        let translated = locale(id);
        let mut problems = Vec::new();
        for ((name, a), (_, b)) in source.iter().zip(&translated) {
            for p in parity::compare(a, b, &parity::rules(name)) {
                problems.push(format!("src/content/{id}/{name}.toml: {p}"));
            }
        }
        if !problems.is_empty() {
            panic!(
                "\nsrc/content/{id}/ does not match src/content/{}/ (only the words may differ):\n- {}\n",
                locale::Locale::SOURCE.id(),
                problems.join("\n- ")
            );
        }
    }
}
