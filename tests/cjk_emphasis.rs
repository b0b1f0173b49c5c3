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

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};
use geul::markdown::emphasis::{HELPER, prepare, remove_helpers};
use ratatui::style::{Color, Modifier};

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

/// geul's pipeline: the characters tui-markdown draws, each with its look.
fn geul(source: &str, container: Container, pipeline: Pipeline) -> Vec<(char, Look)> {
    let prepared = match pipeline {
        Pipeline::Prepared => prepare(source),
        Pipeline::Raw => source.into(),
    };
    let mut text = tui_markdown::from_str(&prepared);
    remove_helpers(&mut text);
    let mut out = Vec::new();
    for line in &text.lines {
        let mut spans = line.spans.as_slice();
        // The container's own decoration is not content: tui-markdown prefixes quoted
        // lines with `>` and a space, and list items with their marker.
        match container {
            Container::Paragraph => {}
            Container::BlockQuote => {
                while let Some((first, rest)) = spans.split_first() {
                    let content = first.content.trim();
                    if content == ">" || content.is_empty() {
                        spans = rest;
                    } else {
                        break;
                    }
                }
            }
            Container::ListItem => {
                if let Some((first, rest)) = spans.split_first()
                    && first.content.trim() == "-"
                {
                    spans = rest;
                }
            }
            Container::TableCell => {}
        }
        for span in spans {
            // Table borders (dark grey) and the header row (cyan) are not the cell.
            if container == Container::TableCell
                && matches!(span.style.fg, Some(Color::DarkGray | Color::Cyan))
            {
                continue;
            }
            let look = if span.style.bg == Some(Color::Black) {
                Look::Code
            } else {
                Look::Text {
                    bold: span.style.add_modifier.contains(Modifier::BOLD),
                    italic: span.style.add_modifier.contains(Modifier::ITALIC),
                }
            };
            out.extend(span.content.chars().map(|c| (c, look)));
        }
        out.push(('\n', PLAIN));
    }
    out
}

/// comrak's view: the same characters from its AST, bold inside `Strong`, italic inside
/// `Emph`. Links are followed by ` (destination)` because that is how tui-markdown shows
/// them.
fn comrak(source: &str) -> Vec<(char, Look)> {
    let arena = Arena::new();
    let mut options = Options::default();
    options.extension.cjk_friendly_emphasis = true;
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    let root = parse_document(&arena, source, &options);
    let mut out = Vec::new();
    walk(root, PLAIN, &mut out);
    out
}

fn walk<'a>(node: &'a AstNode<'a>, look: Look, out: &mut Vec<(char, Look)>) {
    let push = |text: &str, look: Look, out: &mut Vec<(char, Look)>| {
        out.extend(text.chars().map(|c| (c, look)));
    };
    let children = |look: Look, out: &mut Vec<(char, Look)>| {
        for child in node.children() {
            walk(child, look, out);
        }
    };
    let value = node.data().value.clone();
    match value {
        NodeValue::Text(text) => push(&text, look, out),
        NodeValue::Code(code) => push(&code.literal, Look::Code, out),
        NodeValue::HtmlInline(html) => push(&html, look, out),
        // tui-markdown shows footnote references as `[name]` and starts a definition with
        // `[name]: `, in the footnote style (italic for references).
        NodeValue::FootnoteReference(reference) => {
            push(&format!("[{}]", reference.name), look.with_italic(), out);
        }
        NodeValue::FootnoteDefinition(definition) => {
            push(&format!("[{}]: ", definition.name), PLAIN, out);
            children(look, out);
        }
        NodeValue::ThematicBreak => push("---\n", PLAIN, out),
        NodeValue::SoftBreak | NodeValue::LineBreak => push(" ", PLAIN, out),
        NodeValue::Strong => children(look.with_bold(), out),
        NodeValue::Emph => children(look.with_italic(), out),
        NodeValue::Link(link) => {
            children(look, out);
            push(&format!(" ({})", link.url), PLAIN, out);
        }
        NodeValue::Paragraph => {
            children(look, out);
            push("\n", PLAIN, out);
        }
        NodeValue::TableRow(true) => {}
        _ => children(look, out),
    }
}

/// A run of visible text with one look.
type Segment = (String, Look);

/// Non-whitespace characters grouped into maximal runs of one look.
fn segments(chars: &[(char, Look)]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for &(c, look) in chars.iter().filter(|(c, _)| !c.is_whitespace()) {
        match out.last_mut() {
            Some((text, last)) if *last == look => text.push(c),
            _ => out.push((c.to_string(), look)),
        }
    }
    out
}

/// All visible characters in order, whitespace runs collapsed to one space (dropped in a
/// table, where tui-markdown pads cells).
fn plain(chars: &[(char, Look)], container: Container) -> String {
    let text: String = chars.iter().map(|&(c, _)| c).collect();
    let separator = if container == Container::TableCell {
        ""
    } else {
        " "
    };
    text.split_whitespace().collect::<Vec<_>>().join(separator)
}

fn show(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|(text, look)| match look {
            Look::Code => format!("`{text}`"),
            Look::Text {
                bold: true,
                italic: true,
            } => format!("<bi>{text}</bi>"),
            Look::Text { bold: true, .. } => format!("<b>{text}</b>"),
            Look::Text { italic: true, .. } => format!("<i>{text}</i>"),
            Look::Text { .. } => text.clone(),
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Phrases that get emphasised. Most end (or start) with punctuation, which is where
/// CommonMark's flanking rules give up next to Hangul.
const PHRASES: &[&str] = &[
    "LLM(거대 언어 모델)",
    "확산 모델(diffusion model)",
    "“공간 + 시간 + 물리 법칙”",
    "잡음(노이즈)",
    "‘작은따옴표’",
    "「인용문」",
    "정답은 42.",
    "정말 중요합니다!",
    "왜 그럴까?",
    "끝。",
    "하나、둘",
    "가·나·다",
    "트랜스포머",
    "GPU 메모리",
    "3.5배",
    "🚀 출시",
    "`cargo test`",
    "[공식 문서](https://example.com/docs)",
    "(괄호로 시작하는 말)",
    "100%",
    "“따옴표”와 (괄호)",
    "v2.0",
];

/// What follows the closing delimiter: particles, punctuation, emoji, code, numbers,
/// Latin, a space, the end of the line.
const FOLLOWERS: &[&str] = &[
    "은 중요하다.",
    "는 다르다",
    "이 필요합니다.",
    "가 있다",
    "을 보세요.",
    "를 썼다",
    "으로 바뀌었다.",
    "에서 나왔다",
    "입니다.",
    "의 뜻",
    "",
    " 다음 문장.",
    ".",
    "!",
    "?",
    ")",
    "”라고",
    "’",
    "」",
    "。",
    "、그리고",
    "·",
    "😀",
    "`코드`",
    "123",
    "API",
];

/// What precedes the opening delimiter.
const PREFIXES: &[&str] = &["", "우리는 ", "모델", "(", "“", "결과:", "A"];

const DELIMITERS: &[&str] = &["**", "*", "__", "_", "***", "~~"];

/// Sentences written for this test, the way Korean technical articles use emphasis.
const HANDWRITTEN: &[&str] = &[
    "**LLM(거대 언어 모델)**입니다",
    "**확산 모델(diffusion model)**입니다",
    "**“공간 + 시간 + 물리 법칙”**을",
    "**잡음(노이즈)**으로",
    "이 글에서는 **어텐션(attention)**이 무엇인지 설명합니다.",
    "결론부터 말하면 **“데이터가 전부다”**라는 말은 반쯤 맞습니다.",
    "*주의:* 이 명령은 **되돌릴 수 없습니다(irreversible)**.",
    "모델의 크기는 **70억 개(7B)**의 매개변수로 이루어져 있다.",
    "**왜?**라는 질문이 가장 중요하다.",
    "그는 **「다시 시작하자」**고 말했다.",
    "정리하면 **입력 → 출력**의 구조다.",
    "**(주의)**이 부분은 자주 틀립니다.",
    "학습률을 *너무 크게(too large)* 잡으면 발산한다.",
    "학습률을 *너무 크게(too large)*잡으면 발산한다.",
    "`pip install` 대신 **`uv add`**를 쓰세요.",
    "**`git rebase`**는 이력을 다시 씁니다.",
    "이 값은 **0.001**이며 *기본값(default)*이다.",
    "**한국어 처리(NLP)**와 **음성 인식(ASR)**은 다르다.",
    "***정말로 중요한 것(!)***은 평가 방법이다.",
    "**굵게 *기울임(italic)*이 섞인 문장**입니다.",
    "**굵게 *기울임(italic)***입니다.",
    "*기울임 **굵게(bold)***입니다.",
    "**닫히지 않은 강조(open)로 끝나는 문장",
    "여는 것 없이 닫기만 한다)**입니다.",
    "*하나**둘*셋",
    "**여러 줄에 걸친\n강조(emphasis)**입니다.",
    "첫 줄은 평범하고\n**둘째 줄(second)**이 굵다.",
    "**첫째(1)**와\n**둘째(2)**가 있다.",
    "__밑줄 강조(underscore)__는 어떨까?",
    "__주의__：주의 사항",
    "주의：__주의 사항__",
    "_기울임(italic)_은 단어 안에서 쓰기 어렵다.",
    "한국어_밑줄_사이",
    "snake_case_name은 그대로 둔다.",
    "파일 이름 my_file_name.txt를 연다.",
    "**2024년**에 발표된 **GPT-4o(omni)**는 멀티모달이다.",
    "**😀 웃는 얼굴**이 보인다.",
    "**이모지😀**가 끝에 있다.",
    "**이모지(😀)**로 끝난다.",
    "비용은 **$100(약 13만 원)**입니다.",
    "**50%**의 확률로 성공한다.",
    "**50%(절반)**의 확률로 성공한다.",
    "문장 끝의 **강조.**",
    "문장 끝의 **강조(끝)**.",
    "**“인용”**,**“다른 인용”**을 비교한다.",
    "**『책 제목』**을 읽었다.",
    "**【공지】**서버 점검 안내",
    "**［참고］**이 표를 보세요.",
    "그것은 *‘혁신’*이라기보다 *‘개선’*에 가깝다.",
    "이 기능은 **실험적(experimental)**이므로 *주의(caution)*해서 쓰세요.",
    "**A/B 테스트**로 확인했다.",
    "**A/B(에이비)**테스트로 확인했다.",
    "**1단계.**데이터를 모은다.",
    "**1단계.** 데이터를 모은다.",
    "값은 **-1**부터 **+1**까지다.",
    "사용자는 **Ctrl+C**를 눌러 종료한다.",
    "**Ctrl+C(복사)**를 누른다.",
    "**a)**부터 **c)**까지 고르시오.",
    "괄호 안 강조 (**중요(!)**)입니다.",
    "따옴표 안 강조 “**핵심(core)**”입니다.",
    "**강조**와 일반 글자 사이에 공백이 없다.",
    "일반 글자와**강조**사이에 공백이 없다.",
    "일반 글자와**강조(괄호)**사이에 공백이 없다.",
    "*한 글자*씩 *두(2)*글자",
    "연속된 **별표**** 네 개",
    "별표 하나 * 사이에 공백 *",
    "**공백 앞 ** 닫기",
    "** 공백 뒤** 열기",
    r"이스케이프된 \*\*별표(star)\*\*입니다.",
    r"절반만 이스케이프 \**별표(star)**입니다.",
    "**[링크(link)](https://example.com)**를 참고하세요.",
    "[**굵은 링크(bold)**](https://example.com)를 참고하세요.",
    "**링크 [문서](https://example.com/a_b_c)**에 있다.",
    "<span>**인라인 HTML(html)**</span>이다.",
    "**태그 <b>안</b>(html)**이다.",
    "각주가 있는 **문장(footnote)**[^1]이다.\n\n[^1]: 각주 내용은 **여기(here)**에 있다.",
    "~~취소선(strike)~~과 **굵게(bold)**를 함께 쓴다.",
    "**줄 끝 강조(end)**  \n다음 줄입니다.",
    "숫자 **1,000(천)**원",
    "**一般(일반)**명사",
    "한자 **漢字**를 섞어 쓴다.",
    "일본어 **「こんにちは」**라고 인사했다.",
    "中文**“你好”**以及 한국어**“안녕”**을 비교한다.",
    "**가**、**나**、**다**",
    "**가。**나",
    "**‘가’**나 **‘다’**라",
    "**v1.2.3**에서 **v2.0.0**으로 올렸다.",
    "**`code`**·**`span`** 둘 다",
    "끝에 별표가 남는 문장**",
    "**",
    "****",
    "*(괄호)*",
    "가*(나)*다",
    "가**(나)**다",
    "가__(나)__다",
    "가_(나)_다",
    "(가)**나**(다)",
    "(가)*나*(다)",
    "**가(나)**다**라(마)**바",
    "*가(나)*다*라(마)*바",
    "~~취소(cancel)~~된 일정",
    "일정이 ~~“취소”~~되었다.",
    "모델~~(구버전)~~이 바뀌었다.",
    "~~가(나)~~다~~라(마)~~바",
    "**굵게 ~~취소(x)~~**를 섞는다.",
    "~~**굵은 취소(x)**~~를 섞는다.",
    "한글︀**(VS1 뒤)**입니다",
    "〽︎**(기호)**는 특이하다",
    "**참。︁**거짓",
    "“︁깃”︁__허브__",
    "葛󠄀**(칡)**이다",
    "韓國**(한국)**의 한자",
    "**１２３（전각）**숫자",
    "**ＡＢＣ**전각 로마자",
    "￥**(엔화)**",
    "**₩1,000(천 원)**입니다",
];

/// Why geul may legitimately render `input` differently from comrak: behaviour where
/// pulldown-cmark's own dialect differs from comrak's, independent of the cjk-friendly
/// rule. Consulted only when an input differs, so that everything else is still checked.
/// Every case involves GFM strikethrough, which is outside the amendment's core; `*` and
/// `_` emphasis never needs an excuse.
fn explained(input: &str) -> Option<&'static str> {
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
fn tilde_runs(chars: &[char]) -> Vec<(usize, usize)> {
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

fn corpus() -> Vec<(String, Container)> {
    let mut inputs = Vec::new();
    for sentence in HANDWRITTEN {
        inputs.push((sentence.to_string(), Container::Paragraph));
        // Footnote definitions and hard breaks are blocks and lines of their own.
        if !sentence.contains("[^") {
            for container in [Container::BlockQuote, Container::ListItem] {
                inputs.push((container.wrap(sentence), container));
            }
            if !sentence.contains("  \n") {
                inputs.push((Container::TableCell.wrap(sentence), Container::TableCell));
            }
        }
    }
    let mut n = 0usize;
    for delimiter in DELIMITERS {
        for phrase in PHRASES {
            for follower in FOLLOWERS {
                let prefix = PREFIXES[n % PREFIXES.len()];
                let sentence = format!("{prefix}{delimiter}{phrase}{delimiter}{follower}");
                // Some sentences go into a quote, a list item or a table cell instead.
                let container = match n % 11 {
                    3 => Container::BlockQuote,
                    7 => Container::ListItem,
                    9 => Container::TableCell,
                    _ => Container::Paragraph,
                };
                inputs.push((container.wrap(&sentence), container));
                n += 1;
            }
        }
    }
    inputs
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

/// Pieces of token soup: Hangul, Latin, digits, ASCII and CJK punctuation, curly quotes,
/// emoji, variation selectors (VS1, VS2, VS15, an ideographic one), a Hangul jamo, code,
/// links, HTML, entities, escapes and every delimiter.
const TOKENS: &[&str] = &[
    "가",
    "나",
    "을",
    "ᄏ",
    "a",
    "b",
    "1",
    "(",
    ")",
    "“",
    "”",
    "’",
    "「",
    "」",
    "。",
    "、",
    "·",
    "：",
    "!",
    ".",
    "＊",
    "〽",
    "😀",
    "\u{FE00}",
    "\u{FE0E}",
    "。\u{FE01}",
    "“\u{FE01}",
    "葛\u{E0100}",
    "`",
    "\\",
    "\\*",
    "\\_",
    "[",
    "](u)",
    "<b>",
    "&amp;",
    " ",
    "\nㅋ",
    "*",
    "**",
    "***",
    "_",
    "__",
    "~~",
    "*",
    "**",
    "_",
];

/// A small deterministic generator (xorshift64), so failures reproduce.
struct Soup(u64);

impl Soup {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One to fourteen tokens after a Hangul letter. Each line starts with a letter so
    /// that no line turns into a list item or thematic break, which the two renderers
    /// draw differently.
    fn sentence(&mut self) -> String {
        let len = 1 + self.below(14);
        std::iter::once("ㅋ")
            .chain((0..len).map(|_| TOKENS[self.below(TOKENS.len())]))
            .collect()
    }
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
