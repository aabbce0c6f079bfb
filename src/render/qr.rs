//! QR codes for print, made at build time as inline SVG with the `qrcode` crate: error
//! correction level Q (a quarter of the code may be smudged or torn and it still reads), the
//! quiet zone kept, one unit per module so that the stylesheet sets the printed size.

use qrcode::{EcLevel, QrCode, render::svg};

/// An `<svg>` element for `text`, labelled for screen readers; `None` if the text is too
/// long for a QR code (a URL never is).
pub(crate) fn svg(text: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::Q).ok()?;
    let image = code
        .render::<svg::Color>()
        .quiet_zone(true)
        .module_dimensions(1, 1)
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .build();
    // inline in HTML: no XML declaration, no `version`; a class and an accessible name
    let start = image.find("<svg")?;
    let image = image[start..].replacen(" version=\"1.1\"", "", 1);
    let label = label.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    Some(image.replacen(
        "<svg",
        &format!("<svg class=\"qr\" role=\"img\" aria-label=\"{label}\""),
        1,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn inline_svg() {
        let s = svg("https://rd.example.gov.cn/stations/a/", "二维码 <a>").unwrap();
        assert!(
            s.starts_with("<svg class=\"qr\" role=\"img\" aria-label=\"二维码 &lt;a>\""),
            "{s}"
        );
        assert!(!s.contains("<?xml") && !s.contains("version="));
        assert!(s.ends_with("</svg>"));
    }
}
