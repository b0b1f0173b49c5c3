//! Reading a picture file into pixels, within limits: a file of any size, a header that
//! claims a billion pixels (a decompression bomb), a FIFO or a device, a text file named
//! `.png` or a picture cut short each end as a [`PictureError`], quickly, never as a crash,
//! a stall or all the memory there is.
//!
//! Decoding takes milliseconds to seconds, so callers run it off the UI thread.

use std::io::{Cursor, ErrorKind};
use std::path::Path;

use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};

use super::PictureError;
use crate::library::scan::read_capped;

/// How much of the machine one picture may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PictureLimits {
    /// The largest file read, in bytes.
    pub max_file_bytes: u64,
    /// The most pixels (width × height) decoded.
    pub max_pixels: u64,
    /// The longest side, in pixels. Generous, so a long screenshot or a panorama passes:
    /// the pixel count is what bounds memory.
    pub max_side: u32,
}

impl Default for PictureLimits {
    /// 50 MiB files, 40 megapixels, sides up to 50 000 pixels.
    fn default() -> Self {
        PictureLimits {
            max_file_bytes: 50 * 1024 * 1024,
            max_pixels: 40_000_000,
            max_side: 50_000,
        }
    }
}

impl PictureLimits {
    /// The most the decoder may allocate at once: the picture as 8-bit RGBA plus room for
    /// the decoder's own buffers. A 16-bit picture near the pixel limit is refused by it,
    /// which is rare enough to accept for a bounded memory peak.
    pub fn max_alloc(&self) -> u64 {
        self.max_pixels
            .saturating_mul(4)
            .saturating_add(16 * 1024 * 1024)
    }

    /// The `image` crate's limits for these: the sides and the allocation.
    fn image_limits(&self) -> Limits {
        let mut limits = Limits::default();
        limits.max_image_width = Some(self.max_side);
        limits.max_image_height = Some(self.max_side);
        limits.max_alloc = Some(self.max_alloc());
        limits
    }
}

/// Reads and decodes the picture at `path` within `limits`. The format is guessed from the
/// content, not the name, so a misnamed picture still shows and a text file named `.png`
/// is "unsupported".
pub fn decode(path: &Path, limits: &PictureLimits) -> Result<DynamicImage, PictureError> {
    let bytes = read_file(path, limits)?;
    decode_bytes(&bytes, limits)
}

/// Decodes a picture already in memory, within `limits` (its size is not checked here).
pub fn decode_bytes(bytes: &[u8], limits: &PictureLimits) -> Result<DynamicImage, PictureError> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| PictureError::Broken)?;
    if reader.format().is_none() {
        return Err(PictureError::Unsupported(None));
    }
    // The header is read with the allocation limit only, so a side over the limit is
    // reported with the picture's size rather than as a bare limit error.
    let mut header_limits = Limits::default();
    header_limits.max_alloc = Some(limits.max_alloc());
    reader.limits(header_limits);
    let mut decoder = reader.into_decoder().map_err(from_image_error)?;
    let (width, height) = decoder.dimensions();
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limits.max_pixels || width > limits.max_side || height > limits.max_side {
        return Err(PictureError::TooBig { width, height });
    }
    // The same order as `ImageReader::decode`: the output buffer counts against the
    // allocation limit before the decoder gets the rest of it.
    let mut full = limits.image_limits();
    full.reserve(decoder.total_bytes())
        .map_err(|_| PictureError::TooMuchMemory)?;
    decoder.set_limits(full).map_err(from_image_error)?;
    DynamicImage::from_decoder(decoder).map_err(from_image_error)
}

/// The file's bytes, if it is a regular file within the size limit. `stat` first, which
/// never blocks, to say what is wrong; then [`read_capped`], which opens without blocking
/// and checks again, so a FIFO swapped in between cannot stall the caller either.
fn read_file(path: &Path, limits: &PictureLimits) -> Result<Vec<u8>, PictureError> {
    let metadata = std::fs::metadata(path).map_err(from_io_error)?;
    if !metadata.is_file() {
        return Err(PictureError::NotAFile);
    }
    if metadata.len() > limits.max_file_bytes {
        return Err(PictureError::TooLarge {
            bytes: metadata.len(),
        });
    }
    let (bytes, more) = read_capped(path, limits.max_file_bytes).map_err(from_io_error)?;
    if more {
        // It grew while it was read.
        return Err(PictureError::TooLarge {
            bytes: limits.max_file_bytes.saturating_add(1),
        });
    }
    Ok(bytes)
}

fn from_io_error(error: std::io::Error) -> PictureError {
    match error.kind() {
        ErrorKind::NotFound | ErrorKind::NotADirectory => PictureError::Missing,
        ErrorKind::IsADirectory => PictureError::NotAFile,
        // `read_capped`'s own refusal of anything but a regular file.
        ErrorKind::Other => PictureError::NotAFile,
        kind => PictureError::Unreadable(kind.to_string()),
    }
}

fn from_image_error(error: ImageError) -> PictureError {
    match error {
        ImageError::Limits(_) => PictureError::TooMuchMemory,
        ImageError::Unsupported(unsupported) => {
            PictureError::Unsupported(format_name(unsupported.format_hint()))
        }
        ImageError::Decoding(_)
        | ImageError::Parameter(_)
        | ImageError::IoError(_)
        | ImageError::Encoding(_) => PictureError::Broken,
    }
}

/// `TIFF` for a format the `image` crate knows but geul was built without.
fn format_name(hint: image::error::ImageFormatHint) -> Option<String> {
    match hint {
        image::error::ImageFormatHint::Exact(format) => Some(name_of(format)),
        _ => None,
    }
}

fn name_of(format: ImageFormat) -> String {
    format
        .extensions_str()
        .first()
        .map_or_else(|| format!("{format:?}"), |e| e.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    use super::*;

    /// The sample pictures of the test blogs.
    fn samples() -> Vec<PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("posts/sites");
        let mut found = Vec::new();
        for dir in ["jekyll-blog/assets/img", "hugo-blog/static/images"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                found.push(entry.unwrap().path());
            }
        }
        found.sort();
        found
    }

    fn sunset() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("posts/sites/jekyll-blog/assets/img/sunset.png")
    }

    /// The CRC-32 PNG chunks end with, bit by bit: a test needs no table.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        let start = out.len();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }

    /// A PNG of a few dozen bytes whose header claims `width` × `height` RGBA pixels: a
    /// decoder that believed it would allocate width × height × 4 bytes.
    fn bomb(width: u32, height: u32) -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&width.to_be_bytes());
        ihdr.extend_from_slice(&height.to_be_bytes());
        // 8-bit RGBA, deflate, adaptive filtering, not interlaced.
        ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
        chunk(&mut png, b"IHDR", &ihdr);
        // An empty zlib stream: nothing follows the header.
        chunk(
            &mut png,
            b"IDAT",
            &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
        );
        chunk(&mut png, b"IEND", &[]);
        png
    }

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn the_sample_pictures_decode() {
        let limits = PictureLimits::default();
        let samples = samples();
        assert_eq!(samples.len(), 7);
        for path in samples {
            let start = Instant::now();
            let image = decode(&path, &limits).unwrap();
            eprintln!(
                "{}: {}x{} in {:?}",
                path.file_name().unwrap().to_string_lossy(),
                image.width(),
                image.height(),
                start.elapsed()
            );
            assert!(image.width() >= 240 && image.height() >= 120);
        }
    }

    #[test]
    fn the_format_comes_from_the_content_not_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = std::fs::read(sunset()).unwrap();
        let misnamed = write(dir.path(), "sunset.jpg", &bytes);
        let image = decode(&misnamed, &PictureLimits::default()).unwrap();
        assert_eq!((image.width(), image.height()), (320, 180));
    }

    #[test]
    fn a_decompression_bomb_is_refused_by_its_header_quickly() {
        let limits = PictureLimits::default();
        // Over the side limit and over the pixel count, then over the pixel count only.
        for (width, height) in [(100_000, 100_000), (10_000, 10_000), (50_000, 801)] {
            let start = Instant::now();
            let result = decode_bytes(&bomb(width, height), &limits);
            let took = start.elapsed();
            eprintln!("bomb {width}x{height}: {result:?} in {took:?}");
            assert_eq!(result.unwrap_err(), PictureError::TooBig { width, height });
            assert!(took < Duration::from_millis(500), "{took:?}");
        }
        // Under the limits, the same kind of file is only broken: its data is missing.
        assert_eq!(
            decode_bytes(&bomb(100, 100), &limits).unwrap_err(),
            PictureError::Broken
        );
    }

    #[test]
    fn the_pixel_limit_applies_to_real_pictures() {
        let limits = PictureLimits {
            max_pixels: 320 * 180 - 1,
            ..PictureLimits::default()
        };
        assert_eq!(
            decode(&sunset(), &limits).unwrap_err(),
            PictureError::TooBig {
                width: 320,
                height: 180
            }
        );
        let limits = PictureLimits {
            max_side: 319,
            ..PictureLimits::default()
        };
        assert!(matches!(
            decode(&sunset(), &limits),
            Err(PictureError::TooBig { width: 320, .. })
        ));
    }

    #[test]
    fn a_file_over_the_size_limit_is_not_read() {
        let limits = PictureLimits {
            max_file_bytes: 100,
            ..PictureLimits::default()
        };
        let size = std::fs::metadata(sunset()).unwrap().len();
        assert_eq!(
            decode(&sunset(), &limits).unwrap_err(),
            PictureError::TooLarge { bytes: size }
        );
    }

    #[test]
    fn a_truncated_picture_is_broken() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = std::fs::read(sunset()).unwrap();
        for cut in [bytes.len() / 2, 40, 20] {
            let path = write(dir.path(), "cut.png", &bytes[..cut]);
            assert_eq!(
                decode(&path, &PictureLimits::default()).unwrap_err(),
                PictureError::Broken,
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn text_named_png_is_unsupported() {
        let dir = tempfile::tempdir().unwrap();
        let limits = PictureLimits::default();
        let text = write(dir.path(), "notes.png", b"# Not a picture\n\nJust text.\n");
        let error = decode(&text, &limits).unwrap_err();
        assert_eq!(error, PictureError::Unsupported(None));
        assert_eq!(error.to_string(), "unsupported format");
        let empty = write(dir.path(), "empty.png", b"");
        assert_eq!(
            decode(&empty, &limits).unwrap_err(),
            PictureError::Unsupported(None)
        );
    }

    #[test]
    fn a_known_format_geul_was_built_without_is_named() {
        let mut bmp = b"BM".to_vec();
        bmp.resize(64, 0);
        assert_eq!(
            decode_bytes(&bmp, &PictureLimits::default()).unwrap_err(),
            PictureError::Unsupported(Some("BMP".into()))
        );
    }

    #[test]
    fn a_missing_file_or_a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let limits = PictureLimits::default();
        assert_eq!(
            decode(&dir.path().join("gone.png"), &limits).unwrap_err(),
            PictureError::Missing
        );
        assert_eq!(
            decode(&dir.path().join("gone/deeper.png"), &limits).unwrap_err(),
            PictureError::Missing
        );
        assert_eq!(
            decode(dir.path(), &limits).unwrap_err(),
            PictureError::NotAFile
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        use std::os::unix::ffi::OsStrExt;

        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.png");
        let name = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
        // SAFETY: `name` is a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        // On a thread, so a regression fails the test instead of hanging it.
        let (send, receive) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = send.send(decode(&fifo, &PictureLimits::default()));
        });
        let result = receive
            .recv_timeout(Duration::from_secs(5))
            .expect("decoding a FIFO blocked");
        assert_eq!(result.unwrap_err(), PictureError::NotAFile);
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused() {
        assert_eq!(
            decode(Path::new("/dev/zero"), &PictureLimits::default()).unwrap_err(),
            PictureError::NotAFile
        );
    }
}
