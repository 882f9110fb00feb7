//! The shipped content is complete, readable and fit for the people it speaks
//! to; and the checks that guard it (which the build runs too) catch broken edits.

use rebuild_trust::content::{
    self,
    model::{dial_digits, GuideContent, LineKind, SafetyKind, Step, Voice},
    words,
};
use rebuild_trust::locale::{self, Locale};
use rebuild_trust::settings::{Role, Situation};

fn guide_toml() -> String {
    std::fs::read_to_string("src/content/en/guide.toml").expect("guide.toml is readable")
}

// ------------------------------------------------------------------ readability

/// Syllables in one word, estimated: each run of vowels (a, e, i, o, u, y) is a
/// syllable, less a silent final "e" (but not "-le", "-ee", "-ye"), a final "-ed"
/// (but not "-ted", "-ded") and a final "-es" after most letters; at least one.
/// Close enough for a grade level: it errs by a syllable on some words, both ways.
fn syllables(word: &str) -> usize {
    let w: String = word.chars().filter(char::is_ascii_alphabetic).collect::<String>().to_ascii_lowercase();
    if w.is_empty() {
        return 1; // a number such as 988 or 24
    }
    let vowel = |c: char| "aeiouy".contains(c);
    let mut groups = 0;
    let mut in_group = false;
    for c in w.chars() {
        if vowel(c) && !in_group {
            groups += 1;
        }
        in_group = vowel(c);
    }
    let ends = |s: &str| w.ends_with(s);
    if groups > 1
        && ((ends("e") && !ends("le") && !ends("ee") && !ends("ye"))
            || (ends("ed") && !ends("ted") && !ends("ded"))
            || (ends("es") && !["ses", "zes", "ches", "shes", "ges", "ces", "xes"].iter().any(|s| ends(s))))
    {
        groups -= 1;
    }
    groups.max(1)
}

/// Flesch–Kincaid grade level of some texts:
/// 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
fn grade<S: AsRef<str>>(texts: &[S]) -> f64 {
    let (words, sentences, syl) = counts(texts, syllables);
    if words == 0 {
        return 0.0;
    }
    0.39 * words as f64 / sentences as f64 + 11.8 * syl as f64 / words as f64 - 15.59
}

/// Words, sentences and syllables in some texts, syllables counted by
/// `syllables`. A sentence ends at ".", "!" or "?" before a space or the end,
/// and at the end of each text (a title, a list item); a word is anything
/// between spaces with a letter or digit in it.
fn counts<S: AsRef<str>>(texts: &[S], syllables: fn(&str) -> usize) -> (usize, usize, usize) {
    let (mut words, mut sentences, mut syl) = (0usize, 0usize, 0usize);
    for text in texts {
        let text = text.as_ref();
        let mut in_text = 0;
        for token in text.split_whitespace() {
            if !token.chars().any(char::is_alphanumeric) {
                continue;
            }
            words += 1;
            syl += syllables(token);
            let end = token.trim_end_matches(['”', '’', '"', '\'', ')']);
            if end.ends_with(['.', '!', '?']) {
                in_text += 1;
            }
        }
        // The last sentence of a text may have no full stop (a title, a list item).
        let last = text.trim_end().trim_end_matches(['”', '’', '"', '\'', ')']);
        if !last.ends_with(['.', '!', '?']) {
            in_text += 1;
        }
        sentences += in_text.max(1);
    }
    (words, sentences, syl)
}

/// Syllables in one Spanish word: each run of vowels is one syllable (a
/// diphthong), plus one for each hiatus inside it: two strong vowels side by
/// side (a, e, o), or an accented í or ú beside another vowel ("po-e-sí-a").
/// The silent u of "que" and "gui" falls inside a diphthong and is not counted.
fn syllables_es(word: &str) -> usize {
    let w: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect();
    if w.is_empty() {
        return 1; // a number such as 024
    }
    let vowel = |c: char| "aeiouáéíóúü".contains(c);
    let strong = |c: char| "aeoáéóíú".contains(c);
    let mut n = 0;
    for (i, &c) in w.iter().enumerate() {
        if !vowel(c) {
            continue;
        }
        match i.checked_sub(1).map(|p| w[p]) {
            Some(prev) if vowel(prev) => {
                if strong(prev) && strong(c) {
                    n += 1; // hiatus
                }
            }
            _ => n += 1, // a new run of vowels
        }
    }
    n.max(1)
}

/// Fernández Huerta's reading ease for Spanish (1959, in the corrected form
/// most tools use): 206.84 − 60 × syllables per word − 1.02 × words per
/// sentence. Higher is easier: 60–70 is plain everyday Spanish (about school
/// year 7–8), 70–80 fairly easy, 80–90 easy.
fn fernandez_huerta<S: AsRef<str>>(texts: &[S]) -> f64 {
    let (words, sentences, syl) = counts(texts, syllables_es);
    if words == 0 {
        return 100.0;
    }
    206.84 - 60.0 * syl as f64 / words as f64 - 1.02 * words as f64 / sentences as f64
}

fn step_texts(s: &Step) -> Vec<&str> {
    let mut t = vec![s.title.as_str(), s.summary.as_str()];
    for list in [&s.why, &s.hurt, &s.unfaithful, &s.both, &s.situation.together, &s.situation.apart] {
        t.extend(list.iter().map(String::as_str));
    }
    for pair in &s.instead {
        t.extend([pair.say.as_str(), pair.try_.as_str()]);
    }
    for note in &s.notes {
        t.push(&note.title);
        t.extend(note.body.iter().map(String::as_str));
    }
    t.extend(s.prompts.iter().map(|p| p.text.as_str()));
    t
}

/// Every text a person reads, by part, with placeholders filled.
fn readable_parts() -> Vec<(String, Vec<String>)> {
    let fill = |t: &[&str]| t.iter().map(|s| words(s, None).into_owned()).collect::<Vec<_>>();
    let g = content::guide();
    let mut parts = Vec::new();
    for (name, b) in [("opening", &g.opening), ("closing", &g.closing)] {
        let mut t = vec![b.title.as_str()];
        for list in [&b.body, &b.situation.together, &b.situation.apart] {
            t.extend(list.iter().map(String::as_str));
        }
        parts.push((name.to_string(), fill(&t)));
    }
    for s in &g.steps {
        parts.push((format!("step {:>2} {}", s.number, s.id), fill(&step_texts(s))));
    }
    let c = content::check();
    for role in Role::ALL {
        let t: Vec<&str> = c.items.iter().map(|it| item_text(it, role)).collect();
        parts.push((format!("check items, {}", role.id()), fill(&t)));
    }
    let s = &c.safety;
    let mut t: Vec<&str> = s.intro.iter().map(String::as_str).collect();
    t.extend(s.questions.iter().map(|q| q.text.as_str()));
    for p in [&s.alone, &s.next, &s.help, &s.go_on, &s.crisis] {
        t.push(&p.title);
        t.extend(p.body.iter().map(String::as_str));
    }
    t.push(&s.reminder);
    parts.push(("check safety screen".into(), fill(&t)));
    let h = content::help();
    let mut t: Vec<String> = vec![h.title.clone()];
    t.extend(h.intro.iter().cloned());
    for sec in &h.sections {
        t.push(sec.title.clone());
        t.extend(sec.body.iter().cloned());
    }
    for l in &h.lines {
        t.push(format!("{}, {}.", l.name, l.region));
        t.extend(l.note.iter().cloned());
    }
    t.push(h.directory.text.clone());
    t.extend(h.after.iter().cloned());
    parts.push(("help".into(), t));
    let p = content::privacy();
    let mut t: Vec<String> = vec![p.title.clone()];
    t.extend(p.lead.iter().cloned());
    for sec in &p.sections {
        t.push(sec.heading.clone());
        t.extend(sec.body.iter().cloned());
        t.extend(sec.list.iter().cloned());
    }
    parts.push(("privacy".into(), t));
    parts
}

#[test]
fn the_syllable_estimate_and_the_grade_formula_give_known_figures() {
    for (word, n) in [("trust", 1), ("partner", 2), ("honestly", 3), ("relationship", 4), ("make", 1), ("little", 2), ("asked", 1), ("wanted", 2), ("boxes", 2), ("988", 1)] {
        assert_eq!(syllables(word), n, "{word}");
    }
    // 2 sentences, 11 words, 12 syllables: 0.39 × 5.5 + 11.8 × 12 / 11 − 15.59 = −0.57.
    let g = grade(&["The cat sat on the mat.", "It was a happy cat."]);
    assert!((g + 0.57).abs() < 0.01, "{g}");
    // One long sentence of long words is far above grade 8.
    let hard = grade(&["Notwithstanding considerable institutional reluctance, the organisation's representatives nevertheless acknowledged responsibility, apologising unreservedly and comprehensively."]);
    assert!(hard > 8.0, "{hard}");
    // A title without a full stop still ends its sentence.
    assert_eq!(grade(&["Trust grows", "Slowly."]), grade(&["Trust grows.", "Slowly."]));
}

/// Scores every part a person reads in `locale` with `score`, prints the
/// figures, and returns the parts `fails` refuses.
fn parts_refused(locale: Locale, score: fn(&[String]) -> f64, fails: fn(f64) -> bool) -> Vec<String> {
    locale::set_active(locale);
    let mut refused = Vec::new();
    for (name, texts) in readable_parts() {
        let figure = score(&texts);
        println!("  {name:<36} {figure:5.1}");
        if fails(figure) {
            refused.push(format!("{name}: {figure:.1}"));
        }
    }
    locale::set_active(Locale::En);
    refused
}

/// Everything a person in crisis may read is written at grade 8 or below.
#[test]
fn every_part_reads_at_grade_eight_or_below() {
    println!("Flesch–Kincaid grade of each part:");
    let over = parts_refused(Locale::En, grade, |g| g > 8.0);
    assert!(over.is_empty(), "above grade 8: {over:?}");
}

#[test]
fn the_spanish_syllable_count_and_fernandez_huerta_give_known_figures() {
    for (word, n) in [
        ("confianza", 3), ("pareja", 3), ("poesía", 4), ("aéreo", 4), ("ciudad", 2), ("guerra", 2),
        ("que", 1), ("leer", 2), ("país", 2), ("día", 2), ("perdón", 2), ("y", 1), ("¿Puedes", 2), ("024", 1),
    ] {
        assert_eq!(syllables_es(word), n, "{word}");
    }
    // 2 sentences, 8 words, 12 syllables: 206.84 − 60 × 1.5 − 1.02 × 4 = 112.76.
    let easy = fernandez_huerta(&["El gato come pan.", "Mi casa es azul."]);
    assert!((easy - 112.76).abs() < 0.01, "{easy}");
    // One long sentence of long words is far below the threshold.
    let hard = fernandez_huerta(&["Independientemente de consideraciones institucionales, los representantes reconocieron responsabilidades extraordinariamente complejas, disculpándose incondicionalmente."]);
    assert!(hard < SPANISH_EASE, "{hard}");
}

/// The lowest Fernández Huerta reading ease any Spanish part may have: the
/// bottom of "fairly easy" (70), a little above plain everyday Spanish, the
/// same aim as English's grade 8 ceiling with the room a reader in distress needs.
const SPANISH_EASE: f64 = 70.0;

/// Everything a person in crisis may read in Spanish is fairly easy to read.
#[test]
fn every_spanish_part_reads_as_fairly_easy_or_easier() {
    println!("Fernández Huerta reading ease of each Spanish part (at least {SPANISH_EASE}):");
    let under = parts_refused(Locale::Es, fernandez_huerta, |ease| ease < SPANISH_EASE);
    assert!(under.is_empty(), "below {SPANISH_EASE}: {under:?}");
}

/// Spanish check statements are the person's own words too, and every
/// Spanish text has its placeholders filled.
#[test]
fn spanish_check_items_speak_in_the_first_person_and_every_placeholder_is_filled() {
    locale::set_active(Locale::Es);
    let mut wrong = Vec::new();
    for item in &content::check().items {
        for role in Role::ALL {
            for situation in [None, Some(Situation::Apart)] {
                let text = words(item_text(item, role), situation).to_lowercase();
                if ["tu pareja", "tu ex", "{"].iter().any(|w| text.contains(w)) {
                    wrong.push(format!("{} ({}): {text}", item.id, role.id()));
                }
            }
        }
    }
    for (name, texts) in readable_parts() {
        for t in texts {
            if t.contains('{') {
                wrong.push(format!("{name}: a placeholder is left in {t:?}"));
            }
        }
    }
    locale::set_active(Locale::En);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

// ------------------------------------------------------------------ wording

fn item_text(item: &content::model::Item, role: Role) -> &str {
    match role {
        Role::Hurt => &item.hurt,
        Role::Unfaithful => &item.unfaithful,
        Role::Both => &item.both,
    }
}

/// Check statements are the person's own words about their own partner or ex.
#[test]
fn every_check_item_speaks_in_the_first_person_for_every_role_and_situation() {
    let mut wrong = Vec::new();
    for item in &content::check().items {
        for role in Role::ALL {
            for situation in [None, Some(Situation::Together), Some(Situation::Apart)] {
                let text = words(item_text(item, role), situation).to_lowercase();
                if ["your partner", "your ex", "{"].iter().any(|w| text.contains(w)) {
                    wrong.push(format!("{} ({}, {situation:?}): {text}", item.id, role.id()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "items that speak to the reader:\n{}", wrong.join("\n"));
}

#[test]
fn separated_readers_never_read_partner_in_a_placeholder_and_every_placeholder_is_filled() {
    for (name, texts) in readable_parts() {
        for t in texts {
            assert!(!t.contains('{'), "{name}: a placeholder is left in {t:?}");
        }
    }
    let sample = "{partner} {Partner} {my_partner} {My_partner}";
    assert_eq!(words(sample, Some(Situation::Apart)), "your ex Your ex my ex My ex");
}

#[test]
fn the_opening_and_the_closing_speak_to_ex_partners_too() {
    let g = content::guide();
    assert!(!g.opening.situation.apart.is_empty());
    assert!(!g.closing.situation.apart.is_empty());
}

/// Step ids are links and storage keys on people's devices: renaming one loses progress.
#[test]
fn step_ids_never_change_and_steps_count_from_one() {
    let g = content::guide();
    let ids: Vec<&str> = g.steps.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "should-we-try", "end-the-affair", "tell-the-truth", "take-responsibility", "emotional-waves",
            "relearn-talking", "transparency", "boundaries", "daily-actions", "couples-therapy",
            "emotional-connection", "vulnerabilities", "forgive-gradually", "give-it-time", "decide-honestly",
        ]
    );
    let numbers: Vec<u32> = g.steps.iter().map(|s| s.number).collect();
    assert_eq!(numbers, (1..=15).collect::<Vec<_>>());
}

/// Topics recognised affair-recovery practice covers, each somewhere in the guide.
#[test]
fn the_guide_covers_the_topics_people_need() {
    let all: String = content::guide()
        .steps
        .iter()
        .flat_map(|s| step_texts(s).into_iter().map(str::to_lowercase))
        .collect::<Vec<_>>()
        .join("\n");
    for topic in [
        "children", "sexually transmitted", "see a doctor", "apology", "acceptance", "discernment counselling",
        "no contact at all", "seeing someone new", "dating", "changed since you split up", "family and friends",
        "if you decide to part", "spyware", "in pieces",
    ] {
        assert!(all.contains(topic), "the guide no longer mentions {topic:?}");
    }
}

// ------------------------------------------------------------------ help and safety

/// Searching the web for a helpline leaves a trace on a device someone may watch.
#[test]
fn no_text_tells_people_to_search_the_web() {
    for locale in Locale::ALL {
        locale::set_active(locale);
        for (name, texts) in readable_parts() {
            for t in texts {
                let t = t.to_lowercase();
                let search = ["search for", "searching for", "busca en", "buscar en", "búscal", "google"];
                assert!(!search.iter().any(|s| t.contains(s)), "{}, {name}: {t}", locale.id());
            }
        }
    }
    locale::set_active(Locale::En);
}

#[test]
fn every_line_can_be_called_and_a_self_harm_warning_finds_a_suicide_line_that_takes_texts() {
    let h = content::help();
    for l in &h.lines {
        let tel = l.tel();
        assert!(tel.len() > 4 && tel[4..].chars().all(|c| c.is_ascii_digit() || c == '+'), "{}: {tel}", l.name);
    }
    let [first, then] = LineKind::for_warning(SafetyKind::SelfHarm);
    assert_eq!((first, then), (LineKind::Crisis, LineKind::Emergency));
    let texting: Vec<_> = h.lines_of(LineKind::Crisis).filter_map(|l| l.sms()).collect();
    assert!(texting.contains(&"sms:988".to_string()), "{texting:?}");
    assert_eq!(LineKind::for_warning(SafetyKind::Abuse)[0], LineKind::Abuse);
    assert_eq!(dial_digits("1800 737 732").as_deref(), Some("1800737732"));
    assert_eq!(dial_digits("+44 116-123").as_deref(), Some("+44116123"));
    assert_eq!(dial_digits("1800RESPECT"), None);
}

#[test]
fn the_safety_screen_asks_about_self_harm_and_sexual_pressure() {
    let q = &content::check().safety.questions;
    assert!(q.iter().any(|q| q.kind == SafetyKind::SelfHarm));
    assert!(q.iter().any(|q| q.id == "sexual-pressure" && q.kind == SafetyKind::Abuse));
}

// ------------------------------------------------------------------ the checks refuse broken edits

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
    let mut guide = content::guide().clone();
    guide.steps[4].notes[0].body[0].clear();
    assert!(problems(&guide).contains("notes[0].body[0]: the text is empty"));
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
fn steps_numbered_from_zero_are_refused() {
    let mut guide = content::guide().clone();
    for (i, s) in guide.steps.iter_mut().enumerate() {
        s.number = i as u32;
    }
    assert!(problems(&guide).contains("number is 0 but the step is number 1"));
}

#[test]
fn a_step_whose_pairs_are_all_one_persons_lines_is_refused() {
    let mut guide = content::guide().clone();
    guide.steps[2].instead.retain(|p| p.who == Voice::Unfaithful);
    assert!(problems(&guide).contains("needs a pair whose line is Hurt's"), "{}", problems(&guide));
}

#[test]
fn a_check_item_that_says_your_partner_is_refused() {
    let mut check = content::check().clone();
    check.items[0].hurt = "I still care about {partner}.".into();
    let err = check.validate(content::guide()).expect_err("accepted").to_string();
    assert!(err.contains("items[0] (motives-1).hurt"), "{err}");
}

#[test]
fn a_safety_screen_without_a_self_harm_question_is_refused() {
    let mut check = content::check().clone();
    check.safety.questions.retain(|q| q.kind != SafetyKind::SelfHarm);
    let err = check.validate(content::guide()).expect_err("accepted").to_string();
    assert!(err.contains("none asks about SelfHarm"), "{err}");
}

#[test]
fn a_help_line_that_cannot_be_dialled_or_a_missing_kind_is_refused() {
    let mut help = content::help().clone();
    help.lines[0].number = "call 911".into();
    assert!(help.validate().expect_err("accepted").to_string().contains("must be digits"));
    let mut help = content::help().clone();
    help.lines.retain(|l| l.kind != LineKind::Crisis);
    assert!(help.validate().expect_err("accepted").to_string().contains("has no Crisis line"));
    let mut help = content::help().clone();
    help.directory.url = "http://example.org".into();
    assert!(help.validate().is_err());
}

#[test]
fn a_privacy_section_with_nothing_under_it_is_refused() {
    let mut privacy = content::privacy().clone();
    privacy.sections[1].body.clear();
    privacy.sections[1].list.clear();
    assert!(privacy.validate().expect_err("accepted").to_string().contains("neither paragraphs nor a list"));
}

#[test]
fn a_missing_field_does_not_parse() {
    let text = guide_toml();
    assert!(toml::from_str::<GuideContent>(&text).is_ok(), "the real file parses");
    let broken = text.replacen("\nsummary = ", "\nsummery = ", 1);
    let err = toml::from_str::<GuideContent>(&broken).expect_err("a misspelt field was accepted");
    assert!(err.to_string().contains("summery") || err.to_string().contains("summary"), "{err}");
    let unlabelled = text.replacen("who = \"hurt\"\n", "", 1);
    assert!(toml::from_str::<GuideContent>(&unlabelled).is_err(), "a pair without whose line it is was accepted");
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
