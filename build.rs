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

use model::{CheckContent, GuideContent, Passage};
use std::{env, fs, path::Path};

#[derive(serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct HelpContent {
    help: Passage,
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
    let guide: GuideContent = read("src/content/en/guide.toml");
    if let Err(problems) = guide.validate() {
        panic!("\nsrc/content/en/guide.toml has problems:\n{problems}");
    }
    let check: CheckContent = read("src/content/en/check.toml");
    if let Err(problems) = check.validate(&guide) {
        panic!("\nsrc/content/en/check.toml has problems:\n{problems}");
    }
    let help: HelpContent = read("src/content/en/help.toml");
    if help.help.title.trim().is_empty() || help.help.body.iter().any(|p| p.trim().is_empty()) {
        panic!("\nsrc/content/en/help.toml has an empty text");
    }
    println!("cargo:rerun-if-changed=src/content/compare.rs");
    let compare: compare::CompareContent = read("src/content/en/compare.toml");
    let dimensions: Vec<&str> = check.dimensions.iter().map(|d| d.id.as_str()).collect();
    if let Err(problems) = compare.validate(&dimensions, model::text_problem) {
        panic!("\nsrc/content/en/compare.toml has problems:\n- {}", problems.join("\n- "));
    }
    write("compare.json", &compare);
    write("guide.json", &guide);
    write("check.json", &check);
    write("help.json", &help.help);
}
