//! The cursor of a list in an overlay (tag picker, search results): which item is selected
//! and which is the first one shown.

/// A selection over `len` items, with the first item shown kept so the selection is always
/// visible. The offset is kept here, changed only when the selection or the rows change,
/// and read by drawing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    /// Selected item.
    pub selected: usize,
    /// First visible item.
    pub offset: usize,
    /// Number of items.
    pub len: usize,
}

impl ListCursor {
    /// A cursor over `len` items with the first selected.
    pub fn new(len: usize) -> ListCursor {
        ListCursor {
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

    /// The items shown in `height` rows: from the offset on.
    pub fn visible(&self, height: usize) -> std::ops::Range<usize> {
        self.offset.min(self.len)..self.offset.saturating_add(height).min(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_stays_within_the_list() {
        let mut picker = ListCursor::new(3);
        picker.move_by(-1);
        assert_eq!(picker.selection(), Some(0));
        picker.move_by(10);
        assert_eq!(picker.selection(), Some(2));
    }

    #[test]
    fn an_empty_list_has_no_selection() {
        let mut picker = ListCursor::new(0);
        picker.move_by(1);
        assert_eq!(picker.selection(), None);
    }

    #[test]
    fn scrolling_follows_the_selection() {
        let mut picker = ListCursor::new(10);
        picker.move_by(7);
        picker.scroll_into_view(3);
        assert_eq!(picker.offset, 5);
        picker.move_by(-7);
        picker.scroll_into_view(3);
        assert_eq!(picker.offset, 0);
    }

    #[test]
    fn the_visible_items_start_at_the_offset_and_end_with_the_list() {
        let mut cursor = ListCursor::new(5);
        cursor.move_by(4);
        cursor.scroll_into_view(3);
        assert_eq!(cursor.visible(3), 2..5);
        assert_eq!(ListCursor::new(0).visible(3), 0..0);
    }
}
