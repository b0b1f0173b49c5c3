//! Pictures placed with the kitty graphics protocol directly, for kitty older than 0.28,
//! which has the protocol but not the Unicode placeholders ratatui-image places pictures
//! with (Debian 12 ships 0.26).
//!
//! A picture is sent to the terminal once (the event loop writes it between frames, when
//! it comes back from the worker) and placed by a command the article pane writes into
//! the first cell in view of the picture: the part in view, cut from the picture by its
//! pixel rows, over the cells in view. Placing it again under the same placement number
//! moves or re-crops it; when a picture leaves the view, the event loop deletes its
//! placement (the picture stays stored for when it comes back). Quitting deletes them all.

use std::sync::atomic::{AtomicU32, Ordering};

use image::{DynamicImage, GenericImageView};

/// A picture for direct placement: its id in the terminal, its size in cells and pixels,
/// and the command that sends it (taken once).
#[derive(Debug)]
pub struct PlacedImage {
    /// The terminal's id for it.
    pub id: u32,
    /// Cells it covers.
    pub columns: u16,
    /// Rows it covers.
    pub rows: u16,
    /// The cell size it was scaled for, in pixels.
    pub cell: (u16, u16),
    /// Its height in pixels (the last row may be partly blank).
    pub height: u32,
    /// The command that sends it; taken when written.
    pub transmit: Option<String>,
}

/// Ids handed out, from a base unlikely to meet another program's.
static NEXT_ID: AtomicU32 = AtomicU32::new(0x4745_0000);

/// `image` scaled to fit `columns` × `rows` cells of `cell` pixels, its shape kept, and
/// the command that sends it (RGBA, in chunks of 4096 base64 bytes, no answer asked).
pub fn encode(image: &DynamicImage, columns: u16, rows: u16, cell: (u16, u16)) -> PlacedImage {
    let (cell_w, cell_h) = (u32::from(cell.0.max(1)), u32::from(cell.1.max(1)));
    let image = image.resize(
        u32::from(columns) * cell_w,
        u32::from(rows) * cell_h,
        image::imageops::FilterType::Triangle,
    );
    let (width, height) = image.dimensions();
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let rgba = image.to_rgba8();
    let payload = base64_simd::STANDARD.encode_to_string(rgba.as_raw());
    let chunks: Vec<&[u8]> = payload.as_bytes().chunks(4096).collect();
    let mut transmit = String::with_capacity(payload.len() + chunks.len() * 16 + 64);
    for (i, chunk) in chunks.iter().enumerate() {
        transmit.push_str("\x1b_G");
        if i == 0 {
            transmit.push_str(&format!("a=t,q=2,f=32,i={id},s={width},v={height},"));
        }
        let more = u8::from(i + 1 < chunks.len());
        transmit.push_str(&format!("m={more};"));
        transmit.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        transmit.push_str("\x1b\\");
    }
    PlacedImage {
        id,
        columns: u16::try_from(width.div_ceil(cell_w)).unwrap_or(columns),
        rows: u16::try_from(height.div_ceil(cell_h)).unwrap_or(rows),
        cell,
        height,
        transmit: Some(transmit),
    }
}

impl PlacedImage {
    /// The command placing rows `skip..skip + shown` of the picture at the cursor, as
    /// placement `placement`, without moving the cursor.
    pub fn place(&self, placement: u32, skip: u16, shown: u16) -> String {
        let cell_h = u32::from(self.cell.1.max(1));
        let y = u32::from(skip) * cell_h;
        let h = (u32::from(shown) * cell_h).min(self.height.saturating_sub(y));
        format!(
            "\x1b_Ga=p,q=2,i={},p={placement},y={y},h={h},c={},r={shown},C=1\x1b\\",
            self.id, self.columns
        )
    }
}

/// The command deleting placement `placement` of picture `id` (the picture stays stored).
pub fn delete(id: u32, placement: u32) -> String {
    format!("\x1b_Ga=d,q=2,d=i,i={id},p={placement}\x1b\\")
}

/// The command deleting every picture placed and freeing them, for quitting.
pub const DELETE_ALL: &str = "\x1b_Ga=d,q=2,d=A\x1b\\";

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgba, RgbaImage};

    #[test]
    fn a_picture_is_sent_once_in_chunks_and_placed_cropped_by_rows() {
        let image: DynamicImage = RgbaImage::from_pixel(300, 200, Rgba([10, 20, 30, 255])).into();
        let mut placed = encode(&image, 20, 10, (10, 20));
        // 300 × 200 in 200 × 200 pixels: 200 × 133, 20 columns, 7 rows.
        assert_eq!((placed.columns, placed.rows, placed.height), (20, 7, 133));
        let transmit = placed.transmit.take().expect("the command");
        assert!(transmit.starts_with(&format!(
            "\x1b_Ga=t,q=2,f=32,i={},s=200,v=133,m=1;",
            placed.id
        )));
        assert_eq!(transmit.matches("m=0;").count(), 1, "one last chunk");
        let base64_bytes = (200 * 133 * 4usize).div_ceil(3) * 4;
        assert_eq!(
            transmit.matches("\x1b_G").count(),
            base64_bytes.div_ceil(4096)
        );
        let place = placed.place(3, 2, 4);
        assert_eq!(
            place,
            format!(
                "\x1b_Ga=p,q=2,i={},p=3,y=40,h=80,c=20,r=4,C=1\x1b\\",
                placed.id
            )
        );
        // The last rows: only the pixels there are.
        assert!(placed.place(3, 5, 2).contains("y=100,h=33,"));
        assert_eq!(
            delete(placed.id, 3),
            format!("\x1b_Ga=d,q=2,d=i,i={},p=3\x1b\\", placed.id)
        );
    }
}
