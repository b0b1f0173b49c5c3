//! Where the reader has been: the places left by jumps (a followed link, an outline jump),
//! to go back to with `Backspace` / `Ctrl-o` and forward again with `Ctrl-n`, like a
//! browser's history.

use crate::library::PostId;
use crate::markdown::Anchor;

/// How many places are kept each way; the oldest are forgotten first.
const KEPT: usize = 100;

/// A place in the folder: a post and the source position at the top of the pane (so it
/// survives a resize or an edit of the post).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The post.
    pub post: PostId,
    /// The source position of its top row, if it was rendered.
    pub anchor: Option<Anchor>,
}

/// The places behind and ahead of the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    back: Vec<Place>,
    forward: Vec<Place>,
}

impl History {
    /// A jump leaves `from`: it is the place to go back to, and what lay ahead is forgotten.
    pub fn leave(&mut self, from: Place) {
        if self.back.last() != Some(&from) {
            self.back.push(from);
        }
        if self.back.len() > KEPT {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// The place to go back to from `current`, which becomes the place ahead.
    pub fn back(&mut self, current: Place) -> Option<Place> {
        let place = self.back.pop()?;
        self.forward.push(current);
        Some(place)
    }

    /// The place ahead of `current`, which becomes a place behind.
    pub fn forward(&mut self, current: Place) -> Option<Place> {
        let place = self.forward.pop()?;
        self.back.push(current);
        Some(place)
    }

    /// Forgets the places in `post` (it is gone from the folder).
    pub fn forget(&mut self, post: PostId) {
        self.back.retain(|p| p.post != post);
        self.forward.retain(|p| p.post != post);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(post: usize, block: u32) -> Place {
        Place {
            post: PostId(post),
            anchor: Some(Anchor { block, line: 0 }),
        }
    }

    #[test]
    fn back_and_forward_retrace_the_jumps() {
        let mut history = History::default();
        history.leave(at(0, 3));
        history.leave(at(1, 5));
        assert_eq!(history.back(at(2, 0)), Some(at(1, 5)));
        assert_eq!(history.back(at(1, 5)), Some(at(0, 3)));
        assert_eq!(history.back(at(0, 3)), None);
        assert_eq!(history.forward(at(0, 3)), Some(at(1, 5)));
        assert_eq!(history.forward(at(1, 5)), Some(at(2, 0)));
        assert_eq!(history.forward(at(2, 0)), None);
    }

    #[test]
    fn a_new_jump_forgets_the_places_ahead() {
        let mut history = History::default();
        history.leave(at(0, 0));
        history.back(at(1, 0));
        history.leave(at(0, 4));
        assert_eq!(history.forward(at(3, 0)), None);
    }
}
