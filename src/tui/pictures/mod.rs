//! Pictures in the reader: the open post's thumbnail and inline pictures, found and
//! measured on a worker, planned into the article's rows, decoded and drawn for their size
//! on a worker, and drawn by the article pane over the rows kept for them.
//!
//! - [`encoder`]: how a picture is encoded for the terminal (half blocks by geul, graphics
//!   protocols through ratatui-image's picker).
//! - [`jobs`]: the work done off the UI thread (finding and measuring, decoding and
//!   encoding for the terminal).
//! - [`kitty`]: pictures placed with the kitty graphics protocol directly, for a kitty
//!   without Unicode placeholders.
//! - [`protocol`]: how pictures reach this terminal (kitty, sixel, iTerm2, half blocks),
//!   chosen at start-up from the config and the terminal's answers.
//!
//! A picture is decoded and encoded once per (file, version, cells) and kept, least
//! recently used first out; a frame only draws what is kept.

pub mod encoder;
pub mod jobs;
pub mod kitty;
pub mod protocol;

use std::collections::{HashMap, HashSet};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use lru::LruCache;
use ratatui_image::picker::ProtocolType;
use ratatui_image::sliced::SlicedProtocol;

use self::encoder::Encoder;
use crate::config::Images;
use crate::library::PostId;
use crate::markdown::{PicturePlan, PictureRef, PictureSpot, PlannedPicture, Space};
use crate::picture::cells_for;

/// Drawn pictures kept at most: a few posts' worth.
const KEPT: NonZeroUsize = NonZeroUsize::new(48).expect("48 is not zero");

/// Found pictures kept at most (one entry a post opened).
const POSTS_KEPT: usize = 256;

/// The most rows an inline picture takes, as a share of the pane: it fits a screen with its
/// caption and a line of text.
const INLINE_SHARE: (u16, u16) = (2, 3);

/// How pictures are shown in the reader.
#[derive(Debug, Clone, Default)]
pub struct PictureSettings {
    /// What the user asked for (config `images`, `--images`); the reader chooses
    /// [`Self::encoder`] from it at start-up.
    pub images: Images,
    /// How pictures reach the terminal; `None` shows none (their captions only).
    pub encoder: Option<Encoder>,
    /// The thumbnail's height in rows; by default a third of the article pane.
    pub thumbnail_rows: Option<u16>,
    /// Kitty pictures are placed directly ([`kitty`]) rather than with ratatui-image's
    /// Unicode placeholders, which an older kitty does not have.
    pub placed_kitty: bool,
}

/// A post's pictures as found on disk: each resolved and measured, or why not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FoundPictures {
    /// The front-matter thumbnail.
    pub thumbnail: Option<Found>,
    /// The inline pictures, in reading order.
    pub inline: Vec<Found>,
}

impl FoundPictures {
    /// Whether the post names no picture at all.
    pub fn is_empty(&self) -> bool {
        self.thumbnail.is_none() && self.inline.is_empty()
    }
}

/// One picture of a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The alt text.
    pub alt: String,
    /// The source as written.
    pub src: String,
    /// The file and its size, or why it is not shown.
    pub file: Result<PictureFile, String>,
}

/// A picture file found, with what its drawing depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PictureFile {
    /// The file, within the blog.
    pub path: PathBuf,
    /// Its modification time, so an edited picture is drawn again.
    pub modified: Option<SystemTime>,
    /// Width and height in pixels.
    pub size: (u32, u32),
}

/// What one drawing depends on: the file as it was, and the cells it fills.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DrawKey {
    /// The file.
    pub path: PathBuf,
    /// Its modification time.
    pub modified: Option<SystemTime>,
    /// Columns.
    pub columns: u16,
    /// Rows.
    pub rows: u16,
}

/// A picture encoded for the terminal, or why it could not be.
pub type Drawn = Result<DrawnPicture, String>;

/// A picture encoded for the terminal: drawn in part (cropped) or whole by the pane.
pub enum DrawnPicture {
    /// By ratatui-image (half blocks, kitty with placeholders, sixel, iTerm2).
    Sliced(SlicedProtocol),
    /// Placed with the kitty graphics protocol directly.
    Placed(kitty::PlacedImage),
}

impl std::fmt::Debug for DrawnPicture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DrawnPicture::Sliced(sliced) => {
                let size = sliced.size();
                write!(f, "Sliced({}x{})", size.width, size.height)
            }
            DrawnPicture::Placed(placed) => write!(f, "Placed({placed:?})"),
        }
    }
}

/// The reader's pictures: what was found for each post, what is drawn, what is asked for.
pub struct Pictures {
    /// How they are shown.
    pub settings: PictureSettings,
    found: HashMap<PostId, Arc<FoundPictures>>,
    /// Posts whose pictures are being found.
    finding: HashSet<PostId>,
    drawn: LruCache<DrawKey, Drawn>,
    /// Drawings asked for and not back yet.
    drawing: HashSet<DrawKey>,
    /// The pane height the cached renders planned for.
    pub planned_height: Option<u16>,
    /// What the event loop writes to the terminal before the next frame: pictures to be
    /// placed directly, sent to the terminal.
    writes: Vec<String>,
    /// The direct placements (picture id, placement) of the last frame.
    pub placed: HashSet<(u32, u32)>,
}

impl std::fmt::Debug for Pictures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pictures")
            .field("settings", &self.settings)
            .field("found", &self.found.len())
            .field("drawn", &self.drawn.len())
            .field("drawing", &self.drawing.len())
            .finish()
    }
}

impl Default for Pictures {
    fn default() -> Self {
        Pictures::new(PictureSettings::default())
    }
}

impl Pictures {
    /// No picture found or drawn yet.
    pub fn new(settings: PictureSettings) -> Self {
        Pictures {
            settings,
            found: HashMap::new(),
            finding: HashSet::new(),
            drawn: LruCache::new(KEPT),
            drawing: HashSet::new(),
            planned_height: None,
            writes: Vec::new(),
            placed: HashSet::new(),
        }
    }

    /// The protocol pictures are drawn with, if any.
    pub fn protocol(&self) -> Option<ProtocolType> {
        self.settings.encoder.as_ref().map(Encoder::protocol_type)
    }

    /// The pictures found for `post`, if they were looked for.
    pub fn found(&self, post: PostId) -> Option<&Arc<FoundPictures>> {
        self.found.get(&post)
    }

    /// Whether `post`'s pictures should be looked for now: not found, not being found.
    /// Marks them as being found.
    pub fn start_finding(&mut self, post: PostId) -> bool {
        if self.found.contains_key(&post) || self.finding.contains(&post) {
            return false;
        }
        self.finding.insert(post)
    }

    /// Keeps what was found for `post`.
    pub fn found_for(&mut self, post: PostId, found: FoundPictures) {
        self.finding.remove(&post);
        if self.found.len() >= POSTS_KEPT {
            self.found.clear();
        }
        self.found.insert(post, Arc::new(found));
    }

    /// Forgets what was found for `post` (it was edited): it is looked for again.
    pub fn forget_post(&mut self, post: PostId) {
        self.found.remove(&post);
        self.finding.remove(&post);
    }

    /// Forgets everything found (the folder was read again: ids are new).
    pub fn forget_found(&mut self) {
        self.found.clear();
        self.finding.clear();
    }

    /// The drawing for `key`, if it is kept (drawing reads it without marking it used).
    pub fn drawn(&self, key: &DrawKey) -> Option<&Drawn> {
        self.drawn.peek(key)
    }

    /// Whether `key` should be drawn now: not kept, not asked for. Marks it as asked for,
    /// and a kept one as just used.
    pub fn start_drawing(&mut self, key: &DrawKey) -> bool {
        if self.drawn.get(key).is_some() || self.drawing.contains(key) {
            return false;
        }
        self.drawing.insert(key.clone())
    }

    /// Keeps a drawing that came back; a picture to be placed directly is sent to the
    /// terminal before the next frame.
    pub fn drawn_for(&mut self, key: DrawKey, mut drawn: Drawn) {
        self.drawing.remove(&key);
        if let Ok(DrawnPicture::Placed(placed)) = &mut drawn {
            self.writes.extend(placed.transmit.take());
        }
        self.drawn.put(key, drawn);
    }

    /// What the event loop writes to the terminal before the next frame.
    pub fn take_writes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.writes)
    }

    /// The drawing a spot of `post`'s render needs: its file and the spot's cells.
    pub fn key_for(&self, post: PostId, spot: &PictureSpot) -> Option<DrawKey> {
        let found = self.found.get(&post)?;
        let picture = match spot.picture {
            PictureRef::Thumbnail => found.thumbnail.as_ref()?,
            PictureRef::Inline(i) => found.inline.get(i)?,
        };
        let file = picture.file.as_ref().ok()?;
        Some(DrawKey {
            path: file.path.clone(),
            modified: file.modified,
            columns: spot.columns,
            rows: spot.rows,
        })
    }

    /// The plan for `post`'s pictures in a pane of `width` × `height`, when pictures are
    /// shown and the post's were found. `wide_half_blocks`: the terminal draws `▀` two
    /// columns wide, so half blocks would tear the screen: no picture is planned, and the
    /// captions stand for them.
    pub fn plan(
        &self,
        post: PostId,
        width: u16,
        height: u16,
        wide_half_blocks: bool,
    ) -> Option<Arc<PicturePlan>> {
        let encoder = self.settings.encoder.as_ref()?;
        if wide_half_blocks && encoder.protocol_type() == ProtocolType::Halfblocks {
            return None;
        }
        let found = self.found.get(&post)?;
        if found.is_empty() {
            return None;
        }
        let cell = encoder.cell();
        let thumbnail_rows = self
            .settings
            .thumbnail_rows
            .unwrap_or(height / 3)
            .clamp(1, height.max(1));
        let inline_rows = (height * INLINE_SHARE.0 / INLINE_SHARE.1).max(1);
        let plan = |found: &Found, rows: u16, enlarge: bool| PlannedPicture {
            alt: found.alt.clone(),
            src: found.src.clone(),
            space: match &found.file {
                Ok(file) => {
                    let (columns, rows) = cells_for(file.size, cell, width, rows, enlarge);
                    Space::Cells { columns, rows }
                }
                Err(why) => Space::Unavailable(why.clone()),
            },
        };
        Some(Arc::new(PicturePlan {
            thumbnail: found
                .thumbnail
                .as_ref()
                .map(|t| plan(t, thumbnail_rows, true)),
            inline: found
                .inline
                .iter()
                .map(|p| plan(p, inline_rows, false))
                .collect(),
        }))
    }
}
