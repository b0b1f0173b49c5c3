//! The text of a post's body, shared rather than copied.
//!
//! A post's body is held by the reader's list of posts, by the search index (which
//! searches it in place), and by each batch a streaming read hands to both. Sharing one
//! immutable copy keeps a folder's memory near the size of its files.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// Immutable, cheaply cloned text: every clone shares the same bytes.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Body(Arc<str>);

impl Body {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Body {
    fn default() -> Self {
        Body(Arc::from(""))
    }
}

impl Deref for Body {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Body {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Body(Arc::from(text))
    }
}

impl From<std::borrow::Cow<'_, str>> for Body {
    /// One copy, into the shared allocation, whether the text was borrowed or owned.
    fn from(text: std::borrow::Cow<'_, str>) -> Self {
        Body(Arc::from(text.as_ref()))
    }
}

impl From<&str> for Body {
    fn from(text: &str) -> Self {
        Body(Arc::from(text))
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl PartialEq<str> for Body {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Body {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Body {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Body> for String {
    fn eq(&self, other: &Body) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Body> for &str {
    fn eq(&self, other: &Body) -> bool {
        **self == *other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_their_text_and_compare_with_strings() {
        let body = Body::from("생성형 AI".to_string());
        let copy = body.clone();
        assert!(std::ptr::eq(body.as_str(), copy.as_str()));
        assert_eq!(copy, "생성형 AI");
        assert_eq!("생성형 AI".to_string(), copy);
        assert_eq!(Body::default().len(), 0);
    }
}
