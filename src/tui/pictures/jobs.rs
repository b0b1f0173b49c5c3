//! The picture work done off the UI thread: finding a post's pictures (resolving each
//! `src` the way the blog's site generator would, reading each size off its header), and
//! decoding one and encoding it for the terminal at the cells it fills.

use std::path::{Path, PathBuf};

use image::{DynamicImage, GenericImageView, Rgba, RgbaImage};
use ratatui::layout::Size;

use super::encoder::Encoder;
use super::{DrawKey, Drawn, DrawnPicture, Found, FoundPictures, PictureFile, kitty};
use crate::library::PostId;
use crate::library::images::{ImageSource, body_images, resolve_image, site_root};
use crate::picture::{PictureLimits, decode, dimensions};

/// A post whose pictures are to be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindJob {
    /// The post.
    pub post: PostId,
    /// Its file.
    pub file: PathBuf,
    /// The folder geul was opened on (the site root is looked for a few levels above).
    pub opened: PathBuf,
    /// The front matter's thumbnail, as written.
    pub thumbnail: Option<String>,
    /// The body, whose `![alt](src)` are the inline pictures.
    pub body: String,
}

/// Finds and measures the pictures of `job`'s post. Reads headers only.
pub fn find_pictures(job: &FindJob) -> FoundPictures {
    let post = std::fs::canonicalize(&job.file).unwrap_or_else(|_| job.file.clone());
    let opened = std::fs::canonicalize(&job.opened).unwrap_or_else(|_| job.opened.clone());
    let root = site_root(&post, &opened);
    let limits = PictureLimits::default();
    let find = |alt: &str, src: &str| Found {
        alt: alt.to_string(),
        src: src.to_string(),
        file: locate(src, &post, &root, &limits),
    };
    FoundPictures {
        thumbnail: job.thumbnail.as_deref().map(|src| find("", src)),
        inline: body_images(&job.body)
            .iter()
            .map(|image| find(&image.alt, &image.src))
            .collect(),
    }
}

/// Where `src` is and how big, or why it is not shown.
fn locate(
    src: &str,
    post: &Path,
    root: &Path,
    limits: &PictureLimits,
) -> Result<PictureFile, String> {
    match resolve_image(src, post, root) {
        ImageSource::File(path) => {
            let size = dimensions(&path, limits).map_err(|e| e.to_string())?;
            let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
            Ok(PictureFile {
                path,
                modified,
                size,
            })
        }
        ImageSource::Remote { host } => Err(format!("on {host}, not fetched")),
        ImageSource::Unavailable(why) => Err(why),
    }
}

/// Decodes the picture of `key` within the limits and encodes it with `encoder` to fill at
/// most `key`'s cells, its aspect ratio kept; transparent parts blended over `background`
/// (the pane's colour). Takes milliseconds to a good part of a second.
pub fn draw_picture(key: &DrawKey, encoder: &Encoder, background: [u8; 3], placed: bool) -> Drawn {
    let image = decode(&key.path, &PictureLimits::default()).map_err(|e| e.to_string())?;
    let image = over_background(&image, background);
    if placed {
        return Ok(DrawnPicture::Placed(kitty::encode(
            &image,
            key.columns,
            key.rows,
            encoder.cell(),
        )));
    }
    encoder
        .encode(image, Size::new(key.columns, key.rows))
        .map(DrawnPicture::Sliced)
}

/// `image` with its transparent pixels blended over `background`, opaque.
fn over_background(image: &DynamicImage, background: [u8; 3]) -> DynamicImage {
    if !image.color().has_alpha() {
        return image.clone();
    }
    let (width, height) = image.dimensions();
    let mut out = RgbaImage::new(width, height);
    for (x, y, Rgba([r, g, b, a])) in image.pixels() {
        let mix = |c: u8, under: u8| {
            let (c, under, a) = (u32::from(c), u32::from(under), u32::from(a));
            u8::try_from((c * a + under * (255 - a)) / 255).unwrap_or(u8::MAX)
        };
        out.put_pixel(
            x,
            y,
            Rgba([
                mix(r, background[0]),
                mix(g, background[1]),
                mix(b, background[2]),
                255,
            ]),
        );
    }
    DynamicImage::ImageRgba8(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("posts/sites")
            .join(path)
    }

    #[test]
    fn a_hugo_posts_pictures_are_found_in_static_and_measured() {
        let file = site("hugo-blog/content/posts/sokcho-walking-trip.md");
        let text = std::fs::read_to_string(&file).unwrap();
        let post = crate::library::scan::post_from_text(file.clone(), "a.md".into(), &text);
        let found = find_pictures(&FindJob {
            post: PostId(0),
            file,
            opened: site("hugo-blog/content"),
            thumbnail: post.thumbnail.clone(),
            body: post.body.to_string(),
        });
        let thumbnail = found.thumbnail.expect("a thumbnail");
        let file = thumbnail.file.expect("found");
        assert!(
            file.path.ends_with("static/images/map-grid.png"),
            "{file:?}"
        );
        assert_eq!(file.size, (240, 180));
    }

    #[test]
    fn a_missing_or_remote_picture_says_why() {
        let root = site("jekyll-blog");
        let post = root.join("_posts/a.md");
        let limits = PictureLimits::default();
        let gone = locate("/assets/img/gone.png", &post, &root, &limits).unwrap_err();
        assert!(gone.ends_with("not found"), "{gone}");
        assert_eq!(
            locate("https://example.com/a.png", &post, &root, &limits),
            Err("on example.com, not fetched".into())
        );
    }

    #[test]
    fn a_picture_is_drawn_in_half_blocks_within_its_cells() {
        let key = DrawKey {
            path: site("jekyll-blog/assets/img/sunset.png"),
            modified: None,
            columns: 20,
            rows: 6,
        };
        let encoder = Encoder::Halfblocks;
        let drawn = draw_picture(&key, &encoder, [0, 0, 0], false).expect("drawn");
        let DrawnPicture::Sliced(sliced) = drawn else {
            panic!("half blocks are sliced");
        };
        let size = sliced.size();
        assert!(size.width <= 20 && size.height <= 6, "{size:?}");
        assert!(size.width >= 19 || size.height == 6, "{size:?}");
        let broken = DrawKey {
            path: site("jekyll-blog/_config.yml"),
            ..key
        };
        assert_eq!(
            draw_picture(&broken, &encoder, [0, 0, 0], false).unwrap_err(),
            "unsupported format"
        );
    }
}
