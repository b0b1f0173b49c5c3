//! Differential test: geul's emphasis (pulldown-cmark through tui-markdown, after
//! `emphasis::prepare`, with helpers removed) against comrak's `cjk_friendly_emphasis`,
//! the reference implementation of the markdown-cjk-friendly amendment.
//!
//! Each input is compared as the sequence of (visible text, bold?, italic?) segments, and
//! as plain visible text. Whitespace is left out of the segments and collapsed in the
//! plain text, because the renderers spell soft breaks and block gaps differently.
//!
//! Two corpora: Korean sentences (hand-written, and generated from templates), and a
//! seeded token soup that throws punctuation, CJK, variation selectors and delimiters
//! together in ways no one writes but every parser must survive.

mod corpus;
mod dialect;
mod render;
mod soup;

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};
use geul::markdown::emphasis::{HELPER, prepare, remove_helpers};
use ratatui::style::{Color, Modifier};

use corpus::*;
use dialect::*;
use render::*;
use soup::*;

/// How a character is shown. Inline code is its own look on both sides: tui-markdown
/// styles code spans with the code style alone and does not carry the surrounding
/// bold/italic into them, so only the text around code can be compared for emphasis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Look {
    Text { bold: bool, italic: bool },
    Code,
}

const PLAIN: Look = Look::Text {
    bold: false,
    italic: false,
};

impl Look {
    fn with_bold(self) -> Look {
        match self {
            Look::Text { italic, .. } => Look::Text { bold: true, italic },
            Look::Code => Look::Code,
        }
    }

    fn with_italic(self) -> Look {
        match self {
            Look::Text { bold, .. } => Look::Text { bold, italic: true },
            Look::Code => Look::Code,
        }
    }
}

/// The block an input is placed in, to exercise the line prefixes in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Paragraph,
    BlockQuote,
    ListItem,
    /// The body cell of a one-column table (line breaks become spaces).
    TableCell,
}

impl Container {
    fn wrap(self, sentence: &str) -> String {
        match self {
            Container::Paragraph => sentence.to_string(),
            Container::BlockQuote => sentence.lines().map(|line| format!("> {line}\n")).collect(),
            Container::ListItem => sentence
                .lines()
                .enumerate()
                .map(|(i, line)| {
                    let marker = if i == 0 { "- " } else { "  " };
                    format!("{marker}{line}\n")
                })
                .collect(),
            Container::TableCell => {
                format!("| 머리 |\n|---|\n| {} |\n", sentence.replace('\n', " "))
            }
        }
    }
}

/// How the Markdown reaches tui-markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pipeline {
    /// geul's: through `prepare`, helpers removed afterwards.
    Prepared,
    /// As written, to show what the corpus would catch without `prepare`.
    Raw,
}

/// What comparing a corpus found.
#[derive(Default)]
struct Report {
    inputs: usize,
    /// Inputs that differ from comrak for no known reason, described.
    mismatches: Vec<String>,
    /// Inputs that differ for a reason [`explained`] gives, with the reason.
    explained: Vec<(String, &'static str)>,
    /// Inputs that differ from comrak when rendered without `prepare`.
    need_prepare: usize,
}

/// Renders every input both ways and compares.
fn compare(inputs: &[(String, Container)]) -> Report {
    let mut report = Report {
        inputs: inputs.len(),
        ..Report::default()
    };
    for (input, container) in inputs {
        let ours = geul(input, *container, Pipeline::Prepared);
        assert!(
            !ours.iter().any(|&(c, _)| c == HELPER),
            "helper leaked for {input:?}"
        );
        let theirs = comrak(input);
        let (ours_plain, theirs_plain) = (plain(&ours, *container), plain(&theirs, *container));
        let (ours_segments, theirs_segments) = (segments(&ours), segments(&theirs));
        let raw = geul(input, *container, Pipeline::Raw);
        if plain(&raw, *container) != theirs_plain || segments(&raw) != theirs_segments {
            report.need_prepare += 1;
        }
        if ours_plain == theirs_plain && ours_segments == theirs_segments {
            continue;
        }
        if let Some(reason) = explained(input) {
            report.explained.push((input.clone(), reason));
            continue;
        }
        report.mismatches.push(format!(
            "input:  {input:?}\n  geul:   {}\n  comrak: {}\n  geul plain:   {ours_plain:?}\n  \
             comrak plain: {theirs_plain:?}",
            show(&ours_segments),
            show(&theirs_segments)
        ));
    }
    report
}

impl Report {
    /// Fails with every unexplained mismatch; lists the explained ones otherwise.
    fn check(&self, name: &str) {
        assert!(
            self.mismatches.is_empty(),
            "{name}: {} of {} inputs differ from comrak ({} more for known reasons):\n{}",
            self.mismatches.len(),
            self.inputs,
            self.explained.len(),
            self.mismatches.join("\n")
        );
        println!(
            "{name}: {} inputs, {} need the cjk-friendly rule, all match comrak except {} \
             for known reasons:",
            self.inputs,
            self.need_prepare,
            self.explained.len()
        );
        for (input, reason) in &self.explained {
            println!("  {input:?}: {reason}");
        }
    }
}

#[test]
fn emphasis_matches_comrak_cjk_friendly_mode() {
    let inputs = corpus();
    assert!(inputs.len() >= 200, "only {} inputs", inputs.len());
    let report = compare(&inputs);
    report.check("Korean sentences");
    // Guard against a corpus that never reaches the CJK rule.
    assert!(
        report.need_prepare * 5 >= inputs.len(),
        "only {} of {} inputs need the cjk-friendly rule",
        report.need_prepare,
        inputs.len()
    );
    // The excuses are for strikethrough dialects; they must stay rare.
    assert!(report.explained.len() * 50 <= inputs.len());
}

#[test]
fn token_soup_matches_comrak_cjk_friendly_mode() {
    let mut soup = Soup(0x9E37_79B9_7F4A_7C15);
    let containers = [
        Container::Paragraph,
        Container::BlockQuote,
        Container::ListItem,
        Container::TableCell,
    ];
    let inputs: Vec<(String, Container)> = (0..6000)
        .map(|_| {
            let sentence = soup.sentence();
            let container = containers[soup.below(containers.len())];
            (container.wrap(&sentence), container)
        })
        .collect();
    let report = compare(&inputs);
    report.check("token soup");
    // Guard against soup too thin to reach the CJK rule.
    assert!(
        report.need_prepare >= 200,
        "only {} inputs need the cjk-friendly rule",
        report.need_prepare
    );
}
