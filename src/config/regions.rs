//! Regions: the `[[region]]` tables of a configuration, validated into [`Region`]s and the
//! graph their `after` lists make (docs/rules.md, rule 4), and the places each serves, each in
//! its own time zone (rule 13).

use std::collections::HashMap;
use std::fmt;

use chrono_tz::Tz;
use petgraph::graph::DiGraph;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
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
    places: Vec<Place>,
    timezone: Tz,
    after: Vec<RegionId>,
}

/// A place a region serves (a country or an area), in its own time zone: a `members` entry.
///
/// # Example
/// ```
/// let config = golive::Config::embedded()?;
/// let japan = config.locate("JP").and_then(|found| found.place).unwrap();
/// assert_eq!(japan.name(), "Japan");
/// assert_eq!(japan.timezone(), golive::chrono_tz::Asia::Tokyo);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    name: String,
    code: Option<String>,
    timezone: Tz,
    aliases: Vec<String>,
}

impl Place {
    /// The place's name, such as `United Kingdom`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its ISO 3166 alpha-2 code, such as `GB`, when it is a country or territory that has
    /// one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// Its time zone: the one its `members` table names, else its region's.
    pub fn timezone(&self) -> Tz {
        self.timezone
    }

    /// Other names it is known by, such as `UK` and `Great Britain`.
    pub fn aliases(&self) -> &[String] {
        &self.aliases
    }

    /// Every name that finds it: its name, its code and its aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        std::iter::once(self.name.as_str())
            .chain(self.code.as_deref())
            .chain(self.aliases.iter().map(String::as_str))
    }

    /// Whether `query` is one of its names (case-insensitive, spaces around ignored).
    fn matches(&self, query: &str) -> bool {
        self.names().any(|n| same_name(n, query))
    }
}

/// Whether two names are the same name: case-insensitive, spaces around ignored.
fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// What a region, a place or a code the user typed (`--where`) names: the region, and the
/// place of it when a place was named rather than the region itself.
#[derive(Debug, Clone, Copy)]
pub struct Located<'c> {
    /// The region.
    pub region: &'c Region,
    /// The place named, or `None` when the query named the region by its key or name.
    pub place: Option<&'c Place>,
}

impl Located<'_> {
    /// The place's name, or the region's.
    pub fn name(&self) -> &str {
        self.place.map_or(self.region.name(), Place::name)
    }

    /// The zone local times are shown in: the place's, or the region's representative zone.
    pub fn timezone(&self) -> Tz {
        self.place.map_or(self.region.timezone(), Place::timezone)
    }
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

    /// The names of the countries and areas the region serves, so that `--where Japan` finds
    /// it ([`Region::places`] gives their zones, codes and aliases).
    pub fn members(&self) -> &[String] {
        &self.members
    }

    /// The countries and areas the region serves, each with its zone, code and aliases.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// A representative time zone for showing local deploy times, and the zone of a member
    /// that names none.
    pub fn timezone(&self) -> Tz {
        self.timezone
    }

    /// The regions this one waits for (none for the first region).
    pub fn after(&self) -> &[RegionId] {
        &self.after
    }

    /// What `query` finds in this region: the region by key (rank 0) or name (rank 1), or a
    /// place by its name, code or an alias (rank 2), case-insensitive, spaces around ignored.
    pub(crate) fn locate(&self, query: &str) -> Option<(u8, Located<'_>)> {
        let region = |place| Located {
            region: self,
            place,
        };
        if same_name(&self.key, query) {
            Some((0, region(None)))
        } else if same_name(&self.name, query) {
            Some((1, region(None)))
        } else {
            let place = self.places.iter().find(|p| p.matches(query))?;
            Some((2, region(Some(place))))
        }
    }
}

/// A `members` entry as written: a place's name, or a table with its name, code, zone and
/// aliases.
pub(crate) enum RawMember {
    Name(String),
    Place(RawPlace),
}

/// `{ name = "Japan", code = "JP", timezone = "Asia/Tokyo", aliases = ["Nippon"] }`
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPlace {
    name: Spanned<String>,
    code: Option<Spanned<String>>,
    timezone: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
}

// By hand, since an untagged enum would lose the spans inside the table.
impl<'de> Deserialize<'de> for RawMember {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<RawMember, D::Error> {
        struct Member;
        impl<'de> Visitor<'de> for Member {
            type Value = RawMember;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a place's name, or a table with its name, code, timezone and aliases")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<RawMember, E> {
                Ok(RawMember::Name(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<RawMember, A::Error> {
                RawPlace::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawMember::Place)
            }
        }
        d.deserialize_any(Member)
    }
}

/// Validates one `members` entry of `region`: a name in the region's zone, or a table with
/// its own zone, code and aliases.
fn validate_place(member: &Spanned<RawMember>, region: &Region, layer: &Layer) -> Result<Place> {
    let src = &layer.source;
    let empty = |span| {
        src.error(
            span,
            format!("region \"{}\" has an empty member", short(&region.key)),
        )
    };
    let raw = match member.get_ref() {
        RawMember::Name(name) => {
            return match name.trim() {
                "" => Err(empty(member.span())),
                name => Ok(Place {
                    name: name.to_string(),
                    code: None,
                    timezone: region.timezone,
                    aliases: Vec::new(),
                }),
            };
        }
        RawMember::Place(raw) => raw,
    };
    let name = raw.name.get_ref().trim();
    if name.is_empty() {
        return Err(empty(raw.name.span()));
    }
    let code = match &raw.code {
        None => None,
        Some(c) => {
            let code = c.get_ref().trim();
            if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
                return Err(src.error(
                    c.span(),
                    format!(
                        "code = \"{}\" of \"{}\" is not an ISO 3166 alpha-2 code; expected two letters such as \"JP\"",
                        short(c.get_ref()),
                        short(name)
                    ),
                ));
            }
            Some(code.to_ascii_uppercase())
        }
    };
    let timezone = match &raw.timezone {
        Some(z) => parse_zone_at(z, layer, "timezone")?,
        None => region.timezone,
    };
    let mut aliases = Vec::with_capacity(raw.aliases.len());
    for a in &raw.aliases {
        match a.get_ref().trim() {
            "" => {
                return Err(src.error(a.span(), format!("\"{}\" has an empty alias", short(name))));
            }
            alias => aliases.push(alias.to_string()),
        }
    }
    Ok(Place {
        name: name.to_string(),
        code,
        timezone,
        aliases,
    })
}

/// A name that finds a place of a region, as written (trimmed) and folded.
struct OwnName {
    folded: String,
    name: String,
    span: std::ops::Range<usize>,
    /// The place's position in its region.
    index: usize,
}

/// A name folded for comparison: case-insensitive, spaces around ignored (what
/// [`same_name`] compares).
fn fold(name: &str) -> String {
    name.trim().to_lowercase()
}

/// For every folded name, the first two regions it finds (by key, name or a place's name),
/// lowest first: enough to tell the lowest region other than any one given that it finds.
fn name_owners<'n>(
    titles: &'n [[String; 2]],
    names: &'n [Vec<OwnName>],
) -> HashMap<&'n str, [Option<usize>; 2]> {
    let mut owners: HashMap<&str, [Option<usize>; 2]> = HashMap::new();
    for (j, (title, own)) in titles.iter().zip(names).enumerate() {
        let folded = title
            .iter()
            .map(String::as_str)
            .chain(own.iter().map(|n| n.folded.as_str()));
        for name in folded {
            match owners.entry(name).or_default() {
                slot @ [None, _] => slot[0] = Some(j),
                [Some(first), slot @ None] if *first != j => *slot = Some(j),
                _ => {}
            }
        }
    }
    owners
}

/// For every folded name of one region's places, the first place it finds and the first
/// place it finds in a zone other than that one's: enough to tell, for any place the name
/// finds, the first other place it finds in another zone.
fn place_twins<'n>(
    places: &[Place],
    own: &'n [OwnName],
) -> HashMap<&'n str, (usize, Option<usize>)> {
    let mut twins: HashMap<&str, (usize, Option<usize>)> = HashMap::new();
    for n in own {
        let (first, other_zone) = twins.entry(n.folded.as_str()).or_insert((n.index, None));
        if other_zone.is_none() && places[*first].timezone != places[n.index].timezone {
            *other_zone = Some(n.index);
        }
    }
    twins
}

/// A name that finds two things: `names[region][name]` and what else it finds.
#[derive(Debug, PartialEq, Eq)]
struct NameClash {
    region: usize,
    name: usize,
    with: Clash,
}

/// What else a clashing name finds.
#[derive(Debug, PartialEq, Eq)]
enum Clash {
    /// Another region (its key, its name or one of its places), the lowest such.
    Region(usize),
    /// Another place of its own region in another zone, the first such.
    Place(usize),
}

/// The first name, in the order written, that finds another region, or another place of its
/// own region in another zone; `names[i]` are region `i`'s place names. Linear in the number
/// of names: each is folded once and looked up in maps.
fn first_clash(regions: &[Region], names: &[Vec<OwnName>]) -> Option<NameClash> {
    let titles: Vec<[String; 2]> = regions
        .iter()
        .map(|r| [fold(&r.key), fold(&r.name)])
        .collect();
    let owners = name_owners(&titles, names);
    for (i, own) in names.iter().enumerate() {
        let places = &regions[i].places;
        let twins = place_twins(places, own);
        for (n, name) in own.iter().enumerate() {
            let clash = |with| NameClash {
                region: i,
                name: n,
                with,
            };
            let other = match owners.get(name.folded.as_str()) {
                Some(&[Some(first), _]) if first != i => Some(first),
                Some(&[_, second]) => second,
                None => None,
            };
            if let Some(o) = other {
                return Some(clash(Clash::Region(o)));
            }
            // Within a region, a name two places share is harmless while they share a zone
            // (`["Japan", "japan"]` was always accepted); in two zones `--where` would guess.
            let zone = places[name.index].timezone;
            let twin = match twins.get(name.folded.as_str()) {
                Some(&(first, _)) if places[first].timezone != zone => Some(first),
                Some(&(_, other_zone)) => other_zone,
                None => None,
            };
            if let Some(k) = twin {
                return Some(clash(Clash::Place(k)));
            }
        }
    }
    None
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
            members: Vec::new(),
            places: Vec::new(),
            timezone,
            after: Vec::new(),
        });
    }
    // Every name that finds a place, with where it is written and folded once (as
    // `same_name` compares): `--where` must find one place for a name, so no name is used
    // twice, nor names another region.
    let mut names: Vec<Vec<OwnName>> = Vec::with_capacity(raw.len());
    for (i, r) in raw.iter().enumerate() {
        let mut own = Vec::new();
        for m in &r.members {
            let place = validate_place(m, &regions[i], layer)?;
            let index = regions[i].places.len();
            let mut push = |name: &str, span| {
                own.push(OwnName {
                    folded: fold(name),
                    name: name.to_string(),
                    span,
                    index,
                })
            };
            match m.get_ref() {
                RawMember::Name(_) => push(&place.name, m.span()),
                RawMember::Place(p) => {
                    push(&place.name, p.name.span());
                    if let (Some(code), Some(c)) = (&place.code, &p.code) {
                        push(code, c.span());
                    }
                    for a in &p.aliases {
                        push(a.get_ref().trim(), a.span());
                    }
                }
            }
            regions[i].members.push(place.name.clone());
            regions[i].places.push(place);
        }
        names.push(own);
    }
    if let Some(clash) = first_clash(&regions, &names) {
        let i = clash.region;
        let OwnName {
            name, span, index, ..
        } = &names[i][clash.name];
        return Err(match clash.with {
            Clash::Region(o) => src.error(
                span.clone(),
                format!(
                    "\"{}\" is listed for region \"{}\" but also names region \"{}\"; a place may belong to one region only",
                    short(name),
                    short(&regions[i].key),
                    short(&regions[o].key)
                ),
            ),
            Clash::Place(k) => {
                let places = &regions[i].places;
                let (first, second) = match k < *index {
                    true => (&places[k], &places[*index]),
                    false => (&places[*index], &places[k]),
                };
                src.error(
                    span.clone(),
                    format!(
                        "\"{}\" names two places of region \"{}\" in different zones, \"{}\" ({}) and \"{}\" ({}); a name may find one place only",
                        short(name),
                        short(&regions[i].key),
                        short(&first.name),
                        first.timezone.name(),
                        short(&second.name),
                        second.timezone.name(),
                    ),
                )
            }
        });
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule as first written: every name compared with every other name.
    fn first_clash_pairwise(regions: &[Region], names: &[Vec<OwnName>]) -> Option<NameClash> {
        for (i, own) in names.iter().enumerate() {
            for (n, OwnName { name, index, .. }) in own.iter().enumerate() {
                let clash = |with| NameClash {
                    region: i,
                    name: n,
                    with,
                };
                let other = regions.iter().position(|o| {
                    o.id.index() != i
                        && (same_name(&o.key, name)
                            || same_name(&o.name, name)
                            || o.places.iter().any(|p| p.matches(name)))
                });
                if let Some(o) = other {
                    return Some(clash(Clash::Region(o)));
                }
                let places = &regions[i].places;
                let own = &places[*index];
                let twin = places.iter().enumerate().position(|(k, p)| {
                    k != *index && p.timezone != own.timezone && p.matches(name)
                });
                if let Some(k) = twin {
                    return Some(clash(Clash::Place(k)));
                }
            }
        }
        None
    }

    /// Regions whose keys, names, place names, codes and aliases are drawn from a few
    /// spellings of a few names, with the names that find each place as validation lists them.
    fn random_regions(seed: &mut u64) -> (Vec<Region>, Vec<Vec<OwnName>>) {
        const WORDS: [&str; 8] = [
            "Japan", "japan", " JAPAN ", "UK", "uk", "Ärger", "äRGER", "b",
        ];
        const ZONES: [Tz; 3] = [Tz::Asia__Tokyo, Tz::Europe__London, Tz::UTC];
        let mut next = |n: usize| {
            *seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (*seed >> 33) as usize % n
        };
        let mut regions = Vec::new();
        let mut names = Vec::new();
        for r in 0..1 + next(3) {
            let mut places = Vec::new();
            let mut own = Vec::new();
            for index in 0..next(4) {
                let place = Place {
                    name: WORDS[next(WORDS.len())].trim().to_string(),
                    code: (next(3) == 0).then(|| WORDS[next(WORDS.len())].trim().to_string()),
                    timezone: ZONES[next(ZONES.len())],
                    aliases: (0..next(3))
                        .map(|_| WORDS[next(WORDS.len())].trim().to_string())
                        .collect(),
                };
                for name in place.names() {
                    own.push(OwnName {
                        folded: fold(name),
                        name: name.to_string(),
                        span: 0..0,
                        index,
                    });
                }
                places.push(place);
            }
            let key = match next(4) {
                0 => WORDS[next(WORDS.len())].trim().to_string(),
                _ => format!("r{r}"),
            };
            regions.push(Region {
                id: RegionId(r as u8),
                name: match next(4) {
                    0 => WORDS[next(WORDS.len())].trim().to_string(),
                    _ => key.clone(),
                },
                key,
                members: places.iter().map(|p| p.name.clone()).collect(),
                places,
                timezone: Tz::UTC,
                after: Vec::new(),
            });
            names.push(own);
        }
        (regions, names)
    }

    #[test]
    fn first_clash_finds_what_comparing_every_pair_finds() {
        let mut seed = 18;
        let (mut clashes, mut twins) = (0, 0);
        for _ in 0..20_000 {
            let (regions, names) = random_regions(&mut seed);
            let found = first_clash(&regions, &names);
            assert_eq!(found, first_clash_pairwise(&regions, &names));
            match found.map(|c| c.with) {
                Some(Clash::Region(_)) => clashes += 1,
                Some(Clash::Place(_)) => twins += 1,
                None => {}
            }
        }
        // Each outcome is common enough to be compared many times.
        assert!(clashes > 1000 && twins > 1000, "{clashes} {twins}");
    }
}
