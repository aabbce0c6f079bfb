//! How large the wall board's type can be so that the whole board still fits one A3 portrait
//! sheet. CSS cannot shrink text to fit a page, so the build estimates the printed height of
//! the board at each of a few type sizes, from the length of every text on it and the
//! measures of `board.css`, and picks the largest size that fits. Below the smallest size
//! (9 pt, still legible from a step away) the board flows onto a second sheet instead.
//!
//! The estimate errs on the large side: a CJK character is one em wide, any other character
//! 0.55 em, every cell wraps at its column's width, and a margin of 4 % is kept. The print
//! tests (tests/board.rs, tests/browser) print boards of every shape in Chromium and count
//! the sheets.

/// The type sizes, in percent of the full size, largest first; `board.css` has a class
/// `fit-<n>` for each but the first.
pub(super) const STEPS: [u8; 4] = [100, 90, 80, 70];

/// The full size of the board's running text, in points.
const FULL_PT: f64 = 13.0;
const MM_PER_PT: f64 = 25.4 / 72.0;
/// A3 portrait less the 12 mm page margins, the 4 pt border and the 8 × 10 mm padding.
const WIDTH_MM: f64 = 297.0 - 24.0 - 2.0 * 4.0 * MM_PER_PT - 20.0;
const HEIGHT_MM: f64 = 420.0 - 24.0 - 2.0 * 4.0 * MM_PER_PT - 16.0;
/// The share of the sheet the estimate may fill.
const SAFETY: f64 = 0.96;
/// The representatives' table columns, as shares of its width (`board.css`).
const COLUMNS: [f64; 6] = [0.12, 0.07, 0.17, 0.30, 0.16, 0.18];
/// Running text's line height, as `board.css` sets it on `.board`.
const LINE: f64 = 1.45;

/// What the board prints, reduced to its texts.
pub(super) struct Content<'a> {
    pub(super) name: &'a str,
    /// The address line under the name, as printed.
    pub(super) address: String,
    /// Per level, per representative, the six cells.
    pub(super) groups: Vec<Vec<[&'a str; 6]>>,
    /// The left column's sections (reception days, contacts), each a heading and its items.
    pub(super) left: Vec<Vec<String>>,
    /// The right column's: duties, rules and the plan.
    pub(super) right: Vec<Vec<String>>,
}

/// The largest of [`STEPS`] at which the board fits one sheet, or the smallest.
pub(super) fn step(c: &Content) -> u8 {
    STEPS
        .into_iter()
        .find(|&s| height_mm(c, s) <= HEIGHT_MM * SAFETY)
        .unwrap_or(STEPS[STEPS.len() - 1])
}

/// Lines `text` takes at `size` (mm per em) in `width` mm.
fn lines(text: &str, size: f64, width: f64) -> f64 {
    let ems: f64 = text.chars().map(|c| if c.is_ascii() { 0.55 } else { 1.0 }).sum();
    (ems * size / width).ceil().max(1.0)
}

/// The estimated height of the board's content at `step`, in mm.
pub(super) fn height_mm(c: &Content, step: u8) -> f64 {
    let em = FULL_PT * f64::from(step) / 100.0 * MM_PER_PT;
    let tight = step < 90;
    // the table's line height and cell padding (em), tighter below 90 %
    let (row_line, pad) = if tight { (1.2, 0.12) } else { (1.4, 0.3) };
    let row = |cells: &[&str; 6]| {
        let n = cells
            .iter()
            .zip(COLUMNS)
            .map(|(t, w)| lines(t, em * 1.1, w * WIDTH_MM - 0.8 * em))
            .fold(1.0, f64::max);
        // the name cell sets the line: its type is 1.1 em
        n * row_line * 1.1 * em + 2.0 * pad * em + 0.3
    };
    let heading = 1.35 * em * 1.3 + 1.0 * 1.35 * em;
    let head = lines(c.name, 2.6 * em, WIDTH_MM) * 2.6 * em * 1.25
        + 0.2 * 2.6 * em
        + 1.2 * em * LINE
        + lines(&c.address, em, WIDTH_MM) * em * LINE
        + 1.7 * em
        + 1.1;
    let header = row(&["姓名", "性别", "代表层级", "工作单位", "职务", "联系电话"]);
    let reps: f64 = c
        .groups
        .iter()
        .map(|g| 1.05 * em * 1.4 + 0.4 * em + header + 0.6 * em + g.iter().map(row).sum::<f64>())
        .sum();
    let column = (WIDTH_MM - 2.0 * em) / 2.0 - 1.4 * em;
    let side = |sections: &[Vec<String>]| -> f64 {
        sections
            .iter()
            .map(|items| heading + 0.6 * em + items.iter().map(|t| lines(t, em, column) * em * LINE).sum::<f64>())
            .sum()
    };
    let code = if tight { 34.0 } else { 42.0 };
    let foot = 1.1 + 0.8 * em + code + 0.8 * em * LINE + 2.0 * 0.65 * em * LINE + em;
    head + heading + reps + side(&c.left).max(side(&c.right)) + foot
}

#[cfg(test)]
mod tests {
    use super::*;

    fn board(people: usize, plan: usize) -> Content<'static> {
        let person = [
            "王建国",
            "男",
            "乡镇人大代表",
            "石桥乡第一村民委员会",
            "村委会主任",
            "13900000000",
        ];
        Content {
            name: "石桥乡人大代表联络站",
            address: "地址：石桥乡人民政府一楼".into(),
            groups: vec![vec![person; people]],
            left: vec![vec!["每月 15 日 09:00–11:30".into()]],
            right: vec![vec![
                "组织进站代表定期接待选民，听取和反映群众的意见建议".into();
                4 + plan
            ]],
        }
    }

    #[test]
    fn a_small_board_keeps_the_full_size() {
        assert_eq!(step(&board(6, 0)), 100);
    }

    #[test]
    fn more_people_or_a_longer_plan_set_the_type_smaller() {
        let sizes: Vec<u8> = [6, 14, 20, 30].iter().map(|&n| step(&board(n, 0))).collect();
        assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
        assert!(sizes[3] < 100, "{sizes:?}");
        assert!(step(&board(12, 12)) < step(&board(12, 0)));
    }

    #[test]
    fn height_grows_with_wrapping_cells() {
        let mut long = board(10, 0);
        long.groups[0][0][3] = "清溪县石桥乡第一村民委员会下属农业专业合作社联合社理事会";
        assert!(height_mm(&long, 100) > height_mm(&board(10, 0), 100));
    }

    #[test]
    fn a_board_too_long_for_any_size_gets_the_smallest() {
        assert_eq!(step(&board(200, 0)), 70);
    }
}
