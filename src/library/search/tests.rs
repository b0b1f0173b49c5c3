//! Tests of matching through the whole API, above all the index against a naive scan.

use proptest::prelude::*;

use super::reference::naive_matches;
use super::testing::{TEXT, arb_text, hits, nfd, post, tagged};
use super::*;
use crate::library::Post;

#[test]
fn initial_consonants_match_syllables() {
    let posts = vec![
        post("생성형 AI", ""),
        post("확산 모델", ""),
        post("다른 글", ""),
    ];
    assert_eq!(hits(&posts, "ㅅㅅㅎ"), vec![0]);
    assert_eq!(hits(&posts, "ㅎㅅ"), vec![1]);
    assert_eq!(hits(&posts, "ㅁㄷ"), vec![1]);
}

#[test]
fn syllables_and_initial_consonants_mix_in_one_term() {
    let posts = vec![post("생성형 AI", ""), post("생성자 패턴", "")];
    assert_eq!(hits(&posts, "생성ㅎ"), vec![0]);
    assert_eq!(hits(&posts, "ㅅ성ㅈ"), vec![1]);
    // Both undated: ordered by path, and 자 sorts before 형.
    assert_eq!(hits(&posts, "생성"), vec![1, 0]);
}

#[test]
fn the_syllable_being_typed_matches_its_completions() {
    let posts = vec![
        post("생성형", ""),
        post("파이썬 입문", ""),
        post("닭갈비", ""),
    ];
    assert_eq!(hits(&posts, "생서"), vec![0]);
    assert_eq!(hits(&posts, "파이써"), vec![1]);
    // 팡 is 파 + ㅇ about to become the initial of 이.
    assert_eq!(hits(&posts, "팡"), vec![1]);
    // 달 can still grow into 닭.
    assert_eq!(hits(&posts, "달"), vec![2]);
    // Finished queries (trailing space) match exactly.
    assert!(hits(&posts, "생서 ").is_empty());
    assert!(
        SearchIndex::build(&posts)
            .search_with(&Query::parse_finished("팡"), 10, &SearchOptions::default())
            .is_empty()
    );
}

#[test]
fn decomposed_posts_match_composed_queries_and_the_reverse() {
    let posts = vec![post(&nfd("생성형 모델"), &nfd("본문의 확산 모델"))];
    assert_eq!(hits(&posts, "생성형"), vec![0]);
    assert_eq!(hits(&posts, "확산"), vec![0]);
    let posts = vec![post("생성형 모델", "")];
    assert_eq!(hits(&posts, &nfd("생성형")), vec![0]);
}

#[test]
fn latin_letters_match_regardless_of_case() {
    let posts = vec![post("Rust와 WebAssembly", "Tokio 런타임")];
    assert_eq!(hits(&posts, "rust"), vec![0]);
    assert_eq!(hits(&posts, "WEBASSEMBLY"), vec![0]);
    assert_eq!(hits(&posts, "tokio"), vec![0]);
}

#[test]
fn every_term_must_match_somewhere_in_the_post() {
    let posts = vec![
        Post {
            tags: vec!["자동화".into()],
            ..post("파이썬 스크립트", "")
        },
        post("파이썬 입문", "변수와 함수"),
        post("업무 자동화", "엑셀"),
    ];
    assert_eq!(hits(&posts, "파이썬 자동화"), vec![0]);
    let found = SearchIndex::build(&posts).search("파이썬 자동화", 10);
    assert_eq!(found[0].field, MatchField::Title);
    assert!(hits(&posts, "파이썬 엑셀").is_empty());
}

#[test]
fn a_hash_term_matches_tags_only() {
    let posts = vec![tagged("글", &["Rust"]), post("rust 이야기", "")];
    assert_eq!(hits(&posts, "#rust"), vec![0]);
    assert_eq!(hits(&posts, "rust"), vec![1, 0]);
}

#[test]
fn fenced_code_is_not_searched_unless_asked() {
    let body = "설명 문단\n\n```python\nprint('자동화')\n```\n\n끝.\n";
    let posts = vec![post("글", body)];
    assert!(hits(&posts, "print").is_empty());
    let index = SearchIndex::build(&posts);
    let options = SearchOptions {
        include_code: true,
        ..SearchOptions::default()
    };
    let found = index.search_with(&Query::parse("print"), 10, &options);
    assert_eq!(found.len(), 1);
    let r = found[0].body_match.clone().unwrap_or_default();
    assert_eq!(&body[r], "print");
    assert_eq!(hits(&posts, "끝"), vec![0]);
}

#[test]
fn indented_code_is_not_searched_unless_asked_and_indented_list_text_is() {
    let body = "설명 문단\n\n    let 자동화 = 1;\n\n- 목록\n\n    목록의 둘째 문단\n";
    let posts = vec![post("글", body)];
    assert!(hits(&posts, "자동화").is_empty());
    assert_eq!(hits(&posts, "둘째"), vec![0]);
    let options = SearchOptions {
        include_code: true,
        ..SearchOptions::default()
    };
    let found = SearchIndex::build(&posts).search_with(&Query::parse("자동화"), 10, &options);
    assert_eq!(found.len(), 1);
}

#[test]
fn a_jamo_query_matches_the_jamo_itself_and_never_a_neighbouring_character() {
    // U+3000 (ideographic space) is E3 80 80: its continuation bytes must not be taken
    // for the slot of a ㄱ syllable.
    let text = "ㅋㅋ 웃음\u{3000}가방";
    // Adjacent matches stay separate: each is a stop for n/N.
    let found = find_matches(text, "ㅋ");
    assert_eq!(
        found.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
        ["ㅋ", "ㅋ"]
    );
    let found = find_matches(text, "ㄱㅂ");
    assert_eq!(
        found.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
        ["가방"]
    );
}

#[test]
fn a_blank_query_finds_nothing() {
    let posts = vec![post("글", "## 본문")];
    assert!(hits(&posts, "").is_empty());
    assert!(hits(&posts, "  \t").is_empty());
    assert!(hits(&posts, "#").is_empty());
}

const QUERY: &[&str] = &[
    "생", "성", "서", "새", "파", "팡", "ㅅ", "ㅎ", "a", "b", "st", "#", " ", "ㅍ", "쌩",
];

proptest! {
    #[test]
    fn the_index_finds_exactly_the_posts_a_naive_scan_finds(
        posts in proptest::collection::vec(
            (arb_text(TEXT, 4), arb_text(TEXT, 3), arb_text(TEXT, 30)),
            1..12,
        ),
        query in arb_text(QUERY, 4),
        include_code in any::<bool>(),
    ) {
        let posts: Vec<Post> = posts
            .into_iter()
            .enumerate()
            .map(|(i, (title, tag, body))| Post {
                title,
                tags: vec![tag],
                body: body.into(),
                path: format!("{i}.md").into(),
                ..Default::default()
            })
            .collect();
        // `##x` is a tag-only term for the text `#x`, which `naive_matches` cannot express.
        prop_assume!(!query.split_whitespace().any(|w| w.starts_with("##")));
        let index = SearchIndex::build(&posts);
        let options = SearchOptions { include_code, ..SearchOptions::default() };
        let parsed = Query::parse(&query);
        let results = index.search_with(&parsed, 100, &options);
        for hit in &results {
            if let Some(r) = hit.body_match.clone() {
                prop_assert!(!parsed.find_all(&posts[hit.post.index()].body[r]).is_empty());
            }
        }
        let mut found: Vec<usize> = results.iter().map(|h| h.post.index()).collect();
        found.sort_unstable();
        let expected: Vec<usize> = if query.split_whitespace().all(|w| w == "#") {
            Vec::new()
        } else {
            (0..posts.len()).filter(|&i| naive_matches(&posts[i], &query, include_code)).collect()
        };
        prop_assert_eq!(found, expected);
    }
}
