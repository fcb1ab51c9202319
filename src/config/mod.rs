//! The configuration: the embedded default (`config/default.toml`) with user files layered
//! over it, validated into [`Config`].
//!
//! Layering is by top-level key: a key a later layer names replaces the earlier value whole.
//! Every value keeps the file and span it came from until it is validated, so that every
//! error points at `file:line:column`. A [`Config`] is only made by validating text, and is
//! read through accessors: no caller can give it a value it would not have accepted.
//!
//! The work is split by concern: `raw` (reading and merging layers, scalar keys), `regions`
//! (the region graph), `freezes` (freeze windows), `seasons` (the announced freezes carried
//! to every year, for the seasonal-freeze warning), `stages` (certification stages) and
//! `show` (writing TOML back).

mod freezes;
mod raw;
mod regions;
mod seasons;
mod show;
mod stages;

use std::num::NonZeroU32;
use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;

use crate::error::Result;
use crate::holidays::{HolidayCalendar, HolidayDate};
use crate::source::Source;

pub use freezes::{Bound, Freeze};
pub use regions::{Located, MAX_REGIONS, Place, Region, RegionId};
pub use seasons::Season;
pub use stages::{
    Actor, MAX_STAGE_BUSINESS_DAYS, MAX_STAGE_WEEKS, PublisherKind, Round, Spread, Stage,
    StageUnit, UpdateKind,
};

/// The default configuration's text, embedded in the binary.
pub const DEFAULT_CONFIG: &str = include_str!("../../config/default.toml");

/// The largest configuration, calendar or .ics file golive reads.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// The validated configuration every computation runs on.
#[derive(Debug, Clone)]
pub struct Config {
    timezone: Tz,
    deploy_time: NaiveTime,
    start_weekday: Weekday,
    cutoff: Duration,
    blocked_start: BlockedStart,
    weekend: Vec<Weekday>,
    calendars: Vec<HolidayCalendar>,
    horizon_years: u32,
    max_per_train: Option<u32>,
    seasonal_warnings: bool,
    /// The announced freezes of the embedded default carried to every year.
    seasons: Vec<Season>,
    regions: Vec<Region>,
    freezes: Vec<Freeze>,
    /// Regions in an order where every region comes after its predecessors.
    order: Vec<RegionId>,
    /// Certification stages, in the order the configuration lists them.
    stages: Vec<Stage>,
}

/// What happens to a train whose nominal start day is not a deploy day for the first region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockedStart {
    /// The train leaves on the first deploy day after (the default).
    NextDeployDay,
    /// The train is cancelled; its passengers take the next train that is not.
    Skip,
}

/// One layer of configuration: a file's text and the folder relative calendar paths in it are
/// read from.
#[derive(Debug, Clone)]
pub struct Layer {
    /// The file's name and text.
    pub source: Source,
    /// The folder that relative paths in it are relative to.
    pub dir: Option<PathBuf>,
}

impl Layer {
    /// The embedded default configuration.
    pub fn embedded_default() -> Layer {
        Layer {
            source: Source::new("config/default.toml", DEFAULT_CONFIG),
            dir: None,
        }
    }

    /// A layer read from a file (at most [`MAX_FILE_BYTES`]); paths in it are relative to
    /// its folder.
    pub fn read(path: &Path) -> Result<Layer> {
        Ok(Layer {
            source: Source::read(path, MAX_FILE_BYTES)?,
            dir: path.parent().map(Path::to_path_buf),
        })
    }
}

/// Reads a file a configuration refers to (a calendar). [`Config::from_paths`] passes a reader
/// of the file system.
pub type ReadFile<'a> = &'a dyn Fn(&Path) -> std::io::Result<Vec<u8>>;

/// Reads a file from the file system, refusing one over [`MAX_FILE_BYTES`].
fn read_from_disk(path: &Path) -> std::io::Result<Vec<u8>> {
    crate::source::read_limited(path, MAX_FILE_BYTES)
}

impl Config {
    /// The embedded default configuration, validated.
    ///
    /// # Example
    /// ```
    /// let config = golive::Config::embedded()?;
    /// assert_eq!(config.regions().len(), 6);
    /// assert_eq!(config.regions()[0].key(), "testing");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn embedded() -> Result<Config> {
        Config::load(&[], &|p: &Path| {
            Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{} is not a built-in calendar", p.display()),
            ))
        })
    }

    /// The embedded default with the TOML `text` laid over it; `name` names it in errors.
    /// Calendar files it names by path are read from the file system, relative to the
    /// current directory.
    ///
    /// # Example
    /// ```
    /// let config = golive::Config::from_toml("mine.toml", "max_per_train = 4\n")?;
    /// assert_eq!(config.max_per_train(), Some(4));
    /// let err = golive::Config::from_toml("mine.toml", "cutoff_hours = \"24\"\n").unwrap_err();
    /// assert!(err.to_string().starts_with("mine.toml:1:16:"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_toml(name: &str, text: &str) -> Result<Config> {
        let layer = Layer {
            source: Source::new(name, text),
            dir: None,
        };
        Config::load(&[layer], &read_from_disk)
    }

    /// The embedded default with the files at `paths` laid over it in order. Calendar files a
    /// layer names by path are relative to that layer's folder.
    pub fn from_paths<P: AsRef<Path>>(paths: &[P]) -> Result<Config> {
        let layers = paths
            .iter()
            .map(|p| Layer::read(p.as_ref()))
            .collect::<Result<Vec<_>>>()?;
        Config::load(&layers, &read_from_disk)
    }

    /// The embedded default with `layers` laid over it in order, validated. Calendar files
    /// named by path are read with `read`.
    pub fn load(layers: &[Layer], read: ReadFile<'_>) -> Result<Config> {
        let default = Layer::embedded_default();
        let all: Vec<&Layer> = std::iter::once(&default).chain(layers).collect();
        raw::validate(raw::merge(&all)?, read)
    }

    /// This configuration with another capacity per train (`None` is unlimited), as
    /// `max_per_train` or `--capacity` would set it.
    pub fn with_max_per_train(mut self, capacity: Option<NonZeroU32>) -> Config {
        self.max_per_train = capacity.map(NonZeroU32::get);
        self
    }

    /// The schedule zone: weekends, holidays and day-based freezes are days of this zone.
    pub fn timezone(&self) -> Tz {
        self.timezone
    }

    /// The local time of every deployment step.
    pub fn deploy_time(&self) -> NaiveTime {
        self.deploy_time
    }

    /// The weekday of every nominal train start.
    pub fn start_weekday(&self) -> Weekday {
        self.start_weekday
    }

    /// How long before the nominal start a connector must be ready (elapsed time).
    pub fn cutoff(&self) -> Duration {
        self.cutoff
    }

    /// What happens to a train whose nominal start day is blocked.
    pub fn blocked_start(&self) -> BlockedStart {
        self.blocked_start
    }

    /// Days of the week on which nothing deploys.
    pub fn weekend(&self) -> &[Weekday] {
        &self.weekend
    }

    /// The holiday calendars in force.
    pub fn calendars(&self) -> &[HolidayCalendar] {
        &self.calendars
    }

    /// How far past readiness an answer is searched for, in calendar years.
    pub fn horizon_years(&self) -> u32 {
        self.horizon_years
    }

    /// How many connectors one train takes at most; `None` is unlimited.
    pub fn max_per_train(&self) -> Option<u32> {
        self.max_per_train
    }

    /// The regions, in the order the configuration lists them.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// The region `id` names, if it is one of this configuration's.
    pub fn region(&self, id: RegionId) -> Option<&Region> {
        self.regions.get(id.index())
    }

    /// The region with key `key` (exactly).
    pub fn region_by_key(&self, key: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.key() == key)
    }

    /// The freeze windows.
    pub fn freezes(&self) -> &[Freeze] {
        &self.freezes
    }

    /// Whether answers warn of seasonal freezes (`seasonal_warnings`).
    pub fn seasonal_warnings(&self) -> bool {
        self.seasonal_warnings
    }

    /// The seasons Microsoft has frozen deployments in before: the announced freezes of the
    /// embedded default, carried to every year (whatever `seasonal_warnings` says).
    pub fn seasons(&self) -> &[Season] {
        &self.seasons
    }

    /// This configuration with one more freeze: what the seasonal-freeze warning schedules
    /// with to see what a recurring freeze would do.
    pub(crate) fn with_freeze(&self, freeze: Freeze) -> Config {
        let mut c = self.clone();
        c.freezes.push(freeze);
        c
    }

    /// The certification stages (`[[stage]]`), in the order the configuration lists them.
    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }

    /// The journey of `publisher` for a new connector (`update` `None`) or an update: its
    /// stages in process order, each replaced by the stage of the same name given for that
    /// kind of update, if any. The last stage is the deployment.
    ///
    /// # Example
    /// ```
    /// use golive::PublisherKind;
    /// let config = golive::Config::embedded()?;
    /// let names: Vec<&str> = config
    ///     .journey(PublisherKind::Independent, None)
    ///     .iter()
    ///     .map(|s| s.name())
    ///     .collect();
    /// assert_eq!(names, ["pr-open", "approved", "ready"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn journey(&self, publisher: PublisherKind, update: Option<UpdateKind>) -> Vec<&Stage> {
        stages::journey(&self.stages, publisher, update)
    }

    /// Regions in rollout order: every region after all of its predecessors.
    pub fn rollout_order(&self) -> &[RegionId] {
        &self.order
    }

    /// The first region (the only one with no predecessor).
    pub fn first_region(&self) -> RegionId {
        self.order[0]
    }

    /// Finds a region by its key, its name or one of its places (case-insensitive). A key
    /// wins over a name, a name over a place.
    ///
    /// # Example
    /// ```
    /// let config = golive::Config::embedded()?;
    /// assert_eq!(config.find_region("Japan").map(|r| r.key()), Some("br-ca-jp-in"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn find_region(&self, query: &str) -> Option<&Region> {
        self.locate(query).map(|found| found.region)
    }

    /// Finds what `query` names (case-insensitive): a region by its key or name, or a place
    /// by its name, its ISO 3166 code or an alias, with the region that serves it. A key wins
    /// over a name, a name over a place.
    ///
    /// # Example
    /// ```
    /// let config = golive::Config::embedded()?;
    /// let uk = config.locate("Great Britain").unwrap();
    /// assert_eq!((uk.region.key(), uk.name()), ("au-uk-us", "United Kingdom"));
    /// assert_eq!(uk.timezone(), golive::chrono_tz::Europe::London);
    /// assert!(config.locate("europe").unwrap().place.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn locate(&self, query: &str) -> Option<Located<'_>> {
        self.regions
            .iter()
            .filter_map(|r| r.locate(query))
            .min_by_key(|&(rank, _)| rank)
            .map(|(_, found)| found)
    }

    /// The region keys and names and the place names, codes and aliases nearest to a
    /// mistyped `query`, nearest first (at most three): "did you mean" for `--where`.
    ///
    /// # Example
    /// ```
    /// let config = golive::Config::embedded()?;
    /// assert_eq!(config.nearest_places("Germny"), ["Germany"]);
    /// assert_eq!(config.nearest_places("Eurpoe"), ["europe"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn nearest_places(&self, query: &str) -> Vec<&str> {
        let names: Vec<&str> = self
            .regions
            .iter()
            .flat_map(|r| {
                [r.key(), r.name()]
                    .into_iter()
                    .chain(r.places().iter().flat_map(Place::names))
            })
            .collect();
        crate::suggest::nearest(query.trim(), &names, 3)
    }

    /// Every holiday of every calendar from `first` through `last`, with the name of the
    /// calendar it comes from, sorted by date, then calendar.
    pub fn holidays(&self, first: NaiveDate, last: NaiveDate) -> Vec<(String, HolidayDate)> {
        let mut days: Vec<_> = self
            .calendars
            .iter()
            .flat_map(|c| {
                c.dates(first, last)
                    .into_iter()
                    .map(|d| (c.name.clone(), d))
            })
            .collect();
        days.sort_by(|a, b| (a.1.date, &a.0).cmp(&(b.1.date, &b.0)));
        days
    }

    /// Reads a time the way people type it (see [`crate::TypedTime`]), a time without an
    /// offset in the schedule zone.
    ///
    /// # Example
    /// ```
    /// let config = golive::Config::embedded()?;
    /// let ready = config.parse_ready("2026-11-22T10:00")?;
    /// assert_eq!(ready.to_rfc3339(), "2026-11-22T10:00:00-08:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_ready(&self, text: &str) -> Result<chrono::DateTime<chrono::FixedOffset>> {
        crate::time::parse_instant(text, self.timezone, "ready")
    }

    /// Every region as an identifier, in the configuration's order.
    pub(crate) fn region_ids(&self) -> impl Iterator<Item = RegionId> + '_ {
        self.regions.iter().map(Region::id)
    }

    /// The key of a region of this configuration.
    pub(crate) fn key(&self, id: RegionId) -> &str {
        self.regions.get(id.index()).map_or("", Region::key)
    }

    /// A mask with the bit of every region set.
    pub(crate) fn all_regions(&self) -> u64 {
        self.region_ids().fold(0, |m, r| m | r.bit())
    }
}

/// The weekday names a configuration accepts.
pub(crate) const WEEKDAY_HELP: &str =
    "expected a weekday name: monday, tuesday, wednesday, thursday, friday, saturday or sunday";

/// Reads an English weekday name (`friday`, `Fri`), case-insensitively.
pub(crate) fn parse_weekday(text: &str) -> Option<Weekday> {
    text.trim().parse::<Weekday>().ok()
}

/// The lowercase English name of a weekday, as written in configuration files.
pub(crate) fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn load(user: &str) -> Result<Config> {
        let layer = Layer {
            source: Source::new("user.toml", user),
            dir: None,
        };
        Config::load(&[layer], &|p: &Path| std::fs::read(p))
    }

    fn err(user: &str) -> String {
        load(user).unwrap_err().to_string()
    }

    #[test]
    fn embedded_default_is_valid_and_complete() {
        let c = Config::embedded().unwrap();
        assert_eq!(c.timezone().name(), "America/Los_Angeles");
        assert_eq!(c.deploy_time(), NaiveTime::from_hms_opt(9, 0, 0).unwrap());
        assert_eq!(c.start_weekday(), Weekday::Fri);
        assert_eq!(c.cutoff(), Duration::hours(24));
        assert_eq!(c.blocked_start(), BlockedStart::NextDeployDay);
        assert_eq!(c.weekend(), [Weekday::Sat, Weekday::Sun]);
        assert_eq!(c.horizon_years(), 3);
        assert_eq!(c.max_per_train(), None);
        assert_eq!(c.regions().len(), 6);
        let order: Vec<usize> = c.rollout_order().iter().map(|r| r.index()).collect();
        assert_eq!(order, [0, 1, 2, 3, 4, 5]);
        let announced: Vec<&str> = c.freezes().iter().map(Freeze::name).collect();
        assert_eq!(
            announced,
            [
                "Thanksgiving 2021",
                "Holiday season 2024/25",
                "Lunar New Year 2025"
            ]
        );
        assert!(c.freezes().iter().all(|f| f.source().is_some()));
        assert!(c.seasonal_warnings());
        let found = |q: &str| c.find_region(q).map(|r| r.id().index());
        assert_eq!(found("japan"), Some(4));
        assert_eq!(found("UK"), Some(5));
        assert_eq!(found("europe"), Some(3));
    }

    #[test]
    fn members_are_places_in_their_own_zone_or_the_regions() {
        let c = load(
            "[[region]]\nkey = \"a\"\ntimezone = \"Europe/Paris\"\nmembers = [\"Plain\", { name = \"Japan\", code = \"jp\", timezone = \"asia/tokyo\", aliases = [\"Nippon\"] }]\n",
        )
        .unwrap();
        let zone = |q: &str| c.locate(q).map(|f| f.timezone().name());
        assert_eq!(zone("plain"), Some("Europe/Paris"));
        assert_eq!(zone("JP"), Some("Asia/Tokyo"));
        assert_eq!(zone("nippon"), Some("Asia/Tokyo"));
        assert_eq!(zone("a"), Some("Europe/Paris"));
        assert_eq!(c.regions()[0].members(), ["Plain", "Japan"]);
        assert_eq!(c.regions()[0].places()[1].code(), Some("JP"));
        assert!(c.locate("a").unwrap().place.is_none());
        let e = err(
            "[[region]]\nkey = \"a\"\nmembers = [{ name = \"X\", timezone = \"Mars/Base\" }]\n",
        );
        assert!(
            e.starts_with("user.toml:3:37: timezone = \"Mars/Base\""),
            "{e}"
        );
    }

    #[test]
    fn a_user_key_replaces_the_default_whole() {
        let c = load("weekend = [\"sunday\"]\n").unwrap();
        assert_eq!(c.weekend(), [Weekday::Sun]);
        assert_eq!(c.regions().len(), 6);
    }

    #[test]
    fn errors_name_file_line_column_and_value() {
        assert_eq!(
            err("timezone = \"Mars/Olympus\""),
            "user.toml:1:12: timezone = \"Mars/Olympus\" is not a known time zone; use an IANA name such as \"America/Los_Angeles\""
        );
        assert!(
            err("colour = 1").starts_with("user.toml:1:1: unknown key `colour`"),
            "{}",
            err("colour = 1")
        );
        assert!(err("max_per_train = -3").contains("max_per_train = -3"));
        assert!(err("deploy_time = \"25:00\"").starts_with("user.toml:1:15:"));
    }

    #[test]
    fn backwards_freeze_is_refused() {
        let e = err("[[freeze]]\nname = \"x\"\nfrom = 2026-12-20\nuntil = 2026-12-01\n");
        assert!(
            e.starts_with("user.toml:4:9: freeze \"x\" must end after it starts: from = 2026-12-20, until = 2026-12-01"),
            "{e}"
        );
    }

    #[test]
    fn region_cycle_names_its_members_in_order() {
        let e = err(
            "[[region]]\nkey = \"a\"\n[[region]]\nkey = \"b\"\nafter = [\"a\", \"c\"]\n[[region]]\nkey = \"c\"\nafter = [\"b\"]\n",
        );
        // The cycle starts at its region listed first, as the file reads.
        assert!(e.contains("the regions form a cycle: b -> c -> b"), "{e}");
    }

    #[test]
    fn yearly_freeze_windows() {
        let c = load(
            "[[freeze]]\nname = \"Year end\"\nfrom = 2025-12-15\nuntil = 2026-01-05\nevery = \"year\"\n",
        )
        .unwrap();
        let w = c.freezes()[0].windows(c.timezone(), 2030..=2030);
        assert!(w.iter().any(|(s, _)| s.year() == 2030 && s.month() == 12));
        assert!(w.iter().any(|(_, e)| e.year() == 2030 && e.month() == 1));
        assert!(c.freezes()[0].windows(c.timezone(), 2020..=2020).is_empty());
    }
}
