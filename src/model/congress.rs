//! The congress (人民代表大会) a representative of a level sits in, found on their region path
//! by the shape of GB/T 2260 codes: the province `430000`, the city `430900`, the county
//! `430922`, the township `430922104`.

use super::{RegionId, Site};
use crate::content::Level;

/// One congress: its region (none for the national one, or when the region path has no region
/// of that level) and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Congress {
    pub(crate) level: Level,
    pub(crate) region: Option<RegionId>,
    pub(crate) name: String,
}

/// Whether a region code is of the shape of a level's regions.
pub(crate) fn code_is(level: Level, c: &str) -> bool {
    match level {
        Level::National => false,
        Level::Provincial => c.len() == 6 && c.ends_with("0000"),
        Level::City => c.len() == 6 && c.ends_with("00") && !c.ends_with("0000"),
        Level::County => c.len() == 6 && !c.ends_with("00"),
        Level::Township => c.len() == 9,
    }
}

impl Site {
    /// The congress a representative of `level` whose region is `region` sits in:
    /// `全国人民代表大会`, or the region of that level on the region path + `人民代表大会`
    /// (`县级人民代表大会` when the path has none).
    pub(crate) fn congress(&self, level: Level, region: RegionId) -> Congress {
        if level == Level::National {
            return Congress {
                level,
                region: None,
                name: "全国人民代表大会".into(),
            };
        }
        let found = self
            .region_path(region)
            .into_iter()
            .find(|&r| code_is(level, &self.region(r).code));
        Congress {
            level,
            region: found,
            name: match found {
                Some(r) => format!("{}人民代表大会", self.region(r).name),
                None => level.label().replace("人大代表", "级人民代表大会"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn code_shapes() {
        assert!(code_is(Level::Provincial, "430000"));
        assert!(code_is(Level::City, "430900"));
        assert!(!code_is(Level::City, "430000"));
        assert!(code_is(Level::County, "430922"));
        assert!(code_is(Level::Township, "430922104"));
        assert!(!code_is(Level::Township, "430922104201"));
    }
}
