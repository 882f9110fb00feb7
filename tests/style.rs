//! The stylesheet is written in logical directions (start and end, not left
//! and right), so a right-to-left language needs no CSS of its own: the page
//! mirrors by itself once `dir="rtl"` is set.

/// Physical properties and values, each with its logical replacement.
const PHYSICAL: [(&str, &str); 12] = [
    ("margin-left", "margin-inline-start"),
    ("margin-right", "margin-inline-end"),
    ("padding-left", "padding-inline-start"),
    ("padding-right", "padding-inline-end"),
    ("border-left", "border-inline-start"),
    ("border-right", "border-inline-end"),
    ("left", "inset-inline-start"),
    ("right", "inset-inline-end"),
    ("text-align: left", "text-align: start"),
    ("text-align: right", "text-align: end"),
    ("float: left", "float: inline-start"),
    ("float: right", "float: inline-end"),
];

/// Where `css` sets a side by a physical name: one line per finding, with its
/// line number and the logical name to use instead. A four-value `margin` or
/// `padding` whose left and right differ counts too. A physical declaration
/// followed at once by its logical replacement is a fallback for older
/// engines, and passes.
fn physical_sides(css: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_comment = false;
    // The logical declaration that would make the last finding a fallback.
    let mut fallback: Option<(String, String)> = None;
    for (i, line) in css.lines().enumerate() {
        // Comments may name sides in words.
        let mut code = String::new();
        let mut rest = line;
        loop {
            if in_comment {
                match rest.find("*/") {
                    Some(end) => {
                        in_comment = false;
                        rest = &rest[end + 2..];
                    }
                    None => break,
                }
            } else {
                match rest.find("/*") {
                    Some(start) => {
                        code.push_str(&rest[..start]);
                        in_comment = true;
                        rest = &rest[start + 2..];
                    }
                    None => {
                        code.push_str(rest);
                        break;
                    }
                }
            }
        }
        let code = code.trim();
        if code.is_empty() {
            continue;
        }
        let pending = fallback.take();
        let Some((property, value)) = code.split_once(':') else { continue };
        let (property, value) = (property.trim(), value.trim().trim_end_matches(';').trim());
        let declaration = format!("{property}: {value}");
        if let Some((logical, finding)) = pending {
            let replaced = if logical.contains(':') { declaration == logical } else { property == logical };
            if replaced {
                found.retain(|f| *f != finding);
            }
        }
        for (physical, logical) in PHYSICAL {
            let hit = if physical.contains(':') {
                declaration == physical
            } else {
                property == physical || property.starts_with(&format!("{physical}-"))
            };
            if hit {
                let finding = format!("line {}: `{code}`: use {logical}", i + 1);
                found.push(finding.clone());
                fallback = Some((logical.to_string(), finding));
            }
        }
        if property == "margin" || property == "padding" {
            let values: Vec<&str> = value.split_whitespace().collect();
            if values.len() == 4 && values[1] != values[3] {
                found.push(format!("line {}: `{code}`: left and right differ; set {property}-inline-start/end", i + 1));
            }
        }
    }
    found
}

#[test]
fn the_stylesheet_sets_no_side_by_left_or_right() {
    let css = std::fs::read_to_string("style/app.css").expect("style/app.css is readable");
    let found = physical_sides(&css);
    assert!(found.is_empty(), "style/app.css uses physical sides:\n{}", found.join("\n"));
}

#[test]
fn the_check_finds_each_kind_of_physical_side() {
    let css = "a {\n  margin-left: 1rem;\n  padding-right: 0;\n  border-left-width: 6px;\n  left: 0;\n  \
               text-align: right;\n  float: left;\n  margin: 0 0 1rem 2rem;\n}\n";
    let found = physical_sides(css);
    assert_eq!(found.len(), 7, "{found:#?}");
    for line in 2..=8 {
        assert!(found.iter().any(|f| f.starts_with(&format!("line {line}:"))), "line {line} missed: {found:#?}");
    }
}

#[test]
fn logical_sides_symmetric_shorthands_and_comments_pass() {
    let css = "/* left and right, in words,\n   margin-left: 0; inside a comment */\na {\n  margin-inline-start: 1rem;\n  \
               inset-inline-end: 0;\n  text-align: start;\n  margin: 0 1rem 2rem 1rem;\n  padding: 0 1rem;\n  \
               border-inline-start: 4px solid red; /* not border-left */\n  \
               float: left; /* for older engines */\n  float: inline-start;\n}\n";
    assert_eq!(physical_sides(css), Vec::<String>::new());
}

#[test]
fn a_physical_side_with_no_logical_one_after_it_is_not_a_fallback() {
    let css = "a {\n  float: left;\n  width: 100%;\n  float: inline-start;\n}\n";
    assert_eq!(physical_sides(css).len(), 1);
}
