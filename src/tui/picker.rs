//! Selection in a filtered list (tag picker, search results), as a plain tested struct.

/// A selection over `len` items with a scroll offset for `height` visible rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Picker {
    /// Selected item.
    pub selected: usize,
    /// First visible item.
    pub offset: usize,
    /// Number of items.
    pub len: usize,
}

impl Picker {
    /// A picker over `len` items with the first selected.
    pub fn new(len: usize) -> Picker {
        Picker {
            selected: 0,
            offset: 0,
            len,
        }
    }

    /// Moves the selection by `delta`, clamped to the list.
    pub fn move_by(&mut self, delta: isize) {
        if self.len == 0 {
            self.selected = 0;
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(self.len - 1);
    }

    /// The selected index, if the list is not empty.
    pub fn selection(&self) -> Option<usize> {
        (self.selected < self.len).then_some(self.selected)
    }

    /// Keeps the selection among `height` visible items.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_stays_within_the_list() {
        let mut picker = Picker::new(3);
        picker.move_by(-1);
        assert_eq!(picker.selection(), Some(0));
        picker.move_by(10);
        assert_eq!(picker.selection(), Some(2));
    }

    #[test]
    fn an_empty_list_has_no_selection() {
        let mut picker = Picker::new(0);
        picker.move_by(1);
        assert_eq!(picker.selection(), None);
    }

    #[test]
    fn scrolling_follows_the_selection() {
        let mut picker = Picker::new(10);
        picker.move_by(7);
        picker.scroll_into_view(3);
        assert_eq!(picker.offset, 5);
        picker.move_by(-7);
        picker.scroll_into_view(3);
        assert_eq!(picker.offset, 0);
    }
}
