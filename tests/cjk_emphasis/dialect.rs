//! Where pulldown-cmark's dialect differs from comrak's on its own, independent of the
//! cjk-friendly rule: the only differences the comparison excuses.

/// Why geul may legitimately render `input` differently from comrak: behaviour where
/// pulldown-cmark's own dialect differs from comrak's, independent of the cjk-friendly
/// rule. Consulted only when an input differs, so that everything else is still checked.
/// Every case involves GFM strikethrough, which is outside the amendment's core; `*` and
/// `_` emphasis never needs an excuse.
pub(crate) fn explained(input: &str) -> Option<&'static str> {
    let chars: Vec<char> = input.chars().collect();
    let tilde_runs = tilde_runs(&chars);
    if tilde_runs.iter().any(|&(start, end)| end - start != 2) {
        // pulldown-cmark reads a single `~` as subscript and never pairs longer runs;
        // comrak (strikethrough on, subscript off) strikes through with `~` or `~~~`.
        return Some("a `~` run other than `~~`");
    }
    let opens_after_a_word = tilde_runs.iter().any(|&(start, end)| {
        let before = start.checked_sub(1).map(|i| chars[i]);
        let after = chars.get(end).copied();
        before.is_some_and(|c| c.is_ascii_alphanumeric() || ('\u{FE00}'..='\u{FE0E}').contains(&c))
            && after.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace())
    });
    if opens_after_a_word {
        // pulldown-cmark lets `~~` open before anything but whitespace, so `A~~(x)~~` is
        // struck through; comrak applies the emphasis flanking rule, under which `~~`
        // between a letter and punctuation cannot open. A helper only ever adds
        // flanking, so `prepare` cannot take that back.
        return Some("pulldown-cmark opens `~~` between a word and punctuation");
    }
    let is_vs = |c: char| ('\u{FE00}'..='\u{FE0E}').contains(&c);
    let run_sees_tilde = chars
        .windows(2)
        .any(|pair| matches!(pair, ['*' | '_', '~'] | ['~', '*' | '_']))
        || chars
            .windows(3)
            .any(|triple| matches!(triple, ['~', vs, '*' | '_' | '~'] if is_vs(*vs)));
    if run_sees_tilde {
        // comrak looks through `~` (its strikethrough delimiter) for the characters around
        // a delimiter run, so in `가**~~` it sees the end of the line after `**`, and in
        // `나~~\u{FE00}**` it sees `나` behind the variation selector. pulldown-cmark (like
        // CommonMark) sees the `~`, and `prepare` judges a run by what the engine sees.
        return Some("comrak looks through `~` next to a delimiter run");
    }
    None
}

/// `(start, end)` char indices of each maximal run of unescaped `~`.
pub(crate) fn tilde_runs(chars: &[char]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let escaped = chars[..i].iter().rev().take_while(|&&c| c == '\\').count() % 2 == 1;
        if chars[i] == '~' && !escaped {
            let start = i;
            while i < chars.len() && chars[i] == '~' {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    runs
}
