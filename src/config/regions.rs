//! Regions: the `[[region]]` tables of a configuration, validated into [`Region`]s and the
//! graph their `after` lists make (docs/rules.md, rule 4).

use chrono_tz::Tz;
use petgraph::graph::DiGraph;
use toml::Spanned;

use super::Layer;
use super::raw::{RawRegion, parse_zone_at};
use crate::error::{Result, short};

/// The most regions a configuration may have (region scopes are kept as 64-bit masks).
pub const MAX_REGIONS: usize = 64;

/// A region of one [`crate::Config`]: its position in the configuration's list. Only a
/// configuration makes one, so within that configuration it always names a region; a lookup
/// with an identifier from another configuration answers `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegionId(pub(crate) u8);

impl RegionId {
    /// The region's position in [`crate::Config::regions`].
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The bit of this region in a 64-bit region mask.
    pub(crate) fn bit(self) -> u64 {
        1u64 << (self.0 % 64)
    }
}

/// One region of the rollout.
#[derive(Debug, Clone)]
pub struct Region {
    id: RegionId,
    key: String,
    name: String,
    members: Vec<String>,
    timezone: Tz,
    after: Vec<RegionId>,
}

impl Region {
    /// The region's identifier in its configuration.
    pub fn id(&self) -> RegionId {
        self.id
    }

    /// Short identifier, such as `europe`.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Display name, such as `Europe (except UK)`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Countries and areas the region serves, so that `--where Japan` finds it.
    pub fn members(&self) -> &[String] {
        &self.members
    }

    /// A representative time zone for showing local deploy times.
    pub fn timezone(&self) -> Tz {
        self.timezone
    }

    /// The regions this one waits for (none for the first region).
    pub fn after(&self) -> &[RegionId] {
        &self.after
    }

    /// Whether `query` names this region by key, by name or by a member (case-insensitive,
    /// spaces around ignored), and which of the three it matched: 0 key, 1 name, 2 member.
    pub(crate) fn matches(&self, query: &str) -> Option<u8> {
        let q = query.trim();
        let eq = |s: &str| s.trim().eq_ignore_ascii_case(q);
        if eq(&self.key) {
            Some(0)
        } else if eq(&self.name) {
            Some(1)
        } else if self.members.iter().any(|m| eq(m)) {
            Some(2)
        } else {
            None
        }
    }
}

/// Validates the `[[region]]` tables: keys, names, members (each place in one region only),
/// zones, and the graph their `after` lists make (one region first, no cycle). Returns the
/// regions and an order in which every region comes after its predecessors.
pub(super) fn validate_regions(
    raw: Spanned<Vec<RawRegion>>,
    layer: &Layer,
    schedule_zone: Tz,
) -> Result<(Vec<Region>, Vec<RegionId>)> {
    let src = &layer.source;
    let span = raw.span();
    let raw = raw.into_inner();
    if raw.is_empty() {
        return Err(src.error(span, "at least one [[region]] is needed"));
    }
    if raw.len() > MAX_REGIONS {
        return Err(src.error(
            span,
            format!(
                "{} regions is too many; at most {MAX_REGIONS} are supported",
                raw.len()
            ),
        ));
    }
    let mut regions: Vec<Region> = Vec::with_capacity(raw.len());
    for r in &raw {
        let key = r.key.get_ref().trim();
        let valid_key = !key.is_empty()
            && key.len() <= 64
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid_key {
            return Err(src.error(
                r.key.span(),
                format!(
                    "region key \"{}\" must be 1 to 64 letters, digits, '-' and '_'",
                    short(r.key.get_ref())
                ),
            ));
        }
        if regions.iter().any(|x| x.key == key) {
            return Err(src.error(
                r.key.span(),
                format!("region key \"{}\" is used twice", short(key)),
            ));
        }
        let timezone = match &r.timezone {
            Some(z) => parse_zone_at(z, layer, "timezone")?,
            None => schedule_zone,
        };
        regions.push(Region {
            id: RegionId(regions.len() as u8),
            key: key.to_string(),
            name: r
                .name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .unwrap_or(key)
                .to_string(),
            members: r
                .members
                .iter()
                .map(|m| m.get_ref().trim().to_string())
                .collect(),
            timezone,
            after: Vec::new(),
        });
    }
    // `--where` must find one region for a place: members are non-empty and no member names
    // another region (by key, name or member).
    for (i, r) in raw.iter().enumerate() {
        for m in &r.members {
            let place = m.get_ref().trim();
            if place.is_empty() {
                return Err(src.error(
                    m.span(),
                    format!("region \"{}\" has an empty member", short(&regions[i].key)),
                ));
            }
            let other = regions.iter().enumerate().find(|(j, o)| {
                *j != i
                    && (o.key.eq_ignore_ascii_case(place)
                        || o.name.eq_ignore_ascii_case(place)
                        || o.members.iter().any(|x| x.eq_ignore_ascii_case(place)))
            });
            if let Some((_, o)) = other {
                return Err(src.error(
                    m.span(),
                    format!(
                        "\"{}\" is listed for region \"{}\" but also names region \"{}\"; a place may belong to one region only",
                        short(place),
                        short(&regions[i].key),
                        short(&o.key)
                    ),
                ));
            }
        }
    }
    let keys: Vec<String> = regions.iter().map(|r| r.key.clone()).collect();
    for (i, r) in raw.iter().enumerate() {
        let after = match &r.after {
            // Without `after`, a region follows the one listed before it.
            None if i > 0 => vec![RegionId((i - 1) as u8)],
            None => Vec::new(),
            Some(list) => list
                .get_ref()
                .iter()
                .map(|k| {
                    let j = keys.iter().position(|x| x == k.get_ref()).ok_or_else(|| {
                        src.error(
                            k.span(),
                            format!(
                                "region \"{}\" is after \"{}\", which is not a region; regions are {}",
                                short(&keys[i]),
                                short(k.get_ref()),
                                keys.join(", ")
                            ),
                        )
                    })?;
                    if j == i {
                        return Err(src.error(
                            k.span(),
                            format!("region \"{}\" cannot come after itself", short(&keys[i])),
                        ));
                    }
                    Ok(RegionId(j as u8))
                })
                .collect::<Result<Vec<_>>>()?,
        };
        regions[i].after = after;
    }
    // Exactly one region without a predecessor.
    let roots: Vec<usize> = (0..regions.len())
        .filter(|&i| regions[i].after.is_empty())
        .collect();
    if roots.len() > 1 {
        let second = roots[1];
        return Err(src.error(
            raw[second].key.span(),
            format!(
                "regions \"{}\" and \"{}\" both have no predecessor; exactly one region may come first (give the other `after = [...]`)",
                short(&keys[roots[0]]),
                short(&keys[second])
            ),
        ));
    }
    let mut graph = DiGraph::<usize, ()>::new();
    let nodes: Vec<_> = (0..regions.len()).map(|i| graph.add_node(i)).collect();
    for (i, r) in regions.iter().enumerate() {
        for &p in &r.after {
            graph.add_edge(nodes[p.index()], nodes[i], ());
        }
    }
    let order = match crate::graph::toposort(&graph) {
        Ok(order) => order
            .into_iter()
            .map(|n| RegionId(graph[n] as u8))
            .collect(),
        Err(cycle) => {
            let names: Vec<&str> = cycle.iter().map(|&n| keys[graph[n]].as_str()).collect();
            let first = graph[cycle[0]];
            let at = raw[first]
                .after
                .as_ref()
                .map_or(raw[first].key.span(), |a| a.span());
            return Err(src.error(
                at,
                format!(
                    "the regions form a cycle: {} -> {}",
                    names.join(" -> "),
                    names[0]
                ),
            ));
        }
    };
    if roots.is_empty() {
        return Err(src.error(
            span,
            "every region has a predecessor; exactly one must come first",
        ));
    }
    Ok((regions, order))
}
