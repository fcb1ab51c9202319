//! Batch files: a release manager's list of connectors, in TOML or CSV, read into a
//! validated [`Batch`] whose every error points at the file, line and column.
//!
//! Validation happens here, where the text is still at hand: duplicate names, `after` names
//! that are not in the batch, and dependency cycles are errors at the offending place. The
//! planner then works on resolved indices only. Each format has its reader: `read_toml` and `read_csv`.

mod read_csv;
mod read_toml;

use std::ops::Range;
use std::sync::Arc;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use chrono_tz::Tz;
use compact_str::CompactString;
use hashbrown::hash_table::{Entry, HashTable};
use petgraph::graph::{DiGraph, NodeIndex};

use crate::error::{Error, Result, short};
use crate::source::{Source, toml_value};
use crate::time::parse_typed;

pub(crate) use read_csv::{CsvBatch, CsvRow};

/// One connector in a batch.
///
/// # Example
/// ```
/// use golive::Connector;
/// let config = golive::Config::embedded()?;
/// let c = Connector::new("Fabrikam", config.parse_ready("2026-11-23")?)
///     .with_after(["Contoso"])
///     .with_priority(5);
/// assert_eq!(c.after(), ["Contoso"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connector {
    /// Inline up to 24 bytes: a big batch's names need no allocation each.
    pub(crate) name: CompactString,
    pub(crate) ready: DateTime<FixedOffset>,
    pub(crate) after: Box<[String]>,
    pub(crate) priority: i64,
    pub(crate) not_before: Option<NaiveDate>,
    /// The 1-based line it was read from (0 for connectors built in code).
    pub(crate) line: u32,
}

impl Connector {
    /// A connector named `name`, ready at `ready`, with no dependency, priority 0 and no
    /// `not_before` day.
    pub fn new(name: impl Into<String>, ready: DateTime<FixedOffset>) -> Connector {
        Connector {
            name: CompactString::from(name.into()),
            ready,
            after: Box::default(),
            priority: 0,
            not_before: None,
            line: 0,
        }
    }

    /// This connector waiting for `names` to be live in every region before its train starts.
    pub fn with_after<I, S>(mut self, names: I) -> Connector
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.after = names.into_iter().map(Into::into).collect();
        self
    }

    /// This connector with priority `priority` (higher boards a full train first).
    pub fn with_priority(mut self, priority: i64) -> Connector {
        self.priority = priority;
        self
    }

    /// This connector riding no train that starts before `day`.
    pub fn with_not_before(mut self, day: NaiveDate) -> Connector {
        self.not_before = Some(day);
        self
    }

    /// Its name, unique within the batch.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// When its publisher says it is ready.
    pub fn ready(&self) -> DateTime<FixedOffset> {
        self.ready
    }

    /// The connectors that must be live in every region before this one's train starts.
    pub fn after(&self) -> &[String] {
        &self.after
    }

    /// Its priority: higher rides first when a train is full; default 0.
    pub fn priority(&self) -> i64 {
        self.priority
    }

    /// The day before which it may not ride a train, if any.
    pub fn not_before(&self) -> Option<NaiveDate> {
        self.not_before
    }

    /// The 1-based line of the file it was read from (`None` for one built in code).
    pub fn line(&self) -> Option<usize> {
        (self.line > 0).then_some(self.line as usize)
    }
}

/// A connector of one [`Batch`]: its position in the batch. A lookup with an identifier of
/// another batch answers `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ConnectorId(pub(crate) u32);

impl ConnectorId {
    /// Its position in [`Batch::connectors`].
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The connector at position `index` of a batch (which [`Batch::get`] checks).
    pub fn from_index(index: usize) -> ConnectorId {
        ConnectorId(u32::try_from(index).unwrap_or(u32::MAX))
    }
}

/// A validated list of connectors: names unique, every `after` name in the batch, no cycle.
#[derive(Debug, Clone)]
pub struct Batch {
    file: Arc<str>,
    connectors: Vec<Connector>,
    /// `after` resolved to indices, in compressed rows: connector `i`'s dependencies are
    /// `dep_list[dep_start[i]..dep_start[i + 1]]`. Both are empty when no connector has any.
    dep_start: Vec<u32>,
    dep_list: Vec<u32>,
}

/// The part of a connector an error points at.
#[derive(Debug, Clone, Copy)]
enum Field {
    Name,
    /// The `after` entry with this index.
    After(usize),
}

/// What is wrong with a list of connectors as a whole.
enum Problem {
    Empty,
    Duplicate { first: usize, again: usize },
    Unknown { connector: usize, entry: usize },
    Cycle(Vec<usize>),
}

impl Batch {
    /// Reads a batch file, picking the format by the file name's extension: `.toml` or
    /// `.csv`. Local times and dates in it are read in `zone` (the schedule zone).
    ///
    /// # Example
    /// ```
    /// let config = golive::Config::embedded()?;
    /// let text = "name,ready,after\nContoso,2026-11-23T10:00-08:00,\nFabrikam,2026-11-23,Contoso\n";
    /// let batch = golive::Batch::parse(&golive::Source::new("week48.csv", text), config.timezone())?;
    /// assert_eq!(batch.connectors()[1].after(), ["Contoso"]);
    /// assert_eq!(batch.connectors()[1].ready().to_rfc3339(), "2026-11-23T00:00:00-08:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(source: &Source, zone: Tz) -> Result<Batch> {
        let lower = source.name.to_ascii_lowercase();
        if lower.ends_with(".toml") {
            Batch::parse_toml(source, zone)
        } else if lower.ends_with(".csv") {
            Batch::parse_csv(source, zone)
        } else {
            Err(Error::argument(
                "batch file",
                source.name.to_string(),
                "the name must end in .toml or .csv, which says how to read it",
            ))
        }
    }

    /// A batch of connectors built in code, named "batch" in messages. Errors name the
    /// connector.
    ///
    /// # Example
    /// ```
    /// use golive::{Batch, Connector};
    /// let ready = golive::Config::embedded()?.parse_ready("2026-11-23T10:00")?;
    /// let err = Batch::from_connectors(vec![
    ///     Connector::new("A", ready).with_after(["B"]),
    ///     Connector::new("B", ready).with_after(["A"]),
    /// ])
    /// .unwrap_err();
    /// assert!(err.to_string().contains("A -> B -> A"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_connectors(connectors: Vec<Connector>) -> Result<Batch> {
        Batch::new("batch", connectors)
    }

    /// A batch built in code, named `file` in messages. Errors name the connector and its
    /// line, when it has one.
    pub fn new(file: impl Into<Arc<str>>, connectors: Vec<Connector>) -> Result<Batch> {
        let file = file.into();
        let name = file.clone();
        Batch::resolve(file, connectors, move |c, problem| {
            let argument = |i: usize| match c[i].line {
                0 => format!("connector \"{}\"", short(&c[i].name)),
                n => format!("connector \"{}\" (line {n})", short(&c[i].name)),
            };
            match problem {
                Problem::Empty => Error::argument("batch", name.to_string(), "has no connectors"),
                Problem::Duplicate { first, again } => Error::argument(
                    argument(again),
                    c[again].name.clone(),
                    format!("the name is already used on line {}", c[first].line),
                ),
                Problem::Unknown { connector, entry } => Error::argument(
                    argument(connector),
                    c[connector].after[entry].clone(),
                    "an `after` entry names a connector that is not in the batch",
                ),
                Problem::Cycle(cycle) => Error::argument(
                    argument(cycle[0]),
                    c[cycle[0]].name.clone(),
                    cycle_message(&cycle, |i| short(&c[i].name), |i| c[i].line as usize),
                ),
            }
        })
    }

    /// Checks names and dependencies, turning each problem into an error with `error`.
    fn resolve(
        file: Arc<str>,
        mut connectors: Vec<Connector>,
        error: impl FnOnce(&[Connector], Problem) -> Error,
    ) -> Result<Batch> {
        if connectors.is_empty() {
            return Err(error(&connectors, Problem::Empty));
        }
        for c in &mut connectors {
            let trimmed = c.name.trim();
            if trimmed.len() != c.name.len() {
                c.name = trimmed.into();
            }
        }
        // The name index: positions, found by the names' FNV-1a hashes (4 bytes a
        // connector, where a map of names would hold 24 and a SipHash each).
        let hash = |name: &str| crate::hash::fnv1a_64(name.as_bytes());
        let mut index = HashTable::<u32>::with_capacity(connectors.len());
        for (i, c) in connectors.iter().enumerate() {
            let h = hash(&c.name);
            match index.entry(
                h,
                |&j| connectors[j as usize].name == c.name,
                |&j| hash(&connectors[j as usize].name),
            ) {
                Entry::Occupied(first) => {
                    let first = *first.get() as usize;
                    return Err(error(&connectors, Problem::Duplicate { first, again: i }));
                }
                Entry::Vacant(slot) => {
                    slot.insert(i as u32);
                }
            }
        }
        let find = |name: &str| {
            index
                .find(hash(name), |&j| connectors[j as usize].name == name)
                .copied()
        };
        let (mut dep_start, mut dep_list) = (Vec::new(), Vec::new());
        if connectors.iter().any(|c| !c.after.is_empty()) {
            dep_start.reserve(connectors.len() + 1);
            dep_start.push(0);
            for (i, c) in connectors.iter().enumerate() {
                for (k, name) in c.after.iter().enumerate() {
                    match find(name.trim()) {
                        Some(d) => dep_list.push(d),
                        None => {
                            return Err(error(
                                &connectors,
                                Problem::Unknown {
                                    connector: i,
                                    entry: k,
                                },
                            ));
                        }
                    }
                }
                dep_start.push(dep_list.len() as u32);
            }
        }
        drop(index);
        // A batch read row by row grew by doubling: give back what it did not fill.
        connectors.shrink_to_fit();
        let batch = Batch {
            file,
            connectors,
            dep_start,
            dep_list,
        };
        if !batch.dep_list.is_empty() {
            // Only connectors with an edge can be on a cycle: the graph holds those alone,
            // in the batch's order, so that the cycle found is the one the whole batch's
            // graph would give.
            let mut involved: Vec<u32> = (0..batch.len() as u32)
                .filter(|&i| !batch.deps(i as usize).is_empty())
                .chain(batch.dep_list.iter().copied())
                .collect();
            involved.sort_unstable();
            involved.dedup();
            let node = |i: u32| NodeIndex::new(involved.partition_point(|&j| j < i));
            let mut graph = DiGraph::<(), ()>::with_capacity(involved.len(), batch.dep_list.len());
            for _ in 0..involved.len() {
                graph.add_node(());
            }
            for &i in &involved {
                for &d in batch.deps(i as usize) {
                    graph.add_edge(node(d), node(i), ());
                }
            }
            if let Err(cycle) = crate::graph::toposort(&graph) {
                return Err(error(
                    &batch.connectors,
                    Problem::Cycle(
                        cycle
                            .into_iter()
                            .map(|n| involved[n.index()] as usize)
                            .collect(),
                    ),
                ));
            }
        }
        Ok(batch)
    }

    /// The file the batch was read from, as named in errors.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The connectors, in the order of the file.
    pub fn connectors(&self) -> &[Connector] {
        &self.connectors
    }

    /// How many connectors the batch holds (never zero).
    pub fn len(&self) -> usize {
        self.connectors.len()
    }

    /// Always false: a batch holds at least one connector.
    pub fn is_empty(&self) -> bool {
        self.connectors.is_empty()
    }

    /// Whether any connector has an `after` list.
    pub fn has_dependencies(&self) -> bool {
        !self.dep_list.is_empty()
    }

    /// The positions of the connectors that connector `i` must wait for.
    pub(crate) fn deps(&self, i: usize) -> &[u32] {
        match (self.dep_start.get(i), self.dep_start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.dep_list[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The connectors that `id` must wait for.
    pub fn dependencies(&self, id: ConnectorId) -> impl Iterator<Item = ConnectorId> + '_ {
        self.deps(id.index()).iter().map(|&d| ConnectorId(d))
    }

    /// The connector `id` names, if it is one of this batch's.
    pub fn get(&self, id: ConnectorId) -> Option<&Connector> {
        self.connectors.get(id.index())
    }

    /// The connector named `name` (exactly, after trimming spaces).
    pub fn find(&self, name: &str) -> Option<ConnectorId> {
        let name = name.trim();
        self.connectors
            .iter()
            .position(|c| c.name == name)
            .map(|i| ConnectorId(i as u32))
    }

    /// Every connector with its identifier, in the order of the file.
    pub fn iter(&self) -> impl Iterator<Item = (ConnectorId, &Connector)> + '_ {
        self.connectors
            .iter()
            .enumerate()
            .map(|(i, c)| (ConnectorId(i as u32), c))
    }

    /// `file:line` of connector `i`, for messages.
    pub(crate) fn place(&self, i: usize) -> String {
        format!("{}:{}", self.file, self.connectors[i].line)
    }
}

/// A 1-based line number as a connector keeps it (the last one it can hold, for a file of
/// more than four billion lines).
fn line_number(line: usize) -> u32 {
    u32::try_from(line).unwrap_or(u32::MAX)
}

/// Reads a readiness value: RFC 3339, a local date-time or a date, local ones in `zone`.
fn read_ready(text: &str, zone: Tz) -> Result<DateTime<FixedOffset>> {
    match crate::time::parse_rfc3339_fast(text) {
        Some(t) => Ok(t),
        None => Ok(parse_typed(text, "ready")?.in_zone(zone)),
    }
}

/// The message for a `ready` value that does not parse; `error` says what the time parser
/// found wrong, when it got as far as reading text.
fn ready_message(name: &str, value: &toml::Value, error: &Error) -> String {
    let (name, value) = (short(name), toml_value(value));
    match error.argument_message() {
        Some(message) => {
            format!("connector \"{name}\": ready = {value} is not a date or date-time: {message}")
        }
        None => format!(
            "connector \"{name}\": ready = {value} is not a date or date-time; expected e.g. \
             2026-11-23T10:00:00-08:00, 2026-11-23T10:00 (in the schedule zone) or 2026-11-23"
        ),
    }
}

fn not_before_message(name: &str, value: &toml::Value) -> String {
    let (name, value) = (short(name), toml_value(value));
    format!("connector \"{name}\": not_before = {value} is not a date; expected e.g. 2026-12-01")
}

fn check_ready_year(
    source: &Source,
    span: impl FnOnce() -> Range<usize>,
    name: &str,
    ready: DateTime<FixedOffset>,
    zone: Tz,
) -> Result<()> {
    // No zone is more than a day from UTC, so only the years at the ends need the zone.
    let year = ready.naive_utc().year();
    let (first, last) = crate::calendar::SUPPORTED_YEARS.into_inner();
    if first < year && year < last {
        return Ok(());
    }
    let day = ready.with_timezone(&zone).date_naive();
    crate::calendar::check_year(day, "ready").map_err(|e| match e.argument_message() {
        Some(message) => source.error(
            span(),
            format!(
                "connector \"{}\": ready {} {message}",
                short(name),
                ready.to_rfc3339()
            ),
        ),
        None => e,
    })
}

/// The error for `problem` in a parsed file; `at` gives the span of a connector's field.
fn locate(
    source: &Source,
    connectors: &[Connector],
    problem: Problem,
    at: impl Fn(usize, Field) -> Range<usize>,
    empty: &str,
) -> Error {
    let line = |i: usize| connectors[i].line as usize;
    let name = |i: usize| short(&connectors[i].name);
    match problem {
        Problem::Empty => source.error(
            0..0,
            format!("the batch holds no connectors ({empty}); add at least one"),
        ),
        Problem::Duplicate { first, again } => source.error(
            at(again, Field::Name),
            format!(
                "duplicate connector name \"{}\"; it is already used on line {}",
                name(again),
                line(first)
            ),
        ),
        Problem::Unknown { connector, entry } => {
            let missing = &connectors[connector].after[entry];
            let hint = connectors
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(missing.trim()))
                .map(|c| format!(" (did you mean \"{}\"?)", short(&c.name)))
                .unwrap_or_default();
            source.error(
                at(connector, Field::After(entry)),
                format!(
                    "connector \"{}\" is after \"{}\", which is not in this batch{hint}",
                    name(connector),
                    short(missing.trim())
                ),
            )
        }
        Problem::Cycle(cycle) => source.error(
            at(cycle[0], Field::After(0)),
            cycle_message(&cycle, name, line),
        ),
    }
}

fn cycle_message<N: std::fmt::Display>(
    cycle: &[usize],
    name: impl Fn(usize) -> N,
    line: impl Fn(usize) -> usize,
) -> String {
    let members: Vec<String> = cycle
        .iter()
        .map(|&i| match line(i) {
            0 => name(i).to_string(),
            n => format!("{} (line {n})", name(i)),
        })
        .collect();
    format!(
        "the dependencies form a cycle: {} -> {}; each must be live everywhere before the next starts, so none can ship",
        members.join(" -> "),
        name(cycle[0])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone() -> Tz {
        chrono_tz::America::Los_Angeles
    }

    fn csv(text: &str) -> Result<Batch> {
        Batch::parse(&Source::new("b.csv", text), zone())
    }

    fn toml(text: &str) -> Result<Batch> {
        Batch::parse(&Source::new("b.toml", text), zone())
    }

    /// A million connectors are held in 72 MB, their names of up to 24 bytes inside it.
    #[test]
    fn a_connector_is_small_and_a_short_name_needs_no_allocation() {
        assert!(std::mem::size_of::<Connector>() <= 72);
        let b = csv("name,ready\nconnector-0000001,2026-11-23\n").unwrap();
        assert!(!b.connectors()[0].name.is_heap_allocated());
    }

    /// The cycle found among the connectors with dependencies is the one the whole batch's
    /// graph gives: named from its first connector in the file, with their lines.
    #[test]
    fn a_cycle_is_found_among_the_connectors_that_have_dependencies() {
        let err = csv(
            "name,ready,after\nA,2026-11-23,\nB,2026-11-23,D\nC,2026-11-23,\n\
                       D,2026-11-23,B\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("b.csv:3:14:"), "{err}");
        assert!(err.contains("B (line 3) -> D (line 5) -> B;"), "{err}");
    }

    #[test]
    fn csv_columns_in_any_order_with_optional_ones() {
        let b = csv("priority, Ready ,name,after,not_before\n\
             2,2026-11-23T10:00-08:00,A,,\n\
             ,,,,\n\
             ,2026-11-24,\"B, Inc.\",A; C,2026-12-01\n\
             -1,2026-11-24T12:00Z,C,,\n")
        .unwrap();
        let c = b.connectors();
        assert_eq!(c.len(), 3);
        assert_eq!((c[0].priority, c[1].priority, c[2].priority), (2, 0, -1));
        assert_eq!(c[1].name, "B, Inc.");
        assert_eq!(c[1].after(), ["A", "C"]);
        assert_eq!(b.deps(1), [0, 2]);
        assert_eq!(c[1].line, 4);
        assert_eq!(c[1].not_before.unwrap().to_string(), "2026-12-01");
        assert_eq!(c[2].ready.to_rfc3339(), "2026-11-24T12:00:00+00:00");
    }

    #[test]
    fn toml_batches_take_datetimes_dates_and_strings() {
        let b = toml(
            "[[connector]]\nname = \"A\"\nready = 2026-11-23T10:00:00-08:00\n\n\
             [[connector]]\nname = \"B\"\nready = 2026-11-23T10:00:00\nafter = [\"A\"]\npriority = 3\nnot_before = 2026-12-01\n\n\
             [[connector]]\nname = \"C\"\nready = \"2026-11-23\"\nafter = \"B\"\n",
        )
        .unwrap();
        let c = b.connectors();
        assert_eq!(c[1].ready.to_rfc3339(), "2026-11-23T10:00:00-08:00");
        assert_eq!(c[2].ready.to_rfc3339(), "2026-11-23T00:00:00-08:00");
        assert_eq!((c[0].line, c[1].line, c[2].line), (2, 6, 13));
        assert_eq!(b.deps(2), [1]);
    }

    fn err(result: Result<Batch>) -> String {
        result.unwrap_err().to_string()
    }

    #[test]
    fn errors_name_file_line_column_and_value() {
        let e = err(csv("name,ready\nA,2026-11-23\nB,next tuesday\n"));
        assert!(
            e.starts_with("b.csv:3:3: connector \"B\": ready = \"next tuesday\""),
            "{e}"
        );
        let e = err(csv("name,ready\nA,2026-11-23\nA,2026-11-24\n"));
        assert!(
            e.starts_with(
                "b.csv:3:1: duplicate connector name \"A\"; it is already used on line 2"
            ),
            "{e}"
        );
        let e = err(csv("name,ready,after\nA,2026-11-23,Zed\n"));
        assert!(
            e.starts_with("b.csv:2:14: connector \"A\" is after \"Zed\""),
            "{e}"
        );
        let e = err(csv("name,when\nA,2026-11-23\n"));
        assert!(e.starts_with("b.csv:1:6: unknown column \"when\""), "{e}");
        let e = err(csv("ready\n2026-11-23\n"));
        assert!(e.starts_with("b.csv:1:1: missing column name"), "{e}");
        let e = err(csv("\nname,ready\n\n\nA,2026-11-23,extra\n"));
        assert!(
            e.starts_with("b.csv:5:1: this row has 3 fields but the header has 2"),
            "{e}"
        );
        let e = err(csv("name,ready,priority\nA,2026-11-23,high\n"));
        assert!(
            e.contains("b.csv:2:14: connector \"A\": priority \"high\""),
            "{e}"
        );
        let e = err(csv(""));
        assert!(
            e.contains("missing columns name and ready: the file has no header row"),
            "{e}"
        );
        let e = err(csv("name,ready\n"));
        assert!(e.contains("no connectors (a header but no rows)"), "{e}");
        // Regression: a name starting with '#' was read as a comment and dropped.
        let b = csv("name,ready\n#1 Reporting,2026-11-23\n").unwrap();
        assert_eq!(b.connectors()[0].name, "#1 Reporting");
        let e = err(toml(
            "[[connector]]\nname = \"A\"\nready = 2026-11-23\nafter = [\"B\", \"Q\"]\n[[connector]]\nname = \"B\"\nready = 2026-11-23\n",
        ));
        assert!(
            e.starts_with("b.toml:4:16: connector \"A\" is after \"Q\""),
            "{e}"
        );
        let e = err(toml("[[connector]]\nnam = \"A\"\n"));
        assert!(
            e.contains("unknown key `nam` (did you mean `name`?)"),
            "{e}"
        );
        let e = err(Batch::parse(&Source::new("b.txt", ""), zone()));
        assert!(e.contains("must end in .toml or .csv"), "{e}");
        let e = err(csv("name,ready\nA,1969-12-31\n"));
        assert!(
            e.contains("b.csv:2:3: connector \"A\": ready 1969-12-31T00:00:00-08:00 is outside"),
            "{e}"
        );
    }

    #[test]
    fn cycles_are_named_in_order_with_lines() {
        let e = err(csv(
            "name,ready,after\nA,2026-11-23,\nB,2026-11-23,D\nC,2026-11-23,B\nD,2026-11-23,C;A\n",
        ));
        assert!(
            e.starts_with("b.csv:3:14: the dependencies form a cycle: B (line 3) -> C (line 4) -> D (line 5) -> B"),
            "{e}"
        );
        let e = err(csv("name,ready,after\nA,2026-11-23,A\n"));
        assert!(e.contains("cycle: A (line 2) -> A"), "{e}");
    }
}
