//! How a decoded picture is encoded for the terminal: in Unicode half blocks by geul
//! itself, with ratatui-image's public resizing and half-block encoder, or in a graphics
//! protocol through ratatui-image's `Picker`.
//!
//! Half blocks never build a `Picker`: every one of its constructors runs
//! `tmux set -p allow-passthrough on` when it finds itself inside tmux, changing the
//! user's pane for good, and half blocks need no passthrough. Only a graphics protocol,
//! which inside tmux is used only when the config or `--images` names it, builds one.

use image::DynamicImage;
use image::imageops::FilterType;
use ratatui::layout::Size;
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::protocol::halfblocks::Halfblocks;
use ratatui_image::sliced::SlicedProtocol;
use ratatui_image::{FontSize, Resize};

/// The cell half blocks are drawn for, in pixels: ratatui-image's nominal 10 × 20 (the
/// real cell does not matter, only its 1 : 2 shape, each cell showing two pixels).
pub const HALF_BLOCK_CELL: (u16, u16) = (10, 20);

/// How pictures are encoded: the protocol, and what it needs.
#[derive(Debug, Clone)]
pub enum Encoder {
    /// Unicode half blocks, for a cell of [`HALF_BLOCK_CELL`].
    Halfblocks,
    /// A graphics protocol (kitty, sixel, iTerm2), with the terminal's cell size and
    /// whether it runs in tmux, as ratatui-image's picker holds them.
    Graphics(Picker),
}

impl Encoder {
    /// The encoder for `protocol` with cells of `cell` pixels (width, height); half blocks
    /// ignore `cell`. A graphics protocol builds ratatui-image's picker, which inside tmux
    /// turns on the pane's `allow-passthrough` (its graphics need it).
    pub fn new(protocol: ProtocolType, cell: (u16, u16)) -> Encoder {
        if protocol == ProtocolType::Halfblocks {
            return Encoder::Halfblocks;
        }
        // The one way to give ratatui-image a cell size geul asked for itself (its own
        // query would be a second round trip past the probe's deadline).
        #[allow(deprecated)]
        let mut picker = Picker::from_fontsize(FontSize::new(cell.0, cell.1));
        picker.set_protocol_type(protocol);
        Encoder::Graphics(picker)
    }

    /// The protocol pictures are encoded in.
    pub fn protocol_type(&self) -> ProtocolType {
        match self {
            Encoder::Halfblocks => ProtocolType::Halfblocks,
            Encoder::Graphics(picker) => picker.protocol_type(),
        }
    }

    /// A cell's size in pixels (width, height), pictures are measured in.
    pub fn cell(&self) -> (u16, u16) {
        match self {
            Encoder::Halfblocks => HALF_BLOCK_CELL,
            Encoder::Graphics(picker) => {
                let font = picker.font_size();
                (font.width, font.height)
            }
        }
    }

    /// `image` encoded to fill at most `size` cells, its aspect ratio kept, scaled up or
    /// down with a triangle filter.
    pub fn encode(&self, image: DynamicImage, size: Size) -> Result<SlicedProtocol, String> {
        let resize = Resize::Scale(Some(FilterType::Triangle));
        let encoded = match self {
            Encoder::Halfblocks => {
                // What ratatui-image's picker does for half blocks: the cells the scaled
                // picture takes, the picture scaled to them, then encoded.
                let cell = FontSize::new(HALF_BLOCK_CELL.0, HALF_BLOCK_CELL.1);
                let cells = resize.size_for(&image, cell, size);
                let scaled = resize.resize(&image, cell, cells, None);
                Halfblocks::new(scaled, cells).map(SlicedProtocol::Halfblocks)
            }
            Encoder::Graphics(picker) => {
                SlicedProtocol::new_with_resize(picker, image, size, resize)
            }
        };
        encoded.map_err(|e| format!("cannot draw: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgba, RgbaImage};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui_image::sliced::SlicedImage;

    /// The cells `sliced` draws in a `width` × `height` buffer.
    fn cells(sliced: &SlicedProtocol, width: u16, height: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
        ratatui::widgets::Widget::render(
            SlicedImage::new(sliced, (0, 0).into()),
            buf.area,
            &mut buf,
        );
        buf
    }

    #[test]
    fn half_blocks_are_scaled_into_the_cells_asked_for_keeping_the_shape() {
        // 60 × 20 pixels, left third red, the rest blue: 3 : 1, so in at most 12 × 10
        // cells of 10 × 20 it takes 12 × 2.
        let image = RgbaImage::from_fn(60, 20, |x, _| {
            if x < 20 {
                Rgba([200, 0, 0, 255])
            } else {
                Rgba([0, 0, 200, 255])
            }
        });
        let sliced = Encoder::Halfblocks
            .encode(image.into(), Size::new(12, 10))
            .expect("encoded");
        assert_eq!(sliced.size(), Size::new(12, 2));
        let buf = cells(&sliced, 12, 2);
        let red = ratatui::style::Color::Rgb(200, 0, 0);
        let blue = ratatui::style::Color::Rgb(0, 0, 200);
        assert_eq!(buf[(0, 0)].fg, red);
        assert_eq!(buf[(0, 1)].bg, red);
        assert_eq!(buf[(11, 1)].fg, blue);
        assert_eq!(buf[(11, 1)].bg, blue);
    }

    #[test]
    fn half_blocks_take_no_picker_and_measure_in_the_nominal_cell() {
        let halfblocks = Encoder::new(ProtocolType::Halfblocks, (9, 18));
        assert!(matches!(halfblocks, Encoder::Halfblocks));
        assert_eq!(halfblocks.protocol_type(), ProtocolType::Halfblocks);
        assert_eq!(halfblocks.cell(), HALF_BLOCK_CELL);
    }
}
