//! Pictures in the reader, half-block mode, driven through `App::handle` with the picture
//! work done on the calling thread, and asserted on ratatui's TestBackend.

mod common;

use common::app_screen::{frame, screen};
use common::manifest_dir;
use geul::tui::action::Action;
use geul::tui::app::{App, AppSettings};
use geul::tui::perform;
use geul::tui::pictures::PictureSettings;
use ratatui::layout::Rect;
use ratatui_image::picker::Picker;

/// The Jekyll-like sample blog read whole, pictures in half blocks, on a screen of
/// `width` × `height`, with the newest post open.
fn jekyll(width: u16, height: u16) -> App {
    let settings = AppSettings {
        pictures: PictureSettings {
            picker: Some(Picker::halfblocks()),
            ..PictureSettings::default()
        },
        ..AppSettings::default()
    };
    let root = manifest_dir().join("posts/sites/jekyll-blog");
    let (mut app, read) = App::reading(root, settings, Rect::new(0, 0, width, height));
    geul::tui::perform_effect(&mut app, read);
    perform(&mut app, Action::Redraw);
    app
}

#[test]
fn debug_scroll() {
    let mut app = jekyll(100, 30);
    perform(&mut app, Action::TabForward);
    for _ in 0..3 {
        perform(&mut app, Action::PageDown);
    }
    println!("{}", screen(&app));
    let article = app.article().unwrap().clone();
    let open = app.reader.open.unwrap();
    for spot in &article.pictures {
        let key = app.pictures.key_for(open, spot);
        println!("{spot:?} {key:?} {:?}", key.as_ref().and_then(|k| app.pictures.drawn(k)));
    }
    println!("{:?}", app.pictures.found(open));
    let _ = frame(&app);
    panic!();
}
