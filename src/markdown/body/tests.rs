use super::*;

fn pieces(source: &str, target: usize) -> Vec<String> {
    let (blocks, _) = blocks::split(source);
    cut::by_blocks(source, &blocks, target)
        .into_iter()
        .map(|r| source[r].to_string())
        .collect()
}

#[test]
fn chunks_cover_the_source_in_order() {
    let source = "# 제목\n\n첫 문단\n\n- 목록\n\n> 인용\n\n끝 문단\n";
    assert_eq!(pieces(source, 1).concat(), source);
}

#[test]
fn a_chunk_never_starts_right_after_a_heading_or_at_a_dash() {
    let source = "### 메타 설명\n\n요약 문단\n\n---\n\n본문\n\n* 항목\n";
    let chunks = pieces(source, 1);
    assert_eq!(
        chunks,
        [
            "### 메타 설명\n\n요약 문단\n\n---\n\n",
            "본문\n\n",
            "* 항목\n"
        ]
    );
}

/// Bodies where a chunk could read differently from the whole: footnotes, reference
/// links defined elsewhere, the summary heading, front-matter-like rules, emphasis
/// that needs helpers, hard-wrapped prose, HTML, code and lists.
const TRICKY: &str = "둘째[^b] 그리고 첫째[^a].\n\n[^a]: 가 **잡음(노이즈)**으로\n[^b]: 나\n\n\
    [**문서(doc)**]를 보고 [링크][d]도 봅니다.\n\n### 📝 메타 설명\n\n요약입니다.\n\n\
    ---\ntitle: 아님\n---\n\n**LLM(거대 언어 모델)**입니다\n말로 들으면\n**“대체 어떻게?”** 싶은\n\n\
    <!-- 주석 -->\n\n```rust\nfn main() {}\n```\n\n    들여쓴 코드\n\n* 하나\n  * 둘\n\n\
    > **POINT** 💡\n> 팁\n\n| a | b |\n|---|---|\n| **가)**나 | 2 |\n\n\
    [d]: https://example.com/d\n[**문서(doc)**]: https://example.com\n\n끝 #태그\n\n#생성형AI #LLM\n";

/// Bodies without link reference definitions, cut by their text: blocks that go on
/// past a blank line (fences, comments, lists, quotes, definition lists, indented
/// code) just before a line a chunk could start at.
const OPEN_ENDED: &str = "가나다 문단\n\n```\n열린 울타리\n\n가운데\n\n```\n\n\
    <!--\n주석\n\n안쪽\n-->\n\n<pre>\n\n미리\n\n</pre>\n\n- 목록\n  게으른\n\n\
    목록 뒤\n\n- 항목\n\n  ```\n  안 닫힌\n\n끝 문단\n\n> 인용\n> **굵게(괄호)**다\n\n\
    인용 뒤\n\n용어\n: 정의\n\n다음 용어\n: 둘째 정의\n\n    들여쓴 코드\n\n코드 뒤\n\n\
    ### 📝 메타 설명\n\n요약입니다.\n\n제목\n===\n\n밑줄 뒤\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\
    abc **def(g)**한\n줄\n\n~~~\n끝까지 열린 울타리\n\n마지막\n";

const WRAPPED: &str = "The quick brown fox jumps over the lazy dog and keeps running far away\n\
    until the evening comes and the whole field is quiet again, so that\n\
    nobody could tell where the fox went or why it ran so fast that day.\nEnd.\n\n";

/// The bodies the chunked renders are checked on: the tricky ones above, hard-wrapped
/// prose before and after them (so the whole body's soft-break verdict differs from what
/// the Korean chunks alone suggest), and two sample posts.
fn bodies() -> Vec<String> {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut bodies = vec![
        TRICKY.to_string(),
        WRAPPED.repeat(3),
        format!("{TRICKY}{}", WRAPPED.repeat(8)),
        OPEN_ENDED.to_string(),
        format!("{}{OPEN_ENDED}", WRAPPED.repeat(4)),
    ];
    for post in [
        "posts/dev/markdown-cheatsheet-for-bloggers.md",
        "posts/ai/vector-database-basics.md",
    ] {
        bodies.push(std::fs::read_to_string(manifest.join(post)).unwrap_or_default());
    }
    bodies
}

#[test]
fn rendering_in_chunks_of_any_size_gives_the_rows_of_one_chunk() {
    use crate::markdown::render::{RenderOptions, render_body_in_chunks};
    use crate::styled::Theme;
    let theme = Theme::default();
    for body in &bodies() {
        for soft_breaks in [SoftBreaks::Auto, SoftBreaks::Keep, SoftBreaks::Join] {
            let opts = RenderOptions {
                width: 50,
                soft_breaks,
                theme: &theme,
            };
            let whole = render_body_in_chunks(body, &opts, 1, usize::MAX);
            for chunk_bytes in [1, 7, 30, 200, 3000] {
                let chunked = render_body_in_chunks(body, &opts, 1, chunk_bytes);
                assert!(
                    chunked == whole,
                    "{soft_breaks:?}, chunks of {chunk_bytes}: {body}"
                );
            }
        }
    }
}

#[test]
fn rendering_the_rest_as_chunks_are_surveyed_gives_the_rows_of_rendering_them_one_by_one() {
    use crate::library::scan::post_from_text;
    use crate::markdown::{ArticleRenderer, ReadBody, RenderOptions};
    use crate::styled::Theme;
    let theme = Theme::default();
    for body in &bodies() {
        let text = format!("---\ntitle: 글\n---\n{body}");
        let post = post_from_text("a.md".into(), "a.md".into(), &text);
        for soft_breaks in [SoftBreaks::Auto, SoftBreaks::Keep, SoftBreaks::Join] {
            let opts = RenderOptions {
                width: 50,
                soft_breaks,
                theme: &theme,
            };
            for chunk_bytes in [1, 7, 30, 200, 3000] {
                let renderer = || {
                    let read = ReadBody::in_chunks(&post.body, soft_breaks, chunk_bytes);
                    ArticleRenderer::with_body(&post, &opts, Some(read))
                };
                let mut one_by_one = renderer();
                while one_by_one.render_next() {}
                let expected = one_by_one.article();
                let finished = renderer().finish();
                let case = format!("{soft_breaks:?}, chunks of {chunk_bytes}: {body}");
                assert!(finished.lines == expected.lines, "{case}");
                assert!(finished.anchors == expected.anchors, "{case}");
                let (head, pieces) = renderer().finish_each(|rows| rows.to_vec());
                let lines: Vec<_> = head
                    .into_iter()
                    .chain(pieces.into_iter().flatten())
                    .collect();
                assert!(lines.len() == expected.lines.len(), "{case}");
                assert!(
                    lines
                        .iter()
                        .zip(&expected.lines)
                        .all(|((line, _), expected)| line == expected),
                    "{case}"
                );
            }
        }
    }
}

#[test]
fn a_fence_left_open_joins_the_chunks_after_it_in_few_rounds() {
    use crate::markdown::render::{RenderOptions, render_body_in_chunks};
    let body = format!("문단\n\n```\n{}", "가 나\n\n".repeat(8000));
    let theme = crate::styled::Theme::default();
    let opts = RenderOptions {
        width: 40,
        soft_breaks: SoftBreaks::Auto,
        theme: &theme,
    };
    let started = std::time::Instant::now();
    let chunked = render_body_in_chunks(&body, &opts, 1, 8);
    // Joined one chunk at a time, this took thousands of rounds over a growing chunk.
    assert!(started.elapsed().as_secs() < 3, "{:?}", started.elapsed());
    assert!(chunked == render_body_in_chunks(&body, &opts, 1, usize::MAX));
}

#[test]
fn a_long_body_is_shown_in_two_halves_exactly_as_whole() {
    let body = "가나다 \u{1b}[31m 🇰🇷 1\u{FE0F}\u{20E3}\n".repeat(20_000);
    assert_eq!(display_form(&body), display_source(&body));
    assert_eq!(display_form("짧은 글\n"), "짧은 글\n");
}

#[test]
fn a_short_body_is_one_chunk() {
    assert_eq!(pieces("가\n\n나\n", CHUNK_BYTES).len(), 1);
}

#[test]
fn a_post_text_that_rendering_leaves_as_it_is_is_shared_not_copied() {
    let text = PostText::from("# 제목\n\n문단입니다. ✔️\n\n- 항목\n");
    let body = Body::sharing(&text, SoftBreaks::Auto, CHUNK_BYTES);
    assert!(
        matches!(&body.source, Source::Shared(shared) if std::ptr::eq(shared.as_str(), text.as_str()))
    );
}

#[test]
fn a_post_text_with_footnotes_or_control_characters_gets_a_rewritten_copy() {
    for (text, rewritten) in [
        ("본문[^1]\n\n[^1]: 각주\n", None),
        ("제어\u{7}문자\n", Some("제어␇문자\n")),
    ] {
        let post_text = PostText::from(text);
        let body = Body::sharing(&post_text, SoftBreaks::Auto, CHUNK_BYTES);
        assert!(matches!(&body.source, Source::Own(_)), "{text:?}");
        if let Some(rewritten) = rewritten {
            assert_eq!(&*body.source, rewritten);
        }
        assert_eq!(post_text.as_str(), text, "the post keeps its own text");
    }
}
