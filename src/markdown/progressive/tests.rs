//! Rendering a post bit by bit gives the rows of rendering it whole.

use std::path::PathBuf;

use super::*;
use crate::library::scan::post_from_text;
use crate::markdown::render_post;

/// A post of many chunks: a sample post's body repeated, with a footnote at the end.
fn long_post() -> Post {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = manifest.join("posts/dev/markdown-cheatsheet-for-bloggers.md");
    let text = std::fs::read_to_string(sample).unwrap_or_default();
    let body = text.split_once("\n---\n").map_or(text.as_str(), |(_, b)| b);
    let long = format!("---\ntitle: 긴 글\n---\n{}", body.repeat(12));
    post_from_text(PathBuf::from("long.md"), PathBuf::from("long.md"), &long)
}

fn opts(theme: &Theme) -> RenderOptions<'_> {
    RenderOptions {
        width: 72,
        soft_breaks: SoftBreaks::Auto,
        theme,
    }
}

#[test]
fn the_first_screen_is_the_first_rows_of_the_whole_article() {
    let post = long_post();
    let theme = Theme::default();
    let whole = render_post(&post, &opts(&theme));
    let mut renderer = ArticleRenderer::new(&post, &opts(&theme));
    let first = renderer.render_until(80);
    assert!(first.lines.len() >= 80 && first.lines.len() < whole.lines.len());
    assert_eq!(first.lines[..], whole.lines[..first.lines.len()]);
    assert_eq!(first.anchors[..], whole.anchors[..first.lines.len()]);
    assert!(!renderer.is_complete());
}

#[test]
fn finishing_after_some_chunks_gives_the_same_article_as_rendering_at_once() {
    let post = long_post();
    let theme = Theme::default();
    let whole = render_post(&post, &opts(&theme));
    for steps in [0, 1, 3] {
        let mut renderer = ArticleRenderer::new(&post, &opts(&theme));
        for _ in 0..steps {
            renderer.render_next();
        }
        let finished = renderer.finish();
        assert!(finished.lines == whole.lines, "after {steps} chunks");
        assert_eq!(finished.anchors, whole.anchors);
        assert_eq!(finished.chips, whole.chips);
    }
    let mut renderer = ArticleRenderer::new(&post, &opts(&theme));
    while renderer.render_next() {}
    assert!(renderer.is_complete());
    assert!(renderer.article().lines == whole.lines);
    assert_eq!(renderer.article().chips, whole.chips);
}

#[test]
fn a_body_read_ahead_is_used_only_when_it_is_the_posts() {
    let post = long_post();
    let theme = Theme::default();
    let whole = render_post(&post, &opts(&theme));
    let read = ReadBody::new(&post.body, SoftBreaks::Auto);
    let ahead = ArticleRenderer::with_body(&post, &opts(&theme), Some(read)).finish();
    assert!(ahead.lines == whole.lines);
    let read = ReadBody::new(&post.body, SoftBreaks::Keep);
    let keep = RenderOptions {
        soft_breaks: SoftBreaks::Keep,
        ..opts(&theme)
    };
    let kept = ArticleRenderer::with_body(&post, &keep, Some(read)).finish();
    assert!(kept.lines == render_post(&post, &keep).lines);
    let other = ReadBody::new(&"# 다른 글\n".into(), SoftBreaks::Auto);
    let fallback = ArticleRenderer::with_body(&post, &opts(&theme), Some(other)).finish();
    assert!(fallback.lines == whole.lines);
}

#[test]
fn a_long_body_read_ahead_shows_the_reading_time_of_the_whole_body() {
    let long = "한국어 문장으로 된 긴 글입니다. Some English words too.\n\n".repeat(8000);
    let post = post_from_text(
        PathBuf::from("long.md"),
        PathBuf::from("long.md"),
        &format!("---\ntitle: 긴 글\n---\n{long}"),
    );
    let read = ReadBody::new(&post.body, SoftBreaks::Auto);
    assert!(
        post.body.len() > 256 * 1024,
        "long enough to be counted apart"
    );
    assert_eq!(read.reading_minutes, reading_minutes(&post.body));
    let theme = Theme::default();
    let mut ahead = ArticleRenderer::with_body(&post, &opts(&theme), Some(read));
    let meta = ahead.render_until(3).row_text(1);
    let minutes = reading_minutes(&post.body);
    assert!(minutes > 100, "{minutes}");
    assert!(meta.ends_with(&format!("· {minutes} min read")), "{meta}");
}

#[test]
fn a_place_found_again_at_another_width_is_the_full_renders() {
    let post = long_post();
    let theme = Theme::default();
    let wide = render_post(&post, &opts(&theme));
    let place = wide.anchors[wide.anchors.len() * 2 / 3];
    let narrow = RenderOptions {
        width: 40,
        ..opts(&theme)
    };
    let whole = render_post(&post, &narrow);
    let mut renderer = ArticleRenderer::new(&post, &narrow);
    let partial = renderer.render_through(place, 30);
    let row = partial.row_of(place);
    assert_eq!(row, whole.row_of(place));
    assert!(partial.lines.len() > row + 30);
    assert!(!renderer.is_complete());
}

#[test]
fn rows_handed_over_piece_by_piece_are_the_finished_articles() {
    let long = long_post();
    let toc = format!("---\ntitle: 목차\n---\n머리말.\n\n[TOC]\n\n{}", long.body);
    let toc = post_from_text(PathBuf::from("toc.md"), PathBuf::from("toc.md"), &toc);
    let mut broken = long_post();
    broken.error = Some("front matter: bad".into());
    broken.body_line = 1;
    let theme = Theme::default();
    let details: String = (0..40)
        .map(|i| {
            format!(
                "<details>\n<summary>요약 {i}</summary>\n\n{}\n\n</details>\n\n",
                "접힌 문단입니다. ".repeat(40)
            )
        })
        .collect();
    let details = format!("---\ntitle: 접기\n---\n{details}{}", long.body);
    let details = post_from_text(
        PathBuf::from("details.md"),
        PathBuf::from("details.md"),
        &details,
    );
    assert!(details.details.len() >= 40);
    for (post, folding) in [
        (&long, Folding::AllOpen),
        (&toc, Folding::AllOpen),
        (&broken, Folding::AllOpen),
        (&details, Folding::AllOpen),
        (
            &details,
            Folding::Toggled([details.details[3].summary_line].into()),
        ),
    ] {
        let whole = ArticleRenderer::new(post, &opts(&theme))
            .folded(folding.clone())
            .finish();
        for steps in [0, 2, usize::MAX] {
            let mut renderer = ArticleRenderer::new(post, &opts(&theme)).folded(folding.clone());
            for _ in 0..steps {
                if !renderer.render_next() {
                    break;
                }
            }
            let (head, pieces) = renderer.finish_each(|rows| rows.to_vec());
            let lines: Vec<_> = head
                .into_iter()
                .chain(pieces.into_iter().flatten())
                .map(|(line, _)| line)
                .collect();
            assert!(lines == whole.lines, "{} after {steps} chunks", post.title);
        }
    }
}

#[test]
fn a_renderer_can_be_sent_to_another_thread() {
    fn send<T: Send + 'static>(_: &T) {}
    let theme = Theme::default();
    send(&ArticleRenderer::new(&long_post(), &opts(&theme)));
}

#[test]
fn a_post_whose_front_matter_never_closed_is_complete_at_once() {
    let mut post = long_post();
    post.error = Some("front matter: bad".into());
    post.body_line = 1;
    let theme = Theme::default();
    let renderer = ArticleRenderer::new(&post, &opts(&theme));
    assert!(renderer.is_complete());
    assert!(renderer.article().lines == render_post(&post, &opts(&theme)).lines);
}

#[test]
fn a_post_whose_front_matter_closed_but_did_not_parse_renders_its_body_under_the_error() {
    let mut post = long_post();
    post.error = Some("front matter: bad".into());
    post.body_line = 5;
    let theme = Theme::default();
    let article = render_post(&post, &opts(&theme));
    let text: Vec<String> = (0..article.lines.len())
        .map(|r| article.row_text(r))
        .collect();
    let error = text
        .iter()
        .position(|r| r.starts_with("⚠ front matter: bad"));
    assert!(error.is_some(), "{text:#?}");
    assert!(
        text.iter().all(|r| !r.starts_with("## ")),
        "the body is Markdown rendered, not its source: {text:#?}"
    );
    assert!(text.iter().any(|r| r.starts_with("1. 강조")), "{text:#?}");
}

#[test]
fn a_toc_line_shows_the_headings_in_its_place_rendered_at_once_or_chunk_by_chunk() {
    let long = long_post();
    let body = format!("머리말입니다.\n\n[TOC]\n\n{}", long.body);
    let text = format!("---\ntitle: 목차 있는 글\n---\n{body}");
    let post = post_from_text(PathBuf::from("toc.md"), PathBuf::from("toc.md"), &text);
    let theme = Theme::default();
    let whole = render_post(&post, &opts(&theme));
    let rows: Vec<String> = (0..whole.lines.len()).map(|r| whole.row_text(r)).collect();
    let label = rows
        .iter()
        .position(|r| r == "목차")
        .expect("the TOC's label");
    assert!(
        rows[label + 1].starts_with("• "),
        "{:?}",
        &rows[label..label + 4]
    );
    assert!(
        !rows.iter().any(|r| r.contains("[TOC]")),
        "the marker is gone"
    );
    assert!(
        whole.anchors.windows(2).all(|w| w[0] <= w[1]),
        "anchors in order"
    );
    let mut renderer = ArticleRenderer::new(&post, &opts(&theme));
    renderer.render_until(10);
    let piecewise = renderer.finish();
    assert!(piecewise.lines == whole.lines);
    assert_eq!(piecewise.chips, whole.chips);
}
