//! Which keys geul reads from front matter, and the shapes of value it accepts for each.

use unicode_normalization::UnicodeNormalization;

use super::Metadata;
use super::date::parse_date;
use super::loose::{Fields, Loose};
use crate::library::post::MAX_TAGS;

impl Metadata {
    pub(super) fn from_fields(fields: &Fields) -> Metadata {
        let get = |key: &str| {
            fields
                .iter()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value)
        };
        let first_text = |keys: &[&str]| keys.iter().filter_map(|key| text(get(key)?)).next();

        let mut categories = Vec::new();
        for key in ["category", "categories"] {
            if let Some(value) = get(key) {
                // A category is a phrase (`AI 정보 공유`), so a string is never split.
                for category in texts(value) {
                    push_unique(&mut categories, category);
                }
            }
        }

        let mut tags = Vec::new();
        for key in ["tags", "tag"] {
            if let Some(value) = get(key) {
                let items = match value {
                    // `tags: a b c` or `tags: a, b, c`: one string meant as several tags.
                    Loose::Text(line) => split_tag_string(line),
                    _ => texts(value),
                };
                for tag in items {
                    let tag = tag.trim_start_matches('#').trim();
                    if !tag.is_empty() {
                        push_unique(&mut tags, tag.to_string());
                    }
                }
            }
        }

        Metadata {
            title: first_text(&["title"]),
            date: get("date")
                .and_then(text)
                .and_then(|date| parse_date(&date)),
            categories,
            tags,
            description: first_text(&["description", "excerpt", "summary"]),
            // Hugo's `images` is a list whose first picture stands for the post; `image`
            // is the single form many themes use.
            thumbnail: first_text(&["thumbnail", "cover_image", "featuredimage", "image"])
                .or_else(|| get("images").and_then(|v| texts(v).into_iter().next())),
        }
    }
}

/// A trimmed, non-empty string value.
fn text(value: &Loose) -> Option<String> {
    match value {
        Loose::Text(text) if !text.trim().is_empty() => Some(text.trim().to_string()),
        _ => None,
    }
}

/// A list's string items, or a single string as a one-item list.
fn texts(value: &Loose) -> Vec<String> {
    match value {
        Loose::List(items) => items.iter().filter_map(text).collect(),
        single => text(single).into_iter().collect(),
    }
}

fn split_tag_string(line: &str) -> Vec<String> {
    line.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|tag| !tag.is_empty())
        .map(str::to_string)
        .collect()
}

/// Adds `item` in NFC form unless an equal one is already there. NFC because text typed on
/// macOS may arrive decomposed and would otherwise look like a different tag.
fn push_unique(items: &mut Vec<String>, item: String) {
    // Past the cap nothing more is looked at (and the lookup below stays cheap).
    if items.len() >= MAX_TAGS {
        return;
    }
    let item: String = item.nfc().collect();
    if !items.contains(&item) {
        items.push(item);
    }
}

#[cfg(test)]
mod tests {
    use crate::library::front_matter::testing::{date, metadata};

    #[test]
    fn keys_with_a_space_before_the_colon_are_read() {
        let meta = metadata(
            "---\ntitle : \"생성형 AI란 무엇인가?\"\ndate : \"2025-11-20\"\ncategory : \"AI 정보 공유\"\nthumbnail : \"/thumbnails/insight02.png\"\n---\n",
        );
        assert_eq!(meta.title.as_deref(), Some("생성형 AI란 무엇인가?"));
        assert_eq!(meta.date, Some(date("2025-11-20 00:00:00")));
        assert_eq!(meta.categories, ["AI 정보 공유"]);
        assert_eq!(meta.thumbnail.as_deref(), Some("/thumbnails/insight02.png"));
    }

    #[test]
    fn unknown_keys_and_nested_maps_are_ignored() {
        let meta = metadata(
            "---\nlayout: post\nauthor:\n  name: Kim\ntoc: true\nheader:\n  teaser: /x.png\ntitle: Kept\n---\n",
        );
        assert_eq!(meta.title.as_deref(), Some("Kept"));
    }

    #[test]
    fn capitalised_keys_are_read_too() {
        let meta = metadata("---\nTitle: Upper\nTags: [x]\n---\n");
        assert_eq!(meta.title.as_deref(), Some("Upper"));
        assert_eq!(meta.tags, ["x"]);
    }

    #[test]
    fn a_bare_title_is_read() {
        assert_eq!(
            metadata("---\ntitle: 그냥 제목\n---\n").title.as_deref(),
            Some("그냥 제목")
        );
    }

    #[test]
    fn a_number_title_becomes_its_text() {
        assert_eq!(
            metadata("---\ntitle: 2024\n---\n").title.as_deref(),
            Some("2024")
        );
        assert_eq!(
            metadata("---\ntitle: 3.5\n---\n").title.as_deref(),
            Some("3.5")
        );
    }

    #[test]
    fn an_empty_or_blank_title_is_treated_as_missing() {
        assert_eq!(metadata("---\ntitle: \"\"\n---\n").title, None);
        assert_eq!(metadata("---\ntitle:\n---\n").title, None);
        assert_eq!(metadata("---\ntitle: \"   \"\n---\n").title, None);
    }

    #[test]
    fn category_is_one_category_even_with_spaces_and_ampersands() {
        let meta = metadata("---\ncategory: 개발 & 도구\n---\n");
        assert_eq!(meta.categories, ["개발 & 도구"]);
    }

    #[test]
    fn categories_can_be_a_flow_list() {
        assert_eq!(
            metadata("---\ncategories: [AI, 개발]\n---\n").categories,
            ["AI", "개발"]
        );
    }

    #[test]
    fn categories_can_be_a_one_item_block_list() {
        assert_eq!(
            metadata("---\ncategories:\n  - 에세이\n---\n").categories,
            ["에세이"]
        );
    }

    #[test]
    fn categories_can_be_a_single_string() {
        assert_eq!(
            metadata("---\ncategories: 일상 기록\n---\n").categories,
            ["일상 기록"]
        );
    }

    #[test]
    fn category_and_categories_together_are_merged_without_duplicates() {
        let meta = metadata("---\ncategory: A\ncategories: [A, B]\n---\n");
        assert_eq!(meta.categories, ["A", "B"]);
    }

    #[test]
    fn no_category_leaves_categories_empty() {
        assert!(metadata("---\ntitle: x\n---\n").categories.is_empty());
    }

    #[test]
    fn tags_can_be_a_block_list() {
        assert_eq!(
            metadata("---\ntags:\n  - rust\n  - 터미널\n---\n").tags,
            ["rust", "터미널"]
        );
    }

    #[test]
    fn tags_can_be_a_flow_list() {
        assert_eq!(
            metadata("---\ntags: [rust, 터미널]\n---\n").tags,
            ["rust", "터미널"]
        );
    }

    #[test]
    fn tags_can_be_one_space_separated_string() {
        assert_eq!(
            metadata("---\ntags: rust 터미널 tui\n---\n").tags,
            ["rust", "터미널", "tui"]
        );
    }

    #[test]
    fn tags_can_be_one_comma_separated_string() {
        assert_eq!(
            metadata("---\ntags: \"rust, 터미널,tui\"\n---\n").tags,
            ["rust", "터미널", "tui"]
        );
    }

    #[test]
    fn the_singular_tag_key_is_read() {
        assert_eq!(metadata("---\ntag: 하나\n---\n").tags, ["하나"]);
    }

    #[test]
    fn a_leading_hash_is_stripped_from_tags() {
        let meta = metadata("---\ntags: [\"#생성형AI\", LLM]\n---\n");
        assert_eq!(meta.tags, ["생성형AI", "LLM"]);
        assert_eq!(metadata("---\ntags: \"#a #b\"\n---\n").tags, ["a", "b"]);
    }

    #[test]
    fn duplicate_tags_are_dropped_after_nfc_normalisation() {
        // "한" decomposed (U+1112 U+1161 U+11AB) and composed.
        let meta = metadata("---\ntags: [\"\u{1112}\u{1161}\u{11ab}\", 한, x, x]\n---\n");
        assert_eq!(meta.tags, ["한", "x"]);
    }

    #[test]
    fn number_tags_become_text() {
        assert_eq!(
            metadata("---\ntags: [2024, rust]\n---\n").tags,
            ["2024", "rust"]
        );
    }

    #[test]
    fn description_falls_back_to_excerpt() {
        assert_eq!(
            metadata("---\ndescription: D\nexcerpt: E\n---\n")
                .description
                .as_deref(),
            Some("D")
        );
        assert_eq!(
            metadata("---\nexcerpt: E\n---\n").description.as_deref(),
            Some("E")
        );
    }

    #[test]
    fn thumbnail_falls_back_to_cover_image_then_featured_image() {
        assert_eq!(
            metadata("---\ncover_image: /c.png\n---\n")
                .thumbnail
                .as_deref(),
            Some("/c.png")
        );
        assert_eq!(
            metadata("---\nfeaturedImage: /f.png\n---\n")
                .thumbnail
                .as_deref(),
            Some("/f.png")
        );
        assert_eq!(
            metadata("---\nfeaturedImage: /f.png\nthumbnail: /t.png\n---\n")
                .thumbnail
                .as_deref(),
            Some("/t.png")
        );
    }

    #[test]
    fn hugo_images_and_image_give_the_thumbnail_and_summary_the_description() {
        let meta = metadata(
            "+++\nimages = [\"/images/a.png\", \"/images/b.png\"]\nsummary = \"요약\"\n+++\n",
        );
        assert_eq!(meta.thumbnail.as_deref(), Some("/images/a.png"));
        assert_eq!(meta.description.as_deref(), Some("요약"));
        assert_eq!(
            metadata("---\nimage: /i.png\n---\n").thumbnail.as_deref(),
            Some("/i.png")
        );
    }
}
