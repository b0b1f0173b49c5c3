use std::fs;

use super::*;

/// A Jekyll-like site: `_config.yml`, posts under `_posts`, pictures under `assets` and
/// `thumbnails`; and a Hugo-like one with `static/` and a page bundle.
fn sites() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |path: &str| {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, b"picture").expect("write");
    };
    write("jekyll/_config.yml");
    write("jekyll/_posts/2025-01-19-a.md");
    write("jekyll/assets/img/cat.png");
    write("jekyll/thumbnails/insight.png");
    write("hugo/hugo.toml");
    write("hugo/content/posts/b.md");
    write("hugo/static/images/dog.jpg");
    write("hugo/content/posts/bundle/index.md");
    write("hugo/content/posts/bundle/cover.png");
    write("secret.png");
    dir
}

#[test]
fn the_site_root_is_the_nearest_folder_with_a_marker() {
    let dir = sites();
    let post = dir.path().join("jekyll/_posts/2025-01-19-a.md");
    assert_eq!(
        site_root(&post, &dir.path().join("jekyll/_posts")),
        dir.path().join("jekyll")
    );
    let bundle = dir.path().join("hugo/content/posts/bundle/index.md");
    assert_eq!(
        site_root(&bundle, &dir.path().join("hugo/content")),
        dir.path().join("hugo")
    );
}

#[test]
fn site_rooted_pictures_are_found_under_the_root_or_its_served_folders() {
    let dir = sites();
    let root = dir.path().join("jekyll");
    let post = root.join("_posts/2025-01-19-a.md");
    assert_eq!(
        resolve_image("/thumbnails/insight.png", &post, &root),
        ImageSource::File(root.join("thumbnails/insight.png"))
    );
    let hugo = dir.path().join("hugo");
    assert_eq!(
        resolve_image("/images/dog.jpg", &hugo.join("content/posts/b.md"), &hugo),
        ImageSource::File(hugo.join("static/images/dog.jpg"))
    );
}

#[test]
fn relative_pictures_are_found_beside_the_post() {
    let dir = sites();
    let hugo = dir.path().join("hugo");
    let post = hugo.join("content/posts/bundle/index.md");
    assert_eq!(
        resolve_image("cover.png", &post, &hugo),
        ImageSource::File(hugo.join("content/posts/bundle/cover.png"))
    );
    let root = dir.path().join("jekyll");
    assert_eq!(
        resolve_image(
            "../assets/img/cat.png?v=2",
            &root.join("_posts/a.md"),
            &root
        ),
        ImageSource::File(root.join("assets/img/cat.png"))
    );
}

#[test]
fn pictures_outside_the_site_are_not_read() {
    let dir = sites();
    let root = dir.path().join("jekyll");
    let post = root.join("_posts/2025-01-19-a.md");
    for src in [
        "../../secret.png",
        "/../secret.png",
        "../../../../../../etc/passwd",
    ] {
        assert_eq!(
            resolve_image(src, &post, &root),
            ImageSource::Unavailable("the picture is outside the blog".into()),
            "{src}"
        );
    }
}

#[test]
fn a_symlink_out_of_the_site_is_not_followed() {
    let dir = sites();
    let root = dir.path().join("jekyll");
    std::os::unix::fs::symlink(dir.path().join("secret.png"), root.join("assets/link.png"))
        .expect("symlink");
    assert_eq!(
        resolve_image("/assets/link.png", &root.join("_posts/a.md"), &root),
        ImageSource::Unavailable("the picture is outside the blog".into())
    );
}

#[test]
fn remote_pictures_resolve_to_their_host_and_are_never_fetched() {
    let root = Path::new("/blog");
    let post = Path::new("/blog/a.md");
    assert_eq!(
        resolve_image("https://cdn.example.com/x.png", post, root),
        ImageSource::Remote {
            host: "cdn.example.com".into()
        }
    );
    assert_eq!(
        resolve_image("//user@img.example.org/y.jpg", post, root),
        ImageSource::Remote {
            host: "img.example.org".into()
        }
    );
}

#[test]
fn other_schemes_and_missing_files_say_why() {
    let root = Path::new("/nonexistent-blog");
    let post = Path::new("/nonexistent-blog/a.md");
    assert_eq!(
        resolve_image("data:image/png;base64,AAAA", post, root),
        ImageSource::Unavailable("data: pictures are not shown".into())
    );
    assert_eq!(
        resolve_image("missing.png", post, root),
        ImageSource::Unavailable("missing.png not found".into())
    );
    assert_eq!(
        resolve_image(" ", post, root),
        ImageSource::Unavailable("no picture named".into())
    );
}

#[test]
fn percent_encoded_korean_file_names_are_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("고양이.png"), b"x").expect("write");
    let post = dir.path().join("a.md");
    assert_eq!(
        resolve_image("%EA%B3%A0%EC%96%91%EC%9D%B4.png", &post, dir.path()),
        ImageSource::File(dir.path().join("고양이.png"))
    );
}
