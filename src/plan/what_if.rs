//! What-if comparisons: the same batch planned under two configurations, and what moved.

use chrono::NaiveDate;

use super::Plan;
use crate::batch::ConnectorId;
use crate::config::{Config, RegionId};

/// One connector's date in one region, before and after a what-if.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The connector.
    pub connector: ConnectorId,
    /// The region, of the second configuration.
    pub region: RegionId,
    /// The date in the first plan.
    pub old: NaiveDate,
    /// The date in the second plan.
    pub new: NaiveDate,
}

impl Change {
    /// How many days the date moved: positive when it slipped.
    pub fn days(&self) -> i64 {
        (self.new - self.old).num_days()
    }
}

/// How many connectors moved one way, and by how many days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Movement {
    /// How many connectors.
    pub connectors: usize,
    /// The smallest move among them, in days (0 when none moved).
    pub min_days: i64,
    /// The largest move among them, in days (0 when none moved).
    pub max_days: i64,
}

/// What moves when the same batch is planned under a second configuration.
#[derive(Debug, Clone)]
pub struct WhatIf {
    /// How many connectors the batch holds.
    pub connectors: usize,
    /// Every connector and region whose date changed, by connector then region order.
    pub changes: Vec<Change>,
    /// Connectors with a region that went live later, by their largest slip.
    pub slipped: Movement,
    /// Connectors that moved only earlier, by their largest gain (in positive days).
    pub earlier: Movement,
    /// Keys of regions that exist under only one of the two configurations, and so were not
    /// compared.
    pub not_compared: Vec<String>,
    /// How many regions were compared (those in both configurations).
    pub compared: usize,
}

impl WhatIf {
    /// Compares two plans of the same batch. Regions are matched by key; a region that
    /// exists under only one configuration is not compared.
    ///
    /// # Example
    /// ```
    /// let config = golive::Config::embedded()?;
    /// let text = "name,ready\nContoso,2026-11-23\nFabrikam,2026-11-23\n";
    /// let batch = golive::Batch::parse(&golive::Source::new("b.csv", text), config.timezone())?;
    /// let before = golive::Plan::new(&config, &batch)?;
    /// let smaller = config.clone().with_max_per_train(std::num::NonZeroU32::new(1));
    /// let after = golive::Plan::new(&smaller, &batch)?;
    /// let what_if = golive::WhatIf::compare(&config, &before, &smaller, &after);
    /// assert_eq!((what_if.slipped.connectors, what_if.slipped.max_days), (1, 7));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn compare(old_config: &Config, old: &Plan, new_config: &Config, new: &Plan) -> WhatIf {
        let pairs: Vec<(usize, usize)> = new_config
            .regions()
            .iter()
            .enumerate()
            .filter_map(|(n, r)| {
                let o = old_config
                    .regions()
                    .iter()
                    .position(|x| x.key() == r.key())?;
                Some((o, n))
            })
            .collect();
        let mut changes = Vec::new();
        let (mut slips, mut gains) = (Vec::new(), Vec::new());
        let count = old.placements.len().min(new.placements.len());
        for c in 0..count {
            let (before, after) = (&old.train_at(c).dates, &new.train_at(c).dates);
            let mut most: Option<(i64, i64)> = None;
            for &(o, n) in &pairs {
                if before[o] != after[n] {
                    let change = Change {
                        connector: ConnectorId(c as u32),
                        region: RegionId(n as u8),
                        old: before[o],
                        new: after[n],
                    };
                    let d = change.days();
                    most = Some(most.map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))));
                    changes.push(change);
                }
            }
            match most {
                Some((_, hi)) if hi > 0 => slips.push(hi),
                Some((lo, _)) => gains.push(-lo),
                None => {}
            }
        }
        let movement = |v: &[i64]| Movement {
            connectors: v.len(),
            min_days: v.iter().copied().min().unwrap_or(0),
            max_days: v.iter().copied().max().unwrap_or(0),
        };
        let only_old = old_config
            .regions()
            .iter()
            .filter(|r| new_config.region_by_key(r.key()).is_none());
        let only_new = new_config
            .regions()
            .iter()
            .filter(|r| old_config.region_by_key(r.key()).is_none());
        WhatIf {
            not_compared: only_old
                .chain(only_new)
                .map(|r| r.key().to_string())
                .collect(),
            compared: pairs.len(),
            connectors: count,
            slipped: movement(&slips),
            earlier: movement(&gains),
            changes,
        }
    }
}
