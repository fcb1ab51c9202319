//! Certification stages: the `[[stage]]` tables of a configuration, validated into [`Stage`]s.
//!
//! A stage is one step of the journey from registration (or the pull request) to going live,
//! for one publisher kind, with the earliest, typical and latest time it takes in business days
//! or calendar weeks, who acts in it, and the sentence the figure comes from. A publisher
//! kind's stages are its journey, in the order the file lists them; the last one is the
//! deployment, whose figures say how long after it begins the last region goes live. A stage
//! with `update = "minor"` or `"major"` replaces the stage of the same name for that kind of
//! update to a certified connector. `golive estimate` (`src/estimate/`) walks them.

use toml::Spanned;
use toml::Value;

use super::Layer;
use crate::error::{Result, short};
use crate::source::{Source, toml_value};

/// The longest duration a stage figure may give in calendar weeks (five years).
pub const MAX_STAGE_WEEKS: f64 = 260.0;

/// The longest duration a stage figure may give in business days (about five years).
pub const MAX_STAGE_BUSINESS_DAYS: f64 = 1300.0;

/// Who publishes a connector: the two certification processes Microsoft runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PublisherKind {
    /// A verified publisher: the company that owns the service (`certified-connectors/`).
    Verified,
    /// An independent publisher: someone who does not own the service
    /// (`independent-publisher-connectors/`).
    Independent,
}

impl PublisherKind {
    /// Both kinds, in the order golive lists them.
    pub const ALL: [PublisherKind; 2] = [PublisherKind::Verified, PublisherKind::Independent];

    /// `verified` or `independent`, as configuration files and JSON write it.
    pub fn name(self) -> &'static str {
        match self {
            PublisherKind::Verified => "verified",
            PublisherKind::Independent => "independent",
        }
    }

    /// "verified publishers", "independent publishers".
    pub fn plural(self) -> &'static str {
        match self {
            PublisherKind::Verified => "verified publishers",
            PublisherKind::Independent => "independent publishers",
        }
    }

    /// Reads `verified` or `independent` (case-insensitive).
    pub fn parse(text: &str) -> Option<PublisherKind> {
        PublisherKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(text.trim()))
    }
}

/// The size of an update to a connector that is already certified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UpdateKind {
    /// Only descriptions, summaries, contact, icon, colour, publisher, stack owner or readme.
    Minor,
    /// Anything else.
    Major,
}

impl UpdateKind {
    /// `minor` or `major`.
    pub fn name(self) -> &'static str {
        match self {
            UpdateKind::Minor => "minor",
            UpdateKind::Major => "major",
        }
    }

    fn parse(text: &str) -> Option<UpdateKind> {
        [UpdateKind::Minor, UpdateKind::Major]
            .into_iter()
            .find(|k| k.name() == text)
    }
}

/// Who acts during a stage: whose work or whose queue the time is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// Microsoft reviews, certifies or deploys.
    Microsoft,
    /// The publisher prepares, fixes or tests.
    Publisher,
}

impl Actor {
    /// `microsoft` or `publisher`.
    pub fn name(self) -> &'static str {
        match self {
            Actor::Microsoft => "microsoft",
            Actor::Publisher => "publisher",
        }
    }
}

/// The unit of a stage's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageUnit {
    /// Business days: deploy days of the first region (no weekend, holiday or freeze there).
    BusinessDays,
    /// Calendar weeks of seven days.
    Weeks,
}

impl StageUnit {
    /// `business-days` or `weeks`, as configuration files write it.
    pub fn name(self) -> &'static str {
        match self {
            StageUnit::BusinessDays => "business-days",
            StageUnit::Weeks => "weeks",
        }
    }

    /// "1 business day", "1.5 weeks".
    pub fn amount(self, value: f64) -> String {
        let (one, many) = match self {
            StageUnit::BusinessDays => ("business day", "business days"),
            StageUnit::Weeks => ("week", "weeks"),
        };
        format!("{value} {}", if value == 1.0 { one } else { many })
    }
}

/// The earliest, typical and latest of something: a stage's durations, or the dates they give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Spread<T> {
    /// The earliest: everything goes as fast as the documentation allows.
    pub earliest: T,
    /// The typical.
    pub typical: T,
    /// The latest the documentation allows.
    pub latest: T,
}

impl<T> Spread<T> {
    /// The same value three times.
    pub fn all(value: T) -> Spread<T>
    where
        T: Clone,
    {
        Spread {
            earliest: value.clone(),
            typical: value.clone(),
            latest: value,
        }
    }

    /// Each of the three through `f`.
    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Spread<U> {
        Spread {
            earliest: f(self.earliest),
            typical: f(self.typical),
            latest: f(self.latest),
        }
    }

    /// Each of the three through `f`, which may fail.
    pub fn try_map<U, E>(self, mut f: impl FnMut(T) -> Result<U, E>) -> Result<Spread<U>, E> {
        Ok(Spread {
            earliest: f(self.earliest)?,
            typical: f(self.typical)?,
            latest: f(self.latest)?,
        })
    }

    /// The three by reference.
    pub fn as_ref(&self) -> Spread<&T> {
        Spread {
            earliest: &self.earliest,
            typical: &self.typical,
            latest: &self.latest,
        }
    }

    /// Pairs each of the three with the same one of `other`.
    pub fn zip<U>(self, other: Spread<U>) -> Spread<(T, U)> {
        Spread {
            earliest: (self.earliest, other.earliest),
            typical: (self.typical, other.typical),
            latest: (self.latest, other.latest),
        }
    }

    /// The three with their names: `earliest`, `typical`, `latest`.
    pub fn named(self) -> [(&'static str, T); 3] {
        [
            ("earliest", self.earliest),
            ("typical", self.typical),
            ("latest", self.latest),
        ]
    }
}

/// What a stage's revision rounds add, each.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    /// The durations one round adds, in the stage's unit.
    pub durations: Spread<f64>,
    /// Where the figures come from.
    pub source: String,
}

/// One certification stage of one publisher kind (a `[[stage]]` table).
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    name: String,
    aliases: Vec<String>,
    publisher: PublisherKind,
    update: Option<UpdateKind>,
    who: Actor,
    unit: StageUnit,
    durations: Spread<f64>,
    round: Option<Round>,
    description: Option<String>,
    source: String,
}

impl Stage {
    /// The stage's name, in kebab case (`pr-open`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Other names `--stage` accepts for it.
    pub fn aliases(&self) -> &[String] {
        &self.aliases
    }

    /// The publisher kind whose journey it is part of.
    pub fn publisher(&self) -> PublisherKind {
        self.publisher
    }

    /// The kind of update it is for; `None` for a new connector (and for updates, unless a
    /// stage of the same name is given for them).
    pub fn update(&self) -> Option<UpdateKind> {
        self.update
    }

    /// Who acts.
    pub fn who(&self) -> Actor {
        self.who
    }

    /// The unit of its figures.
    pub fn unit(&self) -> StageUnit {
        self.unit
    }

    /// How long it takes without revision rounds: earliest, typical and latest, in
    /// [`Stage::unit`]s. Earliest is never above typical, nor typical above latest.
    pub fn durations(&self) -> Spread<f64> {
        self.durations
    }

    /// What each revision round adds, for a stage with review rounds.
    pub fn round(&self) -> Option<&Round> {
        self.round.as_ref()
    }

    /// What happens in it, in a few words.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// Where its figures come from, quoting them.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether `query` names this stage: its name or an alias, in any case, with spaces or
    /// underscores for hyphens.
    pub fn matches(&self, query: &str) -> bool {
        let q = stage_key(query);
        self.name == q || self.aliases.contains(&q)
    }
}

/// A stage name as it is compared: trimmed, lowercase, with spaces and underscores as hyphens.
fn stage_key(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '_' { '-' } else { c })
        .collect()
}

/// The journey of `publisher` for `update`: its stages in order, each replaced by the stage of
/// the same name for that update where one is given.
pub(super) fn journey(
    stages: &[Stage],
    publisher: PublisherKind,
    update: Option<UpdateKind>,
) -> Vec<&Stage> {
    stages
        .iter()
        .filter(|s| s.publisher == publisher && s.update.is_none())
        .map(|base| {
            update
                .and_then(|u| {
                    stages.iter().find(|s| {
                        s.publisher == publisher && s.update == Some(u) && s.name == base.name
                    })
                })
                .unwrap_or(base)
        })
        .collect()
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStage {
    name: Spanned<String>,
    publisher: Spanned<String>,
    who: Spanned<String>,
    unit: Spanned<String>,
    earliest: Spanned<Value>,
    typical: Spanned<Value>,
    latest: Spanned<Value>,
    source: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    update: Option<Spanned<String>>,
    description: Option<Spanned<String>>,
    round: Option<Spanned<RawRound>>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRound {
    earliest: Spanned<Value>,
    typical: Spanned<Value>,
    latest: Spanned<Value>,
    source: Spanned<String>,
}

/// Validates the `[[stage]]` tables of one layer.
pub(super) fn validate_stages(raw: Vec<Spanned<RawStage>>, layer: &Layer) -> Result<Vec<Stage>> {
    let src = &layer.source;
    let mut stages: Vec<Stage> = Vec::new();
    for table in raw {
        let raw = table.into_inner();
        let stage = validate_stage(&raw, src)?;
        let same_journey = |s: &&Stage| s.publisher == stage.publisher;
        if let Some(twin) = stages
            .iter()
            .filter(same_journey)
            .find(|s| s.update == stage.update && s.name == stage.name)
        {
            return Err(src.error(
                raw.name.span(),
                format!(
                    "stage \"{}\" is given twice for {}{}; each stage of a journey is given once",
                    short(&stage.name),
                    twin.publisher.plural(),
                    stage
                        .update
                        .map_or(String::new(), |u| format!(" ({} updates)", u.name()))
                ),
            ));
        }
        if let Some(update) = stage.update {
            if !stages
                .iter()
                .filter(same_journey)
                .any(|s| s.update.is_none() && s.name == stage.name)
            {
                return Err(src.error(
                    raw.name.span(),
                    format!(
                        "stage \"{}\" with update = \"{}\" replaces a stage of that name, but {} have none before it; list the stage for new connectors first",
                        short(&stage.name),
                        update.name(),
                        stage.publisher.plural()
                    ),
                ));
            }
            if let Some(alias) = raw.aliases.first() {
                return Err(src.error(
                    alias.span(),
                    format!(
                        "stage \"{}\" with update = \"{}\" takes the aliases of the stage it replaces; remove `aliases` here",
                        short(&stage.name),
                        update.name()
                    ),
                ));
            }
        } else {
            // A name or alias must find one stage of the journey, whichever way it is typed.
            let given = std::iter::once(&raw.name).chain(&raw.aliases);
            for (word, key) in given.map(|w| (w, stage_key(w.get_ref()))) {
                if let Some(other) = stages
                    .iter()
                    .filter(same_journey)
                    .find(|s| s.name != stage.name && (s.name == key || s.aliases.contains(&key)))
                {
                    return Err(src.error(
                        word.span(),
                        format!(
                            "\"{}\" already names stage \"{}\" of {}; a stage's name and aliases must be its own",
                            short(word.get_ref()),
                            short(&other.name),
                            stage.publisher.plural()
                        ),
                    ));
                }
            }
        }
        stages.push(stage);
    }
    Ok(stages)
}

fn validate_stage(raw: &RawStage, src: &Source) -> Result<Stage> {
    let name = raw.name.get_ref().trim().to_string();
    let kebab = |s: &str| {
        !s.is_empty()
            && s.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
    };
    if !kebab(&name) {
        return Err(src.error(
            raw.name.span(),
            format!(
                "stage name \"{}\" is not in kebab case; use lowercase letters, digits and single hyphens, such as \"pr-open\"",
                short(raw.name.get_ref())
            ),
        ));
    }
    let quoted = short(&name).to_string();
    let choice = |value: &Spanned<String>, key: &str, expected: &str| {
        src.error(
            value.span(),
            format!(
                "stage \"{quoted}\": {key} = \"{}\" is not {expected}",
                short(value.get_ref())
            ),
        )
    };
    let publisher = PublisherKind::parse(raw.publisher.get_ref())
        .filter(|k| k.name() == raw.publisher.get_ref())
        .ok_or_else(|| {
            choice(
                &raw.publisher,
                "publisher",
                "a publisher kind; expected \"verified\" or \"independent\"",
            )
        })?;
    let who = match raw.who.get_ref().as_str() {
        "microsoft" => Actor::Microsoft,
        "publisher" => Actor::Publisher,
        _ => {
            return Err(choice(
                &raw.who,
                "who",
                "who acts; expected \"microsoft\" or \"publisher\"",
            ));
        }
    };
    let unit = match raw.unit.get_ref().as_str() {
        "business-days" => StageUnit::BusinessDays,
        "weeks" => StageUnit::Weeks,
        _ => {
            return Err(choice(
                &raw.unit,
                "unit",
                "a unit; expected \"business-days\" (deploy days of the first region) or \"weeks\" (calendar weeks)",
            ));
        }
    };
    let update = raw
        .update
        .as_ref()
        .map(|u| {
            UpdateKind::parse(u.get_ref()).ok_or_else(|| {
                choice(
                    u,
                    "update",
                    "a kind of update; expected \"minor\" or \"major\" (leave it out for a new connector)",
                )
            })
        })
        .transpose()?;
    let aliases = raw
        .aliases
        .iter()
        .map(|a| {
            let key = stage_key(a.get_ref());
            match kebab(&key) {
                true => Ok(key),
                false => Err(src.error(
                    a.span(),
                    format!(
                        "stage \"{quoted}\": alias \"{}\" is not a stage name; use letters, digits and hyphens, such as \"pull-request\"",
                        short(a.get_ref())
                    ),
                )),
            }
        })
        .collect::<Result<Vec<_>>>()?;
    let text = |value: &Spanned<String>, key: &str| {
        let t = value.get_ref().trim();
        match t.is_empty() {
            true => Err(src.error(
                value.span(),
                format!("stage \"{quoted}\": {key} is empty; say where the figures come from"),
            )),
            false => Ok(t.to_string()),
        }
    };
    let durations = figures(
        [&raw.earliest, &raw.typical, &raw.latest],
        unit,
        &quoted,
        "",
        src,
    )?;
    let round = raw
        .round
        .as_ref()
        .map(|r| -> Result<Round> {
            let r = r.get_ref();
            Ok(Round {
                durations: figures(
                    [&r.earliest, &r.typical, &r.latest],
                    unit,
                    &quoted,
                    "round.",
                    src,
                )?,
                source: text(&r.source, "round.source")?,
            })
        })
        .transpose()?;
    let description = raw
        .description
        .as_ref()
        .map(|d| d.get_ref().trim().to_string())
        .filter(|d| !d.is_empty());
    Ok(Stage {
        name,
        aliases,
        publisher,
        update,
        who,
        unit,
        durations,
        round,
        description,
        source: text(&raw.source, "source")?,
    })
}

/// Reads earliest, typical and latest: numbers of `unit`s from 0 up to five years (whole
/// numbers for business days), in that order.
fn figures(
    values: [&Spanned<Value>; 3],
    unit: StageUnit,
    stage: &str,
    prefix: &str,
    src: &Source,
) -> Result<Spread<f64>> {
    let keys = ["earliest", "typical", "latest"];
    let (max, units) = match unit {
        StageUnit::BusinessDays => (MAX_STAGE_BUSINESS_DAYS, "business days"),
        StageUnit::Weeks => (MAX_STAGE_WEEKS, "weeks"),
    };
    let mut out = [0.0; 3];
    for ((value, key), slot) in values.iter().zip(keys).zip(&mut out) {
        let bad = |why: String| {
            src.error(
                value.span(),
                format!(
                    "stage \"{stage}\": {prefix}{key} = {} {why}",
                    toml_value(value.get_ref())
                ),
            )
        };
        let n = match value.get_ref() {
            Value::Integer(i) => *i as f64,
            Value::Float(f) if f.is_finite() => *f,
            _ => return Err(bad(format!("is not a number of {units}"))),
        };
        if n < 0.0 {
            return Err(bad("is negative; a stage takes 0 or more".into()));
        }
        if n > max {
            return Err(bad(format!(
                "is more than {max} {units} (about five years)"
            )));
        }
        if unit == StageUnit::BusinessDays && n.fract() != 0.0 {
            return Err(bad("is not a whole number of business days".into()));
        }
        *slot = n;
    }
    let [earliest, typical, latest] = out;
    let order = |at: &Spanned<Value>, what: String| {
        src.error(at.span(), format!("stage \"{stage}\": {what}"))
    };
    if earliest > latest {
        return Err(order(
            values[0],
            format!("{prefix}earliest = {earliest} is later than {prefix}latest = {latest}"),
        ));
    }
    if !(earliest..=latest).contains(&typical) {
        return Err(order(
            values[1],
            format!(
                "{prefix}typical = {typical} is not between {prefix}earliest = {earliest} and {prefix}latest = {latest}"
            ),
        ));
    }
    Ok(Spread {
        earliest,
        typical,
        latest,
    })
}

/// The stages as `config show` writes them: `[[stage]]` tables in the form of
/// `config/default.toml`.
pub(super) fn to_toml(stages: &[Stage]) -> Value {
    let number = |n: f64| match n.fract() == 0.0 {
        true => Value::Integer(n as i64),
        false => Value::Float(n),
    };
    let put = |t: &mut toml::Table, d: Spread<f64>| {
        for (key, n) in d.named() {
            t.insert(key.into(), number(n));
        }
    };
    let tables = stages
        .iter()
        .map(|s| {
            let mut t = toml::Table::new();
            t.insert("name".into(), Value::String(s.name.clone()));
            if !s.aliases.is_empty() {
                let aliases = s.aliases.iter().cloned().map(Value::String).collect();
                t.insert("aliases".into(), Value::Array(aliases));
            }
            t.insert("publisher".into(), Value::String(s.publisher.name().into()));
            if let Some(u) = s.update {
                t.insert("update".into(), Value::String(u.name().into()));
            }
            t.insert("who".into(), Value::String(s.who.name().into()));
            if let Some(d) = &s.description {
                t.insert("description".into(), Value::String(d.clone()));
            }
            t.insert("unit".into(), Value::String(s.unit.name().into()));
            put(&mut t, s.durations);
            t.insert("source".into(), Value::String(s.source.clone()));
            if let Some(r) = &s.round {
                let mut rt = toml::Table::new();
                put(&mut rt, r.durations);
                rt.insert("source".into(), Value::String(r.source.clone()));
                t.insert("round".into(), Value::Table(rt));
            }
            Value::Table(t)
        })
        .collect();
    Value::Array(tables)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// A stage table with `extra` lines, for the independent journey.
    fn stage(name: &str, extra: &str) -> String {
        format!(
            "[[stage]]\nname = \"{name}\"\npublisher = \"independent\"\nwho = \"microsoft\"\nunit = \"weeks\"\nearliest = 1\ntypical = 1.5\nlatest = 2\nsource = \"s\"\n{extra}"
        )
    }

    fn err(text: &str) -> String {
        Config::from_toml("s.toml", text).unwrap_err().to_string()
    }

    fn names(config: &Config, kind: PublisherKind, update: Option<UpdateKind>) -> Vec<String> {
        config
            .journey(kind, update)
            .iter()
            .map(|s| s.name().to_string())
            .collect()
    }

    #[test]
    fn the_default_journeys_are_in_process_order() {
        let c = Config::embedded().unwrap();
        assert_eq!(
            names(&c, PublisherKind::Verified, None),
            [
                "registered",
                "preparing-artifacts",
                "pr-open",
                "portal-review",
                "testing-in-preview",
                "ready"
            ]
        );
        assert_eq!(
            names(&c, PublisherKind::Independent, None),
            ["pr-open", "approved", "ready"]
        );
        // An update replaces the deployment's figures and keeps the order.
        for kind in PublisherKind::ALL {
            for update in [UpdateKind::Minor, UpdateKind::Major] {
                let journey = c.journey(kind, Some(update));
                assert_eq!(names(&c, kind, Some(update)), names(&c, kind, None));
                let last = journey.last().unwrap();
                assert_eq!(last.update(), Some(update));
                assert_eq!(last.durations().earliest, 0.0);
            }
        }
        // Every figure of every default stage is ordered and sourced.
        for s in c.stages() {
            let d = s.durations();
            assert!(
                d.earliest <= d.typical && d.typical <= d.latest,
                "{}",
                s.name()
            );
            assert!(s.source().starts_with("Microsoft Learn"), "{}", s.name());
        }
        let pr = c.journey(PublisherKind::Verified, None)[2];
        assert!(pr.matches("Pull Request") && pr.matches("artifacts_ready"));
        assert!(!pr.matches("merged"));
    }

    #[test]
    fn a_user_file_replaces_every_stage() {
        let c = Config::from_toml("s.toml", &stage("review", "")).unwrap();
        assert_eq!(c.stages().len(), 1);
        assert_eq!(names(&c, PublisherKind::Independent, None), ["review"]);
        assert!(c.journey(PublisherKind::Verified, None).is_empty());
        let d = c.stages()[0].durations();
        assert_eq!((d.earliest, d.typical, d.latest), (1.0, 1.5, 2.0));
    }

    #[test]
    fn config_show_writes_the_stages_back() {
        let c = Config::embedded().unwrap();
        let again = Config::from_toml("shown.toml", &c.to_toml()).unwrap();
        assert_eq!(again.stages(), c.stages());
        let text = format!(
            "{}aliases = [\"Look\"]\ndescription = \"d\"\n[stage.round]\nearliest = 1\ntypical = 2\nlatest = 3\nsource = \"r\"\n",
            stage("review", "")
        );
        let c = Config::from_toml("s.toml", &text).unwrap();
        let again = Config::from_toml("shown.toml", &c.to_toml()).unwrap();
        assert_eq!(again.stages(), c.stages());
        assert_eq!(again.stages()[0].aliases(), ["look"]);
    }

    #[test]
    fn bad_stages_name_file_line_column_and_value() {
        let cases = [
            (
                stage("x", "").replace("earliest = 1", "earliest = 3"),
                "s.toml:6:12: stage \"x\": earliest = 3 is later than latest = 2",
            ),
            (
                stage("x", "").replace("\"weeks\"", "\"days\""),
                "s.toml:5:8: stage \"x\": unit = \"days\" is not a unit; expected \"business-days\"",
            ),
            (
                stage("x", "").replace("\"independent\"", "\"vip\""),
                "s.toml:3:13: stage \"x\": publisher = \"vip\" is not a publisher kind; expected \"verified\" or \"independent\"",
            ),
            (
                stage("x", "").replace("earliest = 1", "earliest = -1"),
                "s.toml:6:12: stage \"x\": earliest = -1 is negative",
            ),
            (
                stage("x", "").replace("typical = 1.5", "typical = 3"),
                "s.toml:7:11: stage \"x\": typical = 3 is not between earliest = 1 and latest = 2",
            ),
            (
                stage("x", "").replace("latest = 2", "latest = \"two\""),
                "s.toml:8:10: stage \"x\": latest = \"two\" is not a number of weeks",
            ),
            (
                stage("x", "").replace("latest = 2", "latest = 261"),
                "s.toml:8:10: stage \"x\": latest = 261 is more than 260 weeks",
            ),
            (
                stage("x", "").replace("\"weeks\"", "\"business-days\""),
                "s.toml:7:11: stage \"x\": typical = 1.5 is not a whole number of business days",
            ),
            (
                stage("x", "").replace("\"microsoft\"", "\"nobody\""),
                "s.toml:4:7: stage \"x\": who = \"nobody\" is not who acts",
            ),
            (
                stage("Pull Request", ""),
                "s.toml:2:8: stage name \"Pull Request\" is not in kebab case",
            ),
            (
                format!("{}{}", stage("x", ""), stage("x", "")),
                "s.toml:11:8: stage \"x\" is given twice for independent publishers",
            ),
            (
                stage("x", "update = \"minor\"\n"),
                "s.toml:2:8: stage \"x\" with update = \"minor\" replaces a stage of that name, but independent publishers have none before it",
            ),
            (
                format!("{}{}", stage("x", ""), stage("x", "update = \"patch\"\n")),
                "s.toml:19:10: stage \"x\": update = \"patch\" is not a kind of update",
            ),
            (
                format!("{}{}", stage("x", ""), stage("y", "aliases = [\"x\"]\n")),
                "s.toml:19:12: \"x\" already names stage \"x\" of independent publishers",
            ),
            (
                stage(
                    "x",
                    "[stage.round]\nearliest = 2\ntypical = 1\nlatest = 1\nsource = \"r\"\n",
                ),
                "s.toml:11:12: stage \"x\": round.earliest = 2 is later than round.latest = 1",
            ),
            (
                stage("x", "").replace("source = \"s\"", "source = \" \""),
                "s.toml:9:10: stage \"x\": source is empty",
            ),
        ];
        for (text, expected) in cases {
            let e = err(&text);
            assert!(e.starts_with(expected), "{e}\nexpected: {expected}\n{text}");
        }
        // A missing key is named.
        let e = err(&stage("x", "").replace("unit = \"weeks\"\n", ""));
        assert!(e.contains("this [[stage]] needs `unit`"), "{e}");
    }

    #[test]
    fn the_same_name_may_serve_both_publisher_kinds() {
        let verified = stage("review", "").replace("\"independent\"", "\"verified\"");
        let c = Config::from_toml("s.toml", &format!("{verified}{}", stage("review", ""))).unwrap();
        assert_eq!(names(&c, PublisherKind::Verified, None), ["review"]);
        assert_eq!(names(&c, PublisherKind::Independent, None), ["review"]);
    }
}
