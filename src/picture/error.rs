//! Why a picture is not shown. Every way a picture can fail ends here, as a short reason
//! for the one-line placeholder, so no picture can crash or stall the reader.

use std::fmt;

/// Why a picture could not be decoded. [`fmt::Display`] gives the short reason the
/// placeholder shows, e.g. `🖼 Sunset (too big: 100000×100000 pixels)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PictureError {
    /// No file at the path.
    Missing,
    /// Something other than a regular file: a folder, a FIFO, a device, a socket.
    NotAFile,
    /// The file could not be opened or read (permissions, I/O), with the system's words.
    Unreadable(String),
    /// The file is over the byte limit; at least this many bytes.
    TooLarge {
        /// The file's size as far as it was read or stated.
        bytes: u64,
    },
    /// The header claims more pixels (or a longer side) than the limits allow.
    TooBig {
        /// Width in pixels, from the header.
        width: u32,
        /// Height in pixels, from the header.
        height: u32,
    },
    /// Decoding would allocate more than the memory limit (a header or metadata chunk
    /// that unpacks to too much, or a deep colour picture near the pixel limit).
    TooMuchMemory,
    /// Not a picture format geul decodes; the format's name when it was recognised.
    Unsupported(Option<String>),
    /// A known format whose data is damaged or cut short.
    Broken,
}

impl fmt::Display for PictureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PictureError::Missing => f.write_str("not found"),
            PictureError::NotAFile => f.write_str("not a file"),
            PictureError::Unreadable(why) => write!(f, "unreadable: {why}"),
            PictureError::TooLarge { bytes } => write!(f, "too large: {}", megabytes(*bytes)),
            PictureError::TooBig { width, height } => {
                write!(f, "too big: {width}×{height} pixels")
            }
            PictureError::TooMuchMemory => f.write_str("needs too much memory"),
            PictureError::Unsupported(None) => f.write_str("unsupported format"),
            PictureError::Unsupported(Some(format)) => write!(f, "unsupported format: {format}"),
            PictureError::Broken => f.write_str("broken data"),
        }
    }
}

impl std::error::Error for PictureError {}

/// `73.4 MB`: one decimal is enough to see how far over the limit a file is.
fn megabytes(bytes: u64) -> String {
    // Display only: precision loss above 2^52 bytes does not matter.
    #[allow(clippy::cast_precision_loss)]
    let mb = bytes as f64 / (1024.0 * 1024.0);
    format!("{mb:.1} MB")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_is_short_and_one_line() {
        let all = [
            PictureError::Missing,
            PictureError::NotAFile,
            PictureError::Unreadable("permission denied".into()),
            PictureError::TooLarge { bytes: 77_000_000 },
            PictureError::TooBig {
                width: 100_000,
                height: 100_000,
            },
            PictureError::TooMuchMemory,
            PictureError::Unsupported(None),
            PictureError::Unsupported(Some("TIFF".into())),
            PictureError::Broken,
        ];
        for error in all {
            let text = error.to_string();
            assert!(!text.contains('\n'), "{text}");
            assert!(text.chars().count() <= 40, "{text}");
        }
        assert_eq!(
            PictureError::TooLarge { bytes: 77_000_000 }.to_string(),
            "too large: 73.4 MB"
        );
        assert_eq!(
            PictureError::TooBig {
                width: 100_000,
                height: 100_000
            }
            .to_string(),
            "too big: 100000×100000 pixels"
        );
    }
}
