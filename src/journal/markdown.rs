//! The journal as a Markdown document, for keeping or printing elsewhere.
//!
//! Everything the person typed is escaped, so a body holding `<script>` or
//! `# heading` shows exactly that text in any Markdown viewer, and still reads
//! naturally as plain text (apart from a backslash before some punctuation).

use super::entry::Entry;

/// Writes the entries as one Markdown document, newest first: a heading per
/// entry (its title, or the date when it has none), then the date, mood in
/// words, feelings, tags and linked guide step, then the text with its line
/// breaks. `step_title` names a step id (the id itself is shown when it gives
/// `None`); `date_fmt` writes a time in the person's own format and time zone.
pub fn to_markdown<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    step_title: impl Fn(&str) -> Option<String>,
    date_fmt: impl Fn(u64) -> String,
) -> String {
    let mut entries: Vec<&Entry> = entries.into_iter().collect();
    entries.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| b.id.cmp(&a.id)));
    let t = crate::text::journal_export::get();
    let mut out = format!("# {}\n\n", t.title);
    if entries.is_empty() {
        out.push_str(t.no_entries);
        out.push('\n');
    }
    for (i, e) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push_str("---\n\n");
        }
        let date = date_fmt(e.created);
        let heading = if e.title.trim().is_empty() {
            &date
        } else {
            &e.title
        };
        out.push_str(&format!("## {}\n\n", escape_heading(heading)));
        out.push_str(&format!("- {}\n", t.date(escape_inline(&date))));
        if let Some(word) = e.mood_word() {
            out.push_str(&format!("- {}\n", t.mood(e.mood.unwrap_or_default(), word)));
        }
        if !e.feelings.is_empty() {
            out.push_str(&format!("- {}\n", t.feelings(escape_inline(&e.feelings.join(", ")))));
        }
        if !e.tags.is_empty() {
            out.push_str(&format!("- {}\n", t.tags(escape_inline(&e.tags.join(", ")))));
        }
        if let Some(step) = &e.step {
            let title = step_title(step).unwrap_or_else(|| step.clone());
            out.push_str(&format!("- {}\n", t.step(escape_inline(&title))));
        }
        out.push('\n');
        if !e.body.trim().is_empty() {
            push_body(&mut out, &e.body);
            out.push('\n');
        }
    }
    out
}

/// Backslash-escapes the punctuation that starts Markdown or HTML anywhere in
/// a line: emphasis, code, links, raw HTML, entities, tables, strikethrough.
fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A heading's text: inline escapes, and every `#` too, since trailing ones would close it.
fn escape_heading(s: &str) -> String {
    escape_inline(s.trim()).replace('#', "\\#")
}

/// Writes the body line by line: each line escaped, line breaks kept as hard
/// breaks (two trailing spaces), blank lines as paragraph breaks.
fn push_body(out: &mut String, body: &str) {
    let lines: Vec<&str> = body.lines().map(str::trim_end).collect();
    for (i, line) in lines.iter().enumerate() {
        if !line.is_empty() {
            out.push_str(&escape_line(line));
            if lines.get(i + 1).is_some_and(|next| !next.is_empty()) {
                out.push_str("  ");
            }
        }
        out.push('\n');
    }
}

/// One body line made inert: leading spaces become no-break spaces (four
/// spaces would start a code block; no-break ones look the same but are not
/// indentation to Markdown), and a line-start marker gets a backslash.
fn escape_line(line: &str) -> String {
    let text = line.trim_start_matches([' ', '\t']);
    let mut out = String::with_capacity(line.len() + 8);
    for c in line[..line.len() - text.len()].chars() {
        let width = if c == '\t' { 4 } else { 1 };
        out.extend(std::iter::repeat_n('\u{a0}', width));
    }
    let text = escape_inline(text);
    // Headings, list items, setext underlines and thematic breaks start a line
    // with one of these; `>`, `*`, `_`, `` ` ``, `~` and `<` are escaped already.
    if text.starts_with(['#', '-', '+', '=']) {
        out.push('\\');
        out.push_str(&text);
        return out;
    }
    // An ordered list item: up to nine digits, then `.` or `)`.
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) && matches!(text.as_bytes().get(digits), Some(b'.' | b')')) {
        out.push_str(&text[..digits]);
        out.push('\\');
        out.push_str(&text[digits..]);
        return out;
    }
    out.push_str(&text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, created: u64, title: &str, body: &str) -> Entry {
        let mut e = Entry::new(id.into(), created);
        e.title = title.into();
        e.body = body.into();
        e
    }

    fn date(ms: u64) -> String {
        format!("day {}", ms / 1000)
    }

    fn no_steps(_: &str) -> Option<String> {
        None
    }

    /// Undoes this module's escaping the way a Markdown viewer shows it: drops
    /// the backslash before punctuation, the hard-break spaces, and turns no-break spaces back.
    fn shown(md: &str) -> String {
        let mut out = String::new();
        let mut chars = md.trim_end_matches("  ").chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if chars.peek().is_some_and(|n| n.is_ascii_punctuation()) => {
                    out.extend(chars.next());
                }
                '\u{a0}' => out.push(' '),
                _ => out.push(c),
            }
        }
        out
    }

    /// The body lines of a one-entry document: everything after the metadata list.
    fn body_lines(md: &str) -> Vec<String> {
        let body = md.split("\n\n").skip(3).collect::<Vec<_>>().join("\n\n");
        body.trim_end_matches('\n')
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// Whether every `c` in the line has a backslash before it.
    fn all_escaped(line: &str, c: char) -> bool {
        line.match_indices(c)
            .all(|(at, _)| line[..at].ends_with('\\'))
    }

    #[test]
    fn html_and_markdown_in_the_body_read_back_as_typed() {
        let body = "# heading\n<script>alert('x')</script>\n> quote\n- item\n+ plus\n1. one\n2) two\n    code?\n\tta*b*\n**bold** _em_ `tick` [link](http://x) ![img](y)\n&amp; | pipe ~~strike~~\n===\n---\nends with \\";
        let md = to_markdown([&entry("a", 1000, "T", body)], no_steps, date);
        let lines = body_lines(&md);
        let typed: Vec<String> = body.lines().map(|l| l.replace('\t', "    ")).collect();
        assert_eq!(lines.iter().map(|l| shown(l)).collect::<Vec<_>>(), typed);
        for line in &lines {
            assert!(
                !line.starts_with(['#', '<', '>', '-', '+', '=', ' ', '\t', '*', '`']),
                "{line:?} is live Markdown"
            );
            assert!(
                all_escaped(line, '<') && all_escaped(line, '&'),
                "{line:?} holds raw HTML"
            );
        }
        assert!(md.contains("\\<script\\>"));
        assert!(md.contains("1\\. one"));
    }

    #[test]
    fn line_breaks_and_paragraphs_are_kept() {
        let md = to_markdown(
            [&entry("a", 1000, "T", "one\ntwo\n\nthree")],
            no_steps,
            date,
        );
        assert!(md.contains("one  \ntwo\n\nthree\n"), "{md}");
    }

    #[test]
    fn a_title_that_looks_like_markup_stays_one_plain_heading() {
        let md = to_markdown(
            [&entry("a", 1000, "I'm #1 <b>really</b> ##", "x")],
            no_steps,
            date,
        );
        assert!(
            md.contains("## I'm \\#1 \\<b\\>really\\</b\\> \\#\\#\n"),
            "{md}"
        );
    }

    #[test]
    fn entries_come_newest_first_with_the_date_as_heading_when_untitled() {
        let md = to_markdown(
            [
                &entry("old", 1_000, "Old", "a"),
                &entry("new", 5_000, "", "b"),
            ],
            no_steps,
            date,
        );
        let new_at = md.find("## day 5").unwrap();
        let old_at = md.find("## Old").unwrap();
        assert!(new_at < old_at);
        assert_eq!(md.matches("\n---\n").count(), 1);
    }

    #[test]
    fn mood_feelings_tags_and_step_are_listed_in_words() {
        let mut e = entry("a", 1000, "T", "text");
        e.mood = Some(2);
        e.feelings = vec!["Hurt".into(), "Tired".into()];
        e.tags = vec!["work_stuff".into()];
        e.step = Some("s1".into());
        let md = to_markdown(
            [&e],
            |id| (id == "s1").then(|| "Talking *honestly*".to_string()),
            date,
        );
        assert!(md.contains("- Date: day 1\n"));
        assert!(md.contains("- Mood: Low (2 of 5)\n"));
        assert!(md.contains("- Feelings: Hurt, Tired\n"));
        assert!(md.contains("- Tags: work\\_stuff\n"));
        assert!(md.contains("- Guide step: Talking \\*honestly\\*\n"));
        let unknown = to_markdown([&e], no_steps, date);
        assert!(unknown.contains("- Guide step: s1\n"));
    }

    #[test]
    fn an_empty_journal_says_so() {
        assert_eq!(
            to_markdown([], no_steps, date),
            "# Journal\n\nNo entries yet.\n"
        );
    }
}
