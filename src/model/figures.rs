//! The figures of a station, a region's sub-tree or the whole site, counted from the ledgers:
//! activities by type, people received, suggestions by status, category and rating, and
//! activities and people by month; and the two rates, 办结率 = 已办结 ÷ received and 满意率 =
//! (满意 + 基本满意) ÷ rated, as the contract defines them.

use std::collections::BTreeMap;

use chrono::Datelike;

use crate::content::ledger::{Activity, ActivityType, Rating, Status, Suggestion};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Figures {
    /// By [`ActivityType::ALL`].
    pub(crate) activities: [u32; 6],
    /// People received or visited (the sum of `人数`).
    pub(crate) people: u64,
    /// By [`Status::ALL`].
    pub(crate) by_status: [u32; 4],
    /// By [`Rating::ALL`].
    pub(crate) ratings: [u32; 3],
    /// By `类别` as written; "" for none.
    pub(crate) categories: BTreeMap<String, u32>,
    /// (year, month) → (activities, people).
    pub(crate) months: BTreeMap<(i32, u32), (u32, u64)>,
}

/// A share, `num` of `den`, kept as the two counts so that it is shown exactly and rounded
/// once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rate {
    pub(crate) num: u64,
    pub(crate) den: u64,
}

impl Rate {
    /// `None` for a share of nothing (no suggestion, no rating): shown as "—", never as 0 %.
    pub(crate) fn of(num: u64, den: u64) -> Option<Rate> {
        (den > 0).then_some(Rate { num, den })
    }
    /// In tenths of a percent, rounded half up.
    pub(crate) fn permille(self) -> u64 {
        (self.num * 1000 + self.den / 2) / self.den
    }
    /// `93.2%`
    pub(crate) fn label(self) -> String {
        let p = self.permille();
        format!("{}.{}%", p / 10, p % 10)
    }
}

fn index<T: PartialEq>(all: &[T], v: &T) -> usize {
    all.iter().position(|x| x == v).unwrap_or(0)
}

impl Figures {
    pub(crate) fn add_activity(&mut self, a: &Activity) {
        self.activities[index(ActivityType::ALL, &a.kind)] += 1;
        let people = u64::from(a.people.unwrap_or(0));
        self.people += people;
        let m = self.months.entry((a.date.year(), a.date.month())).or_default();
        m.0 += 1;
        m.1 += people;
    }

    pub(crate) fn add_suggestion(&mut self, s: &Suggestion) {
        self.by_status[index(Status::ALL, &s.status)] += 1;
        if let Some(r) = s.rating {
            self.ratings[index(Rating::ALL, &r)] += 1;
        }
        *self
            .categories
            .entry(s.category.clone().unwrap_or_default())
            .or_default() += 1;
    }

    pub(crate) fn merge(&mut self, o: &Figures) {
        for (a, b) in self.activities.iter_mut().zip(o.activities) {
            *a += b;
        }
        self.people += o.people;
        for (a, b) in self.by_status.iter_mut().zip(o.by_status) {
            *a += b;
        }
        for (a, b) in self.ratings.iter_mut().zip(o.ratings) {
            *a += b;
        }
        for (k, v) in &o.categories {
            *self.categories.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &o.months {
            let m = self.months.entry(*k).or_default();
            m.0 += v.0;
            m.1 += v.1;
        }
    }

    pub(crate) fn activity_count(&self) -> u32 {
        self.activities.iter().sum()
    }
    /// Suggestions received.
    pub(crate) fn received(&self) -> u32 {
        self.by_status.iter().sum()
    }
    /// 已办结
    pub(crate) fn done(&self) -> u32 {
        self.by_status[index(Status::ALL, &Status::Done)]
    }
    pub(crate) fn rated(&self) -> u32 {
        self.ratings.iter().sum()
    }
    /// 满意 + 基本满意
    pub(crate) fn satisfied(&self) -> u32 {
        self.ratings[0] + self.ratings[1]
    }
    /// 办结率 = 已办结 ÷ received.
    pub(crate) fn done_rate(&self) -> Option<Rate> {
        Rate::of(self.done().into(), self.received().into())
    }
    /// 满意率 = (满意 + 基本满意) ÷ rated.
    pub(crate) fn satisfaction(&self) -> Option<Rate> {
        Rate::of(self.satisfied().into(), self.rated().into())
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.activity_count() == 0 && self.received() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_round_half_up_and_nothing_is_no_rate() {
        assert_eq!(Rate::of(257, 279).unwrap().label(), "92.1%");
        assert_eq!(Rate::of(1, 8).unwrap().label(), "12.5%");
        assert_eq!(Rate::of(2, 3).unwrap().label(), "66.7%");
        assert_eq!(Rate::of(3, 3).unwrap().label(), "100.0%");
        assert_eq!(Rate::of(0, 0), None);
    }

    #[test]
    fn merging_adds_every_count() {
        let mut a = Figures::default();
        a.activities[0] = 2;
        a.people = 30;
        a.by_status = [1, 0, 0, 3];
        a.ratings = [2, 1, 1];
        a.categories.insert("教育".into(), 4);
        let mut b = a.clone();
        b.merge(&a);
        assert_eq!((b.activity_count(), b.people, b.received(), b.done()), (4, 60, 8, 6));
        assert_eq!(b.satisfaction().unwrap().label(), "75.0%");
        assert_eq!(b.categories["教育"], 8);
    }
}
