//! Turns the content files (TOML, easy for a counsellor or translator to edit)
//! into compact JSON that the app embeds, after checking them.
//!
//! A content file with a missing field, an empty text, a duplicate id or a step
//! without a role's advice stops the build here, with every problem listed, so
//! it can never reach a person at run time. The app then parses JSON with the
//! serde_json it needs anyway, and ships no TOML parser.

#[path = "src/content/model.rs"]
#[allow(dead_code)]
mod model;
#[path = "src/content/compare.rs"]
#[allow(dead_code)]
mod compare;

#[path = "src/settings.rs"]
#[allow(dead_code)]
mod settings;

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

fn write<T: serde::Serialize>(name: &str, value: &T) {
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join(name);
    let json = serde_json::to_string(value).expect("content serialises");
    fs::write(&out, json).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

fn main() {
    // Code splitting needs the linker's relocations to find what each split
    // point uses (wasm-split-cli reads them; see tools/split.mjs).
    if env::var_os("CARGO_FEATURE_SPLIT").is_some() && env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32")) {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=src/content/model.rs");
    println!("cargo:rerun-if-changed=src/settings.rs");
    let guide: GuideContent = read("src/content/en/guide.toml");
    check("src/content/en/guide.toml", guide.validate());
    let check_content: CheckContent = read("src/content/en/check.toml");
    check("src/content/en/check.toml", check_content.validate(&guide));
    let help: HelpFile = read("src/content/en/help.toml");
    check("src/content/en/help.toml", help.help.validate());
    let privacy: PrivacyContent = read("src/content/en/privacy.toml");
    check("src/content/en/privacy.toml", privacy.validate());
    let start: StartContent = read("src/content/en/start.toml");
    let roles = settings::Role::ALL.map(settings::Role::id);
    let situations = settings::Situation::ALL.map(settings::Situation::id);
    let moments = settings::Moment::ALL.map(settings::Moment::id);
    let ids = ChoiceIds { roles: &roles, situations: &situations, moments: &moments };
    check("src/content/en/start.toml", start.validate(&guide, &ids));
    let summary: SummaryContent = read("src/content/en/summary.toml");
    check("src/content/en/summary.toml", summary.validate());
    println!("cargo:rerun-if-changed=src/content/compare.rs");
    let compare: compare::CompareContent = read("src/content/en/compare.toml");
    let dimensions: Vec<&str> = check_content.dimensions.iter().map(|d| d.id.as_str()).collect();
    if let Err(problems) = compare.validate(&dimensions, model::text_problem) {
        panic!("\nsrc/content/en/compare.toml has problems:\n- {}", problems.join("\n- "));
    }
    write("compare.json", &compare);
    write("guide.json", &guide);
    write("check.json", &check_content);
    write("start.json", &start);
    write("help.json", &help.help);
    write("privacy.json", &privacy);
    write("summary.json", &summary);
}
