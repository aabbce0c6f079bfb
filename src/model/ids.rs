//! Typed identities of the things in a [`super::Site`]: a station, a representative, a region,
//! a bulletin issue, a free page. Each is a position in the site's list of that kind, valid
//! for the one model that made it; across models (a rebuild) things are matched by their
//! stable keys (slug, code, year and number), never by these.

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub(crate) struct $name(u32);

        impl $name {
            pub(crate) fn new(i: usize) -> Self {
                $name(i as u32)
            }
            pub(crate) fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id!(
    /// A station of the site.
    StationId
);
id!(
    /// A representative of the site.
    RepId
);
id!(
    /// A region of regions.toml.
    RegionId
);
id!(
    /// A bulletin issue.
    IssueId
);
id!(
    /// A free page.
    PageId
);

/// The ids of a list of `n` things.
pub(crate) fn all<T>(n: usize, make: fn(usize) -> T) -> impl DoubleEndedIterator<Item = T> + ExactSizeIterator {
    (0..n).map(make)
}
