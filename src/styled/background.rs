//! Whether the terminal's background is dark or light, from what geul can learn of it: the
//! colour the terminal reports (see `tui::background`), else the `COLORFGBG` variable some
//! terminals set. The `auto` theme picks its palette by it.

/// A terminal background, as far as the palette cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    /// Dark: light text reads on it.
    Dark,
    /// Light: dark text reads on it.
    Light,
}

impl Background {
    /// The background of colour `rgb` (each channel from 0.0 to 1.0): light when its
    /// luminance is above one half. The Rec. 709 weights are applied to the channels as
    /// the terminal gives them (not linearised), so the line falls near mid-grey, where
    /// dark text and light text read about as well.
    pub fn of_colour([r, g, b]: [f64; 3]) -> Background {
        let luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        if luminance > 0.5 {
            Background::Light
        } else {
            Background::Dark
        }
    }

    /// The background `COLORFGBG` describes (`"fg;bg"`, or `"fg;default;bg"` as rxvt sets
    /// it): light when the background is colour 7 or 15 (white), dark for any other
    /// colour number, unknown when there is no number.
    pub fn from_colorfgbg(value: &str) -> Option<Background> {
        // A lone number is the foreground: the background is after the last `;`.
        let (_, background) = value.rsplit_once(';')?;
        match background.trim().parse::<u8>().ok()? {
            7 | 15 => Some(Background::Light),
            _ => Some(Background::Dark),
        }
    }

    /// The background `COLORFGBG` in the environment describes, if it is set.
    pub fn from_env() -> Option<Background> {
        std::env::var("COLORFGBG")
            .ok()
            .and_then(|value| Background::from_colorfgbg(&value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_and_pale_backgrounds_are_light_and_black_and_deep_ones_dark() {
        assert_eq!(Background::of_colour([1.0, 1.0, 1.0]), Background::Light);
        // Solarized light's cream.
        let cream = [0xfd, 0xf6, 0xe3].map(|c| f64::from(c) / 255.0);
        assert_eq!(Background::of_colour(cream), Background::Light);
        assert_eq!(Background::of_colour([0.0, 0.0, 0.0]), Background::Dark);
        // Solarized dark's blue-black.
        let navy = [0x00, 0x2b, 0x36].map(|c| f64::from(c) / 255.0);
        assert_eq!(Background::of_colour(navy), Background::Dark);
    }

    #[test]
    fn the_line_is_at_half_luminance_and_green_weighs_most() {
        assert_eq!(Background::of_colour([0.5, 0.5, 0.5]), Background::Dark);
        assert_eq!(Background::of_colour([0.55, 0.55, 0.55]), Background::Light);
        // Pure green is bright, pure blue is dark.
        assert_eq!(Background::of_colour([0.0, 1.0, 0.0]), Background::Light);
        assert_eq!(Background::of_colour([0.0, 0.0, 1.0]), Background::Dark);
    }

    #[test]
    fn colorfgbg_with_a_white_background_is_light_and_with_black_dark() {
        assert_eq!(Background::from_colorfgbg("15;0"), Some(Background::Dark));
        assert_eq!(Background::from_colorfgbg("0;15"), Some(Background::Light));
        assert_eq!(Background::from_colorfgbg("0;7"), Some(Background::Light));
        assert_eq!(
            Background::from_colorfgbg("0;default;15"),
            Some(Background::Light)
        );
        assert_eq!(Background::from_colorfgbg("7;8"), Some(Background::Dark));
    }

    #[test]
    fn colorfgbg_without_a_background_number_says_nothing() {
        for value in ["", "15", "15;default", "15;", "15;white", "15;300"] {
            assert_eq!(Background::from_colorfgbg(value), None, "{value:?}");
        }
    }
}
