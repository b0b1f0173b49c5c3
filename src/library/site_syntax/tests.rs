use proptest::prelude::*;

use super::*;
use crate::library::Post;
use crate::library::links::{LinkTarget, resolve};

fn normalized(body: &str) -> String {
    normalize(body).into_owned()
}

#[test]
fn a_body_without_site_syntax_is_borrowed_as_it_is() {
    let body = "# 제목\n\n본문 {중괄호} 와 a < b, <https://x.example>\n";
    assert!(matches!(normalize(body), Cow::Borrowed(_)));
}

#[test]
fn liquid_highlight_becomes_a_fenced_code_block_with_its_content_verbatim() {
    let body = "앞\n{% highlight python linenos %}\nprint(\"{{ x }}\")\n{% endhighlight %}\n뒤\n";
    assert_eq!(
        normalized(body),
        "앞\n```python\nprint(\"{{ x }}\")\n```\n뒤\n"
    );
}

#[test]
fn liquid_raw_keeps_its_content_and_loses_its_tags() {
    assert_eq!(
        normalized("예: {% raw %}{{ page.title }}{% endraw %} 끝"),
        "예: {{ page.title }} 끝"
    );
}

#[test]
fn url_filters_become_the_path_and_the_base_url_nothing() {
    assert_eq!(
        normalized("![그림]({{ \"/assets/x.png\" | relative_url }})"),
        "![그림](/assets/x.png)"
    );
    assert_eq!(
        normalized("![그림]({{ site.baseurl }}/images/a.png)"),
        "![그림](/images/a.png)"
    );
    assert_eq!(normalized("제목: {{ page.title }}."), "제목: .");
}

#[test]
fn post_url_in_a_link_stays_a_link_the_resolver_follows() {
    let body = "[이전 글]({% post_url 2025-01-19-what-is-ai %}) 참고";
    let text = normalized(body);
    assert_eq!(text, "[이전 글](/2025/01/19/what-is-ai/) 참고");
    let destination = dialect::parse(&text)
        .find_map(|(event, _)| match event {
            Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .expect("a link");
    let posts = [Post {
        relative_path: "_posts/2025-01-19-what-is-ai.md".into(),
        date: chrono::NaiveDate::from_ymd_opt(2025, 1, 19).and_then(|d| d.and_hms_opt(0, 0, 0)),
        ..Post::default()
    }];
    assert_eq!(
        resolve(std::path::Path::new("_posts/b.md"), &destination, &posts),
        LinkTarget::Post {
            path: "_posts/2025-01-19-what-is-ai.md".into(),
            anchor: None
        }
    );
}

#[test]
fn other_liquid_tags_are_hidden_keeping_the_line() {
    assert_eq!(normalized("a\n{% include ad.html %}\nb\n"), "a\n\nb\n");
    assert_eq!(
        normalized("a\n{% comment %}\n비밀\n{% endcomment %}\nb"),
        "a\n\n\n\nb"
    );
}

#[test]
fn kramdown_toc_replaces_its_list_item_with_the_marker() {
    assert_eq!(
        normalized("* TOC\n{:toc}\n\n## 하나\n"),
        "\n[TOC]\n\n## 하나\n"
    );
    assert_eq!(normalized("1. 목차\n{:toc}\n"), "\n[TOC]\n");
}

#[test]
fn kramdown_attribute_lists_are_removed() {
    assert_eq!(
        normalized("![사진](a.png){: width=\"40%\"}\n"),
        "![사진](a.png)\n"
    );
    assert_eq!(normalized("> 팁\n{: .notice--info}\n"), "> 팁\n\n");
    assert_eq!(
        normalized("제목 {#custom-id}"),
        "제목 {#custom-id}",
        "not kramdown"
    );
}

#[test]
fn kramdown_options_and_comments_are_hidden() {
    assert_eq!(
        normalized("{::options parse_block_html=\"true\" /}\n본문"),
        "\n본문"
    );
    assert_eq!(normalized("a {::comment}숨김\n둘{:/comment} b"), "a \n b");
}

#[test]
fn hugo_figure_becomes_an_image_with_its_caption() {
    assert_eq!(
        normalized("{{< figure src=\"/images/cat.png\" caption=\"고양이\" >}}"),
        "![고양이](/images/cat.png)"
    );
    assert_eq!(
        normalized("{{< figure src=\"/a b.png\" >}}"),
        "![](</a b.png>)"
    );
}

#[test]
fn hugo_highlight_becomes_a_fenced_code_block() {
    assert_eq!(
        normalized("{{< highlight go >}}\nfmt.Println(\"{{< x >}}\")\n{{< /highlight >}}\n"),
        "```go\nfmt.Println(\"{{< x >}}\")\n```\n"
    );
}

#[test]
fn hugo_youtube_ref_and_unknown_shortcodes() {
    assert_eq!(
        normalized("{{< youtube dQw4w9WgXcQ >}}"),
        "[▶ YouTube dQw4w9WgXcQ](https://www.youtube.com/watch?v=dQw4w9WgXcQ)"
    );
    assert_eq!(
        normalized("[설치]({{< ref \"install.md\" >}})"),
        "[설치](install.md)"
    );
    assert_eq!(
        normalized("{{% notice tip %}}\n조심\n{{% /notice %}}"),
        "⟨notice⟩\n조심\n"
    );
}

#[test]
fn html_comments_are_hidden_keeping_their_lines() {
    assert_eq!(normalized("요약\n<!--more-->\n본문"), "요약\n\n본문");
    assert_eq!(normalized("a<!-- 여러\n줄 -->b"), "a\nb");
}

#[test]
fn code_blocks_and_code_spans_are_left_alone() {
    let body = "```liquid\n{% include x %}\n{{ y }}\n<!-- z -->\n```\n\n`{{ site.baseurl }}` 와 {{ site.baseurl }}\n";
    assert_eq!(
        normalized(body),
        "```liquid\n{% include x %}\n{{ y }}\n<!-- z -->\n```\n\n`{{ site.baseurl }}` 와 \n"
    );
}

#[test]
fn braces_that_are_not_site_syntax_stay() {
    for text in [
        "{john,jane}@example.com",
        "집합 {1, 2}",
        "{%",
        "{{%}}",
        "{%}",
        "{{<>}}",
        "{:",
        "{::}",
    ] {
        let _ = normalized(text);
    }
    assert_eq!(
        normalized("{john,jane}@example.com"),
        "{john,jane}@example.com"
    );
}

proptest! {
    #[test]
    fn the_result_has_exactly_the_lines_of_the_body(
        body in r"([{}%<>:!\-/# a-z가\n`='\x22]|\{\{|\{%|%\}|\}\}|<!--|-->|\{:|\{::|```|<iframe src=|<img src=|<a href=|</a>|<br>|<sup>|</sup>|<script>|</script>|<summary>|</summary>|<details open>|</details>|<kbd>){0,60}"
    ) {
        let text = normalize(&body);
        prop_assert_eq!(text.matches('\n').count(), body.matches('\n').count());
    }
}

/// What [`might_have_site_syntax`] was before it found every `{` and `<` in one pass: one
/// search per construct.
fn might_have_site_syntax_searching_each(body: &str) -> bool {
    let bytes = body.as_bytes();
    let has = |needle: &[u8]| memchr::memmem::find(bytes, needle).is_some();
    has(b"{%")
        || has(b"{{")
        || has(b"{:")
        || has(GITLAB_TOC.as_bytes())
        || has(b"<!--")
        || memchr::memchr_iter(b'<', bytes).any(|i| {
            bytes
                .get(i + 1)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/')
        })
}

proptest! {
    #[test]
    fn one_pass_over_braces_and_angles_finds_what_a_search_per_construct_finds(
        body in r"([{}%<>:!\-/\[\]_ a-zA-Z가\n]|\{\{|\{%|<!-|<!--|\[\[_TOC_\]\]|\[_TOC){0,30}"
    ) {
        prop_assert_eq!(
            might_have_site_syntax(&body),
            might_have_site_syntax_searching_each(&body)
        );
    }
}

#[test]
fn script_and_style_are_hidden_and_an_iframe_is_a_link_to_its_source() {
    assert_eq!(
        normalized("앞\n<script>\nalert(1)\n</script>\n<STYLE>p{}</STYLE>\n뒤\n"),
        "앞\n\n\n\n\n뒤\n"
    );
    assert_eq!(
        normalized(
            "<iframe width=\"560\" src=\"https://www.youtube.com/embed/abc\" allowfullscreen></iframe>\n"
        ),
        "[▶ www.youtube.com](https://www.youtube.com/embed/abc)\n"
    );
}

#[test]
fn inline_html_reads_as_text_images_links_keys_and_small_numbers() {
    assert_eq!(
        normalized("<img src=\"/a.png\" alt=\"고양이\"> 와 <a href='https://x.example'>링크</a>\n"),
        "![고양이](/a.png) 와 [링크](https://x.example)\n"
    );
    assert_eq!(
        normalized("<kbd>Ctrl</kbd>+<kbd>C</kbd>, x<sup>2</sup>, H<sub>2</sub>O, 주<sup>a</sup>\n"),
        "`Ctrl`+`C`, x², H₂O, 주^(a)\n"
    );
    assert_eq!(
        normalized("<span style=\"color:red\">빨강</span> <b>굵게</b> <em>기울임</em>\n"),
        "빨강 **굵게** *기울임*\n"
    );
}

#[test]
fn br_ends_a_line_where_a_line_ends_and_is_a_space_inside_one() {
    assert_eq!(
        normalized("첫 줄<br>\n둘째 줄<br/>셋째\n"),
        "첫 줄\\\n둘째 줄 셋째\n"
    );
}

#[test]
fn details_drop_away_and_the_summary_is_a_bold_line() {
    assert_eq!(
        normalized("<details>\n<summary>더 보기</summary>\n\n숨은 내용\n</details>\n"),
        "\n**▸ 더 보기**\n\n숨은 내용\n\n"
    );
}

#[test]
fn each_details_is_recorded_by_the_lines_of_its_summary_and_its_end() {
    let body = "머리\n\n<details>\n<summary>바깥</summary>\n\n글\n\n<details open>\n  <summary>안쪽</summary>\n\n안쪽 글\n</details>\n\n</details>\n\n뒤\n";
    let (text, details) = normalize_reading_details(body);
    assert_eq!(text.matches('\n').count(), body.matches('\n').count());
    assert_eq!(
        details,
        [
            Details {
                summary_line: 3,
                end_line: 13,
                open: false
            },
            Details {
                summary_line: 8,
                end_line: 11,
                open: true
            },
        ]
    );
    assert!(details[0].holds(5) && details[0].holds(13) && !details[0].holds(3));
    assert_eq!(text.lines().nth(3), Some("**▸ 바깥**"));
}

#[test]
fn a_details_without_a_summary_or_its_end_is_still_read() {
    let (_, details) = normalize_reading_details("<details>\n그냥 글\n</details>\n");
    assert!(details.is_empty(), "no summary: nothing to fold under");
    let (_, details) =
        normalize_reading_details("<details><summary>끝 없음</summary>\n\n가\n\n나\n");
    assert_eq!(
        details,
        [Details {
            summary_line: 0,
            end_line: 5,
            open: false
        }]
    );
}

#[test]
fn a_summary_the_next_line_goes_on_from_ends_with_a_hard_break() {
    assert_eq!(
        normalized("<details>\n<summary>펼치기</summary>\n바로 아래 내용\n</details>\n"),
        "\n**▸ 펼치기**\\\n바로 아래 내용\n\n"
    );
    assert_eq!(
        normalized("<details><summary>목록</summary>\n- 항목\n</details>\n"),
        "**▸ 목록**\n- 항목\n\n",
        "a list starts a block of its own: no break"
    );
    assert_eq!(
        normalized("<details>\n<summary>닫힘</summary>\n</details>\n"),
        "\n**▸ 닫힘**\n\n",
        "the next line is blank once its tag is gone"
    );
}

#[test]
fn angle_brackets_that_are_not_tags_stay() {
    for text in [
        "<https://example.com> 자동 링크\n",
        "<me@example.com>\n",
        "a < b 그리고 b > c\n",
        "<제목> 같은 괄호\n",
        "<custom-thing> 모르는 태그\n",
    ] {
        assert_eq!(normalized(text), text);
    }
    assert_eq!(normalized("`<br>` 코드 안\n"), "`<br>` 코드 안\n");
}

#[test]
fn a_gt_inside_a_quoted_attribute_does_not_end_the_tag() {
    assert_eq!(
        normalized(
            "<a href=\"https://x.example\" title=\"a>b\">링크</a> <span title='x>y'>스팬</span>\n"
        ),
        "[링크](https://x.example) 스팬\n"
    );
}

#[test]
fn a_link_around_a_picture_is_a_linked_picture_and_keeps_its_lines() {
    assert_eq!(
        normalized(
            "<a href=\"https://badge.example\"><img src=\"badge.svg\" alt=\"빌드 상태\"></a>\n"
        ),
        "[![빌드 상태](badge.svg)](https://badge.example)\n"
    );
    assert_eq!(
        normalized("방문 <a href=\"https://x.example\">\n우리 사이트\n</a> 더 보기.\n"),
        "방문 [\n우리 사이트\n](https://x.example) 더 보기.\n"
    );
}

#[test]
fn a_long_style_sheet_is_hidden_whole() {
    let css = "p { color: red; }\n".repeat(400);
    let body = format!("앞\n<style>\n{css}</style>\n뒤\n");
    let text = normalized(&body);
    assert!(!text.contains("color"), "hidden");
    assert_eq!(text.matches('\n').count(), body.matches('\n').count());
}

#[test]
fn gitlabs_toc_line_is_the_toc_marker() {
    assert_eq!(
        normalized("앞\n\n[[_TOC_]]\n\n## 하나\n"),
        "앞\n\n[TOC]\n\n## 하나\n"
    );
    assert_eq!(normalized("`[[_TOC_]]` 안\n"), "`[[_TOC_]]` 안\n");
}
