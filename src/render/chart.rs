//! Charts for `/stats/`, made at build time as inline SVG: no JavaScript, nothing fetched.
//! There is one kind, a horizontal bar chart, because it reads on a 360 px phone as well as
//! on paper: a label, a bar and the figure at its end on each line. Colours come from the
//! stylesheet (classes `chart-bar`, `chart-label`, `chart-value`), so that 长辈模式 and print
//! restyle them; the SVG carries a `<title>` and a `<desc>` that says every figure, and each
//! chart is shown beside a table of the same figures.

use std::fmt::Write;

use crate::render::escape_html as esc;

/// One line of a chart: its label, its value (for the bar's length), the value as the table
/// beside the chart shows it, and as the chart prints it at the bar's end (a rate's table
/// cell `92.1%（257/279）` is `92.1%` there).
#[derive(Debug, Clone)]
pub(crate) struct Bar {
    pub(crate) label: String,
    pub(crate) value: u64,
    pub(crate) shown: String,
    pub(crate) tag: String,
}

impl Bar {
    pub(crate) fn count(label: impl Into<String>, n: u64) -> Bar {
        Bar {
            label: label.into(),
            value: n,
            shown: n.to_string(),
            tag: n.to_string(),
        }
    }
}

const WIDTH: u64 = 360;
const LABEL_END: u64 = 112;
const BAR_START: u64 = 118;
const BAR_MAX: u64 = 160;
const ROW: u64 = 26;
const BAR_HEIGHT: u64 = 16;
/// Labels longer than this are cut in the chart (the table beside has them whole).
const LABEL_CHARS: usize = 7;

fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_string()
    } else {
        let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
        format!("{cut}…")
    }
}

/// A bar chart of `bars`, each bar's length `value ÷ max` (the largest value when `max` is
/// `None`; 100 % charts pass the whole). `id` makes the title's and description's ids unique
/// on the page.
pub(crate) fn bars(id: &str, title: &str, bars: &[Bar], max: Option<u64>) -> String {
    let max = max
        .unwrap_or_else(|| bars.iter().map(|b| b.value).max().unwrap_or(0))
        .max(1);
    let height = ROW * bars.len().max(1) as u64 + 8;
    let desc: Vec<String> = bars.iter().map(|b| format!("{} {}", b.label, b.shown)).collect();
    let mut svg = format!(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" \
         role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title>\
         <desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(&desc.join("；"))
    );
    for (i, b) in bars.iter().enumerate() {
        let top = 4 + ROW * i as u64;
        let text_y = top + ROW / 2 + 5;
        // in tenths of a unit, so that the length is exact and the same on every machine
        let len10 = (b.value.min(max) * BAR_MAX * 10) / max;
        let len10 = if b.value > 0 { len10.max(10) } else { 0 };
        let _ = write!(
            svg,
            "<g><text class=\"chart-label\" x=\"{LABEL_END}\" y=\"{text_y}\" text-anchor=\"end\">{}</text>\
             <rect class=\"chart-bar\" x=\"{BAR_START}\" y=\"{}\" width=\"{}.{}\" height=\"{BAR_HEIGHT}\"/>\
             <text class=\"chart-value\" x=\"{}.{}\" y=\"{text_y}\">{}</text></g>",
            esc(&short(&b.label)),
            top + (ROW - BAR_HEIGHT) / 2,
            len10 / 10,
            len10 % 10,
            (BAR_START * 10 + len10 + 40) / 10,
            (BAR_START * 10 + len10 + 40) % 10,
            esc(&b.tag)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_escape_labels() {
        let svg = bars(
            "c1",
            "标题<b>",
            &[Bar::count("甲&乙", 10), Bar::count("丙", 5), Bar::count("丁", 0)],
            None,
        );
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let widths: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .map(|n| n.attribute("width").unwrap())
            .collect();
        assert_eq!(widths, ["160.0", "80.0", "0.0"]);
        let values: Vec<&str> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("chart-value"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(values, ["10", "5", "0"]);
        assert!(svg.contains("甲&amp;乙") && svg.contains("标题&lt;b&gt;"));
    }

    #[test]
    fn long_labels_are_cut_and_small_values_still_show() {
        let svg = bars(
            "c2",
            "t",
            &[Bar::count("一二三四五六七八九十", 1000), Bar::count("x", 1)],
            None,
        );
        assert!(svg.contains("一二三四五六…"));
        assert!(svg.contains("width=\"1.0\""), "{svg}");
    }
}
