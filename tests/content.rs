//! The shipped content is complete, and the checks that guard it catch broken
//! edits (the build runs the same checks, so a broken file never ships).

use rebuild_trust::content::{self, model::GuideContent};
use std::collections::BTreeSet;

fn guide_toml() -> String {
    std::fs::read_to_string("src/content/en/guide.toml").expect("guide.toml is readable")
}

#[test]
fn the_guide_has_an_opening_fifteen_steps_and_a_closing() {
    let guide = content::guide();
    assert!(!guide.opening.body.is_empty());
    assert!(!guide.closing.body.is_empty());
    assert_eq!(guide.steps.len(), 15);
    let numbers: Vec<u32> = guide.steps.iter().map(|s| s.number).collect();
    assert_eq!(numbers, (0..15).collect::<Vec<_>>());
}

#[test]
fn every_step_speaks_to_every_role_and_has_prompts() {
    for step in &content::guide().steps {
        for (role, advice) in [("hurt", &step.hurt), ("unfaithful", &step.unfaithful), ("both", &step.both)] {
            assert!(!advice.is_empty(), "{} has no advice for {role}", step.id);
            assert!(advice.iter().all(|a| !a.trim().is_empty()), "{} has empty advice for {role}", step.id);
        }
        assert!((2..=3).contains(&step.prompts.len()), "{} has {} prompts", step.id, step.prompts.len());
        assert!(step.prompts.iter().all(|p| !p.text.trim().is_empty()), "{} has an empty prompt", step.id);
    }
}

#[test]
fn step_and_prompt_ids_are_unique() {
    let guide = content::guide();
    let steps: BTreeSet<&str> = guide.steps.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(steps.len(), guide.steps.len());
    let prompts: Vec<&str> = guide.steps.iter().flat_map(|s| s.prompts.iter().map(|p| p.id.as_str())).collect();
    let unique: BTreeSet<&str> = prompts.iter().copied().collect();
    assert_eq!(unique.len(), prompts.len());
}

#[test]
fn the_shipped_content_passes_its_own_checks() {
    let guide = content::guide();
    assert_eq!(guide.validate(), Ok(()));
    assert_eq!(content::check().validate(guide), Ok(()));
    assert!(!content::help().body.is_empty());
}

fn problems(guide: &GuideContent) -> String {
    guide.validate().expect_err("the broken guide was accepted").to_string()
}

#[test]
fn a_step_without_a_roles_advice_is_refused() {
    let mut guide = content::guide().clone();
    guide.steps[3].unfaithful.clear();
    assert!(problems(&guide).contains("unfaithful"), "{}", problems(&guide));
}

#[test]
fn an_empty_text_is_refused() {
    let mut guide = content::guide().clone();
    guide.steps[2].summary = "  ".into();
    assert!(problems(&guide).contains("summary: the text is empty"));
    let mut guide = content::guide().clone();
    guide.steps[5].prompts[0].text.clear();
    assert!(problems(&guide).contains("prompts[0].text: the text is empty"));
}

#[test]
fn a_duplicate_id_is_refused() {
    let mut guide = content::guide().clone();
    guide.steps[4].id = guide.steps[1].id.clone();
    assert!(problems(&guide).contains("is used twice"));
    let mut guide = content::guide().clone();
    guide.steps[6].prompts[1].id = guide.steps[0].prompts[0].id.clone();
    assert!(problems(&guide).contains("is used twice"));
}

#[test]
fn an_unknown_placeholder_is_refused() {
    let mut guide = content::guide().clone();
    guide.steps[0].why[0] = "Talk to {counsellor} soon.".into();
    assert!(problems(&guide).contains("unknown placeholder"));
}

#[test]
fn a_missing_field_does_not_parse() {
    let text = guide_toml();
    assert!(toml::from_str::<GuideContent>(&text).is_ok(), "the real file parses");
    let broken = text.replacen("\nsummary = ", "\nsummery = ", 1);
    let err = toml::from_str::<GuideContent>(&broken).expect_err("a misspelt field was accepted");
    assert!(err.to_string().contains("summery") || err.to_string().contains("summary"), "{err}");
}

#[test]
fn readiness_items_point_at_real_dimensions_and_steps() {
    let check = content::check();
    let mut broken = check.clone();
    broken.items[0].dimension = "nowhere".into();
    assert!(broken.validate(content::guide()).is_err());
    let mut broken = check.clone();
    broken.dimensions[0].steps = vec!["no-such-step".into()];
    assert!(broken.validate(content::guide()).is_err());
    let mut broken = check.clone();
    broken.bands[1].min = broken.bands[2].min;
    assert!(broken.validate(content::guide()).is_err());
}
