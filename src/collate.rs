//! The order of people in lists: by the stroke count of the surname (按姓氏笔画为序), as
//! official lists are, from ICU4X's Chinese stroke collation (`zh-u-co-stroke`). A compound
//! surname counts by its first character because the collation compares character by character.

use std::cmp::Ordering;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use icu_locale_core::Locale;

pub(crate) struct StrokeOrder {
    collator: CollatorBorrowed<'static>,
}

impl StrokeOrder {
    pub(crate) fn new() -> StrokeOrder {
        let locale: Locale = "zh-u-co-stroke".parse().expect("a valid locale literal");
        let prefs = CollatorPreferences::from(&locale);
        let collator = Collator::try_new(prefs, CollatorOptions::default())
            .expect("the stroke collation is in ICU4X's compiled data");
        StrokeOrder { collator }
    }

    pub(crate) fn compare(&self, a: &str, b: &str) -> Ordering {
        self.collator.compare(a, b)
    }
}

impl Default for StrokeOrder {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let order = StrokeOrder::new();
        let mut v: Vec<(&str, &str)> = names.iter().map(|n| (*n, *n)).collect();
        v.sort_by(|a, b| order.compare(a.0, b.0).then_with(|| a.1.cmp(b.1)));
        v.into_iter().map(|x| x.0.to_string()).collect()
    }

    #[test]
    fn fewer_strokes_first() {
        // 丁 2 strokes, 王 4, 李 7, 赵 9, 黄 11, 魏 17
        assert_eq!(
            sorted(&["魏明", "黄华", "赵敏", "李强", "王芳", "丁一"]),
            ["丁一", "王芳", "李强", "赵敏", "黄华", "魏明"]
        );
    }

    #[test]
    fn compound_surname_counts_by_its_first_character() {
        // 欧 8 strokes: after 李 (7), before 赵 (9)
        assert_eq!(sorted(&["赵敏", "欧阳红", "李强"]), ["李强", "欧阳红", "赵敏"]);
        // 司 5 strokes: before 李 (7)
        assert_eq!(sorted(&["李强", "司马光"]), ["司马光", "李强"]);
    }

    #[test]
    fn same_name_is_ordered_by_the_tie_break() {
        let order = StrokeOrder::new();
        let mut v = [("张伟", "zhang-wei-2"), ("张伟", "zhang-wei")];
        v.sort_by(|a, b| order.compare(a.0, b.0).then_with(|| a.1.cmp(b.1)));
        assert_eq!(v[0].1, "zhang-wei");
    }
}
