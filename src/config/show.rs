//! `golive config show`: a configuration written back as TOML, in the form of
//! `config/default.toml`, so that it can be read again and gives the same answers.

use chrono::Datelike;

use super::freezes::{Bound, Freeze};
use super::regions::{Region, RegionId};
use super::{BlockedStart, Config, weekday_name};
use crate::holidays::YEARS;

/// A region's `members`: a place in the region's zone with no code or alias as its name, any
/// other as a table, so that the list reads back as the same places.
fn members(region: &Region) -> toml::Value {
    use toml::{Table, Value};
    let places = region.places().iter().map(|p| {
        if p.code().is_none() && p.aliases().is_empty() && p.timezone() == region.timezone() {
            return Value::String(p.name().into());
        }
        let mut t = Table::new();
        t.insert("name".into(), Value::String(p.name().into()));
        if let Some(code) = p.code() {
            t.insert("code".into(), Value::String(code.into()));
        }
        t.insert("timezone".into(), Value::String(p.timezone().name().into()));
        if !p.aliases().is_empty() {
            let aliases = p.aliases().iter().cloned().map(Value::String).collect();
            t.insert("aliases".into(), Value::Array(aliases));
        }
        Value::Table(t)
    });
    Value::Array(places.collect())
}

impl Config {
    /// The configuration as TOML, in the same form as `config/default.toml`.
    pub fn to_toml(&self) -> String {
        use toml::{Table, Value};
        let strings = |v: &[String]| Value::Array(v.iter().cloned().map(Value::String).collect());
        let keys = |ids: &[RegionId]| {
            strings(
                &ids.iter()
                    .map(|&i| self.regions[i.index()].key().to_string())
                    .collect::<Vec<_>>(),
            )
        };
        let mut t = Table::new();
        t.insert(
            "timezone".into(),
            Value::String(self.timezone.name().into()),
        );
        t.insert(
            "deploy_time".into(),
            Value::String(self.deploy_time.format("%H:%M").to_string()),
        );
        t.insert(
            "start_weekday".into(),
            Value::String(weekday_name(self.start_weekday).into()),
        );
        t.insert(
            "cutoff_hours".into(),
            Value::Integer(self.cutoff.num_hours()),
        );
        t.insert(
            "blocked_start".into(),
            Value::String(
                match self.blocked_start {
                    BlockedStart::NextDeployDay => "next-deploy-day",
                    BlockedStart::Skip => "skip",
                }
                .into(),
            ),
        );
        t.insert(
            "weekend".into(),
            strings(
                &self
                    .weekend
                    .iter()
                    .map(|d| weekday_name(*d).to_string())
                    .collect::<Vec<_>>(),
            ),
        );
        t.insert(
            "calendars".into(),
            strings(
                &self
                    .calendars
                    .iter()
                    .map(|c| c.name.clone())
                    .collect::<Vec<_>>(),
            ),
        );
        t.insert(
            "horizon_years".into(),
            Value::Integer(i64::from(self.horizon_years)),
        );
        t.insert(
            "max_per_train".into(),
            match self.max_per_train {
                Some(n) => Value::Integer(i64::from(n)),
                None => Value::String("unlimited".into()),
            },
        );
        t.insert(
            "seasonal_warnings".into(),
            Value::Boolean(self.seasonal_warnings),
        );
        let regions = self
            .regions
            .iter()
            .map(|r| {
                let mut rt = Table::new();
                rt.insert("key".into(), Value::String(r.key().into()));
                rt.insert("name".into(), Value::String(r.name().into()));
                rt.insert("members".into(), members(r));
                rt.insert("timezone".into(), Value::String(r.timezone().name().into()));
                rt.insert("after".into(), keys(r.after()));
                Value::Table(rt)
            })
            .collect();
        t.insert("region".into(), Value::Array(regions));
        let freeze_table = |f: &Freeze, from: Bound, until: Bound, yearly: bool| {
            let mut ft = Table::new();
            ft.insert("name".into(), Value::String(f.name().into()));
            ft.insert("from".into(), from.to_toml());
            ft.insert("until".into(), until.to_toml());
            if let Some(r) = f.regions() {
                ft.insert("regions".into(), keys(r));
            }
            if yearly {
                ft.insert("every".into(), Value::String("year".into()));
            }
            if let Some(s) = f.source() {
                ft.insert("source".into(), Value::String(s.into()));
            }
            Value::Table(ft)
        };
        let zone = self.timezone;
        let freezes: Vec<Value> = self
            .freezes
            .iter()
            .flat_map(|f| match f.ics_repeat() {
                // A yearly .ics event that `every = "year"` would not repeat the same way
                // (it ends, it spans February, it has times of day) is written as the
                // windows it makes, one freeze per year within the supported years.
                Some(repeat)
                    if f.is_yearly() && (repeat.last.is_some() || !f.repeats_like_toml()) =>
                {
                    let (first, last) = YEARS.into_inner();
                    let own = f.from().year();
                    let until = repeat
                        .last
                        .map_or(last, |l| own.saturating_add(l).min(last));
                    f.windows(zone, own.max(first)..=until)
                        .into_iter()
                        .filter(|(_, end)| end.with_timezone(&zone).year() >= first)
                        .map(|(start, end)| {
                            let (from, until) = Bound::from_window(start, end, zone);
                            freeze_table(f, from, until, false)
                        })
                        .collect::<Vec<_>>()
                }
                _ => vec![freeze_table(f, f.from(), f.until(), f.is_yearly())],
            })
            .collect();
        t.insert("freeze".into(), Value::Array(freezes));
        t.insert("stage".into(), super::stages::to_toml(&self.stages));
        toml::to_string_pretty(&t).unwrap_or_default()
    }
}
