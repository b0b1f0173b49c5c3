//! The open post's pictures: found once per post and drawn once per size, both on a
//! worker, asked for as the reader reaches them; turned off and on with `i` (remembered).
//!
//! A post is first rendered with its captions only; when its pictures are found (their
//! sizes read off their headers, a few milliseconds), it is rendered again once with rows
//! kept for them, the same source line staying at the top.

use std::sync::Arc;

use super::{App, Effect};
use crate::library::PostId;
use crate::markdown::{Article, PicturePlan};
use crate::styled::{Background, Theme};
use crate::text::width::model;
use crate::tui::panes::article::ShownPicture;
use crate::tui::pictures::jobs::FindJob;
use std::collections::HashSet;

use ratatui_image::picker::ProtocolType;

use crate::tui::panes::article::placement;
use crate::tui::pictures::{DrawKey, Drawn, DrawnPicture, FoundPictures, kitty};

impl App {
    /// Whether pictures are shown: a way to draw them, and not turned off with `i`.
    pub fn pictures_shown(&self) -> bool {
        self.pictures.settings.encoder.is_some() && !self.memory.state.pictures_hidden
    }

    /// The plan for `post`'s pictures in a pane of `width` × `height`, when they are shown
    /// and were found.
    pub(super) fn picture_plan(
        &self,
        post: PostId,
        width: u16,
        height: u16,
    ) -> Option<Arc<PicturePlan>> {
        if !self.pictures_shown() {
            return None;
        }
        self.pictures
            .plan(post, width, height, model().ambiguous >= 2)
    }

    /// Renders planned for another pane height are dropped: the thumbnail's height is a
    /// share of the pane's.
    pub(super) fn plan_for_height(&mut self, height: u16) {
        if !self.pictures_shown() {
            return;
        }
        if self.pictures.planned_height.is_some_and(|h| h != height) {
            self.cache.clear();
        }
        self.pictures.planned_height = Some(height);
    }

    /// The picture work the open post needs now: its pictures found, or those in view and
    /// a screen around it drawn.
    pub fn picture_effects(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        let half_blocks = self.pictures.protocol() == Some(ProtocolType::Halfblocks);
        if !self.pictures_shown() || (half_blocks && model().ambiguous >= 2) {
            // Nothing would be planned: captions stand for the pictures.
            return effects;
        }
        let (Some(open), Some(panes)) = (self.reader.open, self.panes()) else {
            return effects;
        };
        if self.pictures.found(open).is_none() {
            let Some(post) = self.posts.get(open) else {
                return effects;
            };
            if post.thumbnail.is_none() && !post.body.contains("![") {
                self.pictures.found_for(open, FoundPictures::default());
            } else if self.pictures.start_finding(open) {
                effects.push(Effect::FindPictures(Box::new(FindJob {
                    post: open,
                    file: post.path.clone(),
                    opened: self.root.clone(),
                    thumbnail: post.thumbnail.clone(),
                    body: post.body.to_string(),
                })));
            }
            return effects;
        }
        let Some(article) = self.article().cloned() else {
            return effects;
        };
        let height = usize::from(panes.article.height);
        let near = self.reader.scroll.saturating_sub(height)..self.reader.scroll + 2 * height;
        for spot in &article.pictures {
            let rows = spot.row..spot.row + usize::from(spot.rows);
            if rows.end <= near.start || rows.start >= near.end {
                continue;
            }
            if let Some(key) = self.pictures.key_for(open, spot)
                && self.pictures.start_drawing(&key)
            {
                effects.push(Effect::DrawPicture(key));
            }
        }
        effects
    }

    /// A post's pictures were found: the post is rendered again with rows kept for them.
    pub fn pictures_found(&mut self, post: PostId, found: FoundPictures) -> Vec<Effect> {
        let any = !found.is_empty();
        self.pictures.found_for(post, found);
        if any {
            if self.reader.open == Some(post) {
                self.reshape(|app| app.cache.forget(post));
            } else {
                self.cache.forget(post);
            }
        }
        self.picture_effects()
    }

    /// The colour transparent parts of a picture are blended over: the pane's.
    pub fn picture_background(&self) -> [u8; 3] {
        if self.settings.theme == Theme::new(Background::Light) {
            [255, 255, 255]
        } else {
            [0, 0, 0]
        }
    }

    /// The pictures of `article` (the open post's render) in a pane of `height` rows at
    /// the scroll place, with what is drawn of them.
    pub fn shown_pictures<'a>(&'a self, article: &Article, height: u16) -> Vec<ShownPicture<'a>> {
        let Some(open) = self.reader.open.filter(|_| self.pictures_shown()) else {
            return Vec::new();
        };
        let visible = self.reader.scroll..self.reader.scroll.saturating_add(usize::from(height));
        article
            .pictures
            .iter()
            .filter(|spot| {
                spot.row < visible.end && spot.row + usize::from(spot.rows) > visible.start
            })
            .map(|spot| ShownPicture {
                spot: *spot,
                drawn: self
                    .pictures
                    .key_for(open, spot)
                    .and_then(|key| self.pictures.drawn(&key)),
            })
            .collect()
    }

    /// The direct kitty placements of the last frame that are no longer in view, as the
    /// commands deleting them; remembers those in view now.
    pub fn unplace_pictures(&mut self) -> Vec<String> {
        if !self.pictures.settings.placed_kitty && self.pictures.placed.is_empty() {
            return Vec::new();
        }
        let now: HashSet<(u32, u32)> = match (self.article(), self.panes()) {
            (Some(article), Some(panes)) => self
                .shown_pictures(article, panes.article.height)
                .iter()
                .filter_map(|shown| match shown.drawn {
                    Some(Ok(DrawnPicture::Placed(placed))) => {
                        Some((placed.id, placement(&shown.spot)))
                    }
                    _ => None,
                })
                .collect(),
            _ => HashSet::new(),
        };
        let gone = self
            .pictures
            .placed
            .difference(&now)
            .map(|(id, p)| kitty::delete(*id, *p))
            .collect();
        self.pictures.placed = now;
        gone
    }

    /// A picture was drawn for the terminal.
    pub fn picture_drawn(&mut self, key: DrawKey, drawn: Drawn) {
        self.pictures.drawn_for(key, drawn);
    }

    /// `i`: pictures off (their captions stay) or on again; remembered for the folder.
    pub(super) fn toggle_pictures(&mut self) {
        if self.pictures.settings.encoder.is_none() {
            self.notice = Some("pictures are off in the config (images = off)".into());
            return;
        }
        self.reshape(|app| {
            app.memory.state.pictures_hidden = !app.memory.state.pictures_hidden;
            app.cache.clear();
        });
        self.notice = Some(
            match self.pictures_shown() {
                true => "pictures on",
                false => "pictures off",
            }
            .into(),
        );
        self.memory.touch();
    }
}
