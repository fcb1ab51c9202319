//! `calendars/lunar-new-year.toml`, the table the Lunar New Year season is carried by, against
//! an independent computation of the Chinese calendar, for every year it lists (1971–2099).
//!
//! The computation is astronomical and written here from published algorithms, not from any
//! table: the instants of new moon (Meeus, *Astronomical Algorithms*, 2nd ed., ch. 49, with
//! the planetary corrections) and of the sun's apparent longitude (ch. 25, the low-accuracy
//! series, good to about 0.01°, a quarter of an hour), turned from dynamical time into UT with
//! Espenak and Meeus's polynomials for ΔT and dated in China's time, UTC+8. The calendar's own
//! rules then give the New Year: a month runs from the day of one new moon to the day before
//! the next; the month holding the winter solstice (270°) is the eleventh; when the two
//! eleventh months around a year are 13 months apart, the first month after the earlier one
//! without a principal term (a multiple of 30°) is a leap month; and the New Year is the
//! start of the second month after the earlier eleventh month, or the third when month 11 or
//! 12 is the leap month. The naive rule ("the new moon before the sun reaches 330°") fails in
//! 1985, 2034 and 2053, which this rule gets right.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use golive::HolidayCalendar;

/// Julian Ephemeris Day of the new moon of lunation `k` (0 is 2000-01-06).
fn new_moon(k: f64) -> f64 {
    let t = k / 1236.85;
    let jde = 2_451_550.097_66 + 29.530_588_861 * k + 0.000_154_37 * t * t
        - 0.000_000_150 * t.powi(3)
        + 0.000_000_000_73 * t.powi(4);
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t * t;
    let m =
        (2.5534 + 29.105_356_70 * k - 0.000_001_4 * t * t - 0.000_000_11 * t.powi(3)).to_radians();
    let mp = (201.5643 + 385.816_935_28 * k + 0.010_758_2 * t * t + 0.000_012_38 * t.powi(3)
        - 0.000_000_058 * t.powi(4))
    .to_radians();
    let f = (160.7108 + 390.670_502_84 * k - 0.001_611_8 * t * t - 0.000_002_27 * t.powi(3)
        + 0.000_000_011 * t.powi(4))
    .to_radians();
    let om =
        (124.7746 - 1.563_755_88 * k + 0.002_067_2 * t * t + 0.000_002_15 * t.powi(3)).to_radians();
    let s = f64::sin;
    let correction = -0.40720 * s(mp)
        + 0.17241 * e * s(m)
        + 0.01608 * s(2.0 * mp)
        + 0.01039 * s(2.0 * f)
        + 0.00739 * e * s(mp - m)
        - 0.00514 * e * s(mp + m)
        + 0.00208 * e * e * s(2.0 * m)
        - 0.00111 * s(mp - 2.0 * f)
        - 0.00057 * s(mp + 2.0 * f)
        + 0.00056 * e * s(2.0 * mp + m)
        - 0.00042 * s(3.0 * mp)
        + 0.00042 * e * s(m + 2.0 * f)
        + 0.00038 * e * s(m - 2.0 * f)
        - 0.00024 * e * s(2.0 * mp - m)
        - 0.00017 * s(om)
        - 0.00007 * s(mp + 2.0 * m)
        + 0.00004 * s(2.0 * mp - 2.0 * f)
        + 0.00004 * s(3.0 * m)
        + 0.00003 * s(mp + m - 2.0 * f)
        + 0.00003 * s(2.0 * mp + 2.0 * f)
        - 0.00003 * s(mp + m + 2.0 * f)
        + 0.00003 * s(mp - m + 2.0 * f)
        - 0.00002 * s(mp - m - 2.0 * f)
        - 0.00002 * s(3.0 * mp + m)
        + 0.00002 * s(4.0 * mp);
    let planets = [
        (325.0, 299.77 + 0.107_408 * k - 0.009_173 * t * t),
        (165.0, 251.88 + 0.016_321 * k),
        (164.0, 251.83 + 26.651_886 * k),
        (126.0, 349.42 + 36.412_478 * k),
        (110.0, 84.66 + 18.206_239 * k),
        (62.0, 141.74 + 53.303_771 * k),
        (60.0, 207.14 + 2.453_732 * k),
        (56.0, 154.84 + 7.306_860 * k),
        (47.0, 34.52 + 27.261_239 * k),
        (42.0, 207.19 + 0.121_824 * k),
        (40.0, 291.34 + 1.844_379 * k),
        (37.0, 161.72 + 24.198_154 * k),
        (35.0, 239.56 + 25.513_099 * k),
        (23.0, 331.55 + 3.592_518 * k),
    ];
    let more: f64 = planets
        .iter()
        .map(|(c, a)| c * 1e-6 * a.to_radians().sin())
        .sum();
    jde + correction + more
}

/// The sun's apparent ecliptic longitude at `jde`, in degrees.
fn sun_longitude(jde: f64) -> f64 {
    let t = (jde - 2_451_545.0) / 36_525.0;
    let l0 = 280.466_46 + 36_000.769_83 * t + 0.000_303_2 * t * t;
    let m = (357.529_11 + 35_999.050_29 * t - 0.000_153_7 * t * t).to_radians();
    let c = (1.914_602 - 0.004_817 * t - 0.000_014 * t * t) * m.sin()
        + (0.019_993 - 0.000_101 * t) * (2.0 * m).sin()
        + 0.000_289 * (3.0 * m).sin();
    let omega = (125.04 - 1934.136 * t).to_radians();
    (l0 + c - 0.005_69 - 0.004_78 * omega.sin()).rem_euclid(360.0)
}

/// When the sun's longitude is `longitude` in (or just around) year `year`, as a JDE.
fn solar_term(year: i32, longitude: f64) -> f64 {
    let days = 365.2422;
    let mut jde = 2_451_545.0
        + f64::from(year - 2000) * days
        + (longitude - 280.46).rem_euclid(360.0) / 360.0 * days;
    for _ in 0..50 {
        let diff = (longitude - sun_longitude(jde) + 180.0).rem_euclid(360.0) - 180.0;
        jde += diff * days / 360.0;
        if diff.abs() < 1e-7 {
            break;
        }
    }
    jde
}

/// ΔT = TT − UT in seconds (Espenak and Meeus, NASA's "Polynomial expressions for Delta T").
fn delta_t(year: f64) -> f64 {
    if year < 1986.0 {
        let t = year - 1975.0;
        45.45 + 1.067 * t - t * t / 260.0 - t.powi(3) / 718.0
    } else if year < 2005.0 {
        let t = year - 2000.0;
        63.86 + 0.3345 * t - 0.060_374 * t * t
            + 0.001_727_5 * t.powi(3)
            + 0.000_651_814 * t.powi(4)
            + 0.000_023_735_99 * t.powi(5)
    } else if year < 2050.0 {
        let t = year - 2000.0;
        62.92 + 0.322_17 * t + 0.005_589 * t * t
    } else {
        -20.0 + 32.0 * ((year - 1820.0) / 100.0).powi(2) - 0.5628 * (2150.0 - year)
    }
}

/// The day in China (UTC+8) of the instant `jde`.
fn china_day(jde: f64) -> NaiveDate {
    let j2000 = NaiveDate::from_ymd_opt(2000, 1, 1)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    let year = 2000.0 + (jde - 2_451_545.0) / 365.25;
    let days = jde - 2_451_545.0 - delta_t(year) / 86_400.0 + 8.0 / 24.0;
    let at: NaiveDateTime = j2000 + Duration::milliseconds((days * 86_400_000.0).round() as i64);
    at.date()
}

/// Lunar New Year's Day of `year`, by the rules in the module's documentation.
fn lunar_new_year(year: i32) -> NaiveDate {
    let k0 = (f64::from(year - 1 - 2000) * 12.3685).floor() - 2.0;
    let moons: Vec<NaiveDate> = (0..30)
        .map(|i| china_day(new_moon(k0 + f64::from(i))))
        .collect();
    let month_of = |day: NaiveDate| {
        moons
            .windows(2)
            .position(|w| w[0] <= day && day < w[1])
            .expect("the new moons cover the day")
    };
    let before = month_of(china_day(solar_term(year - 1, 270.0)));
    let after = month_of(china_day(solar_term(year, 270.0)));
    if after - before == 13 {
        let principal: Vec<NaiveDate> = [year - 1, year]
            .iter()
            .flat_map(|&y| (0..12).map(move |i| china_day(solar_term(y, f64::from(i) * 30.0))))
            .collect();
        let leap = (before + 1..after)
            .find(|&m| {
                !principal
                    .iter()
                    .any(|d| moons[m] <= *d && *d < moons[m + 1])
            })
            .expect("a year of 13 months has a month without a principal term");
        if leap - before <= 2 {
            return moons[before + 3];
        }
    }
    moons[before + 2]
}

#[test]
fn the_lunar_new_year_table_agrees_with_the_astronomy_for_every_year() {
    let cal = HolidayCalendar::built_in("lunar-new-year")
        .unwrap()
        .unwrap();
    let first = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2200, 12, 31).unwrap();
    let days: Vec<NaiveDate> = cal.dates(first, last).iter().map(|h| h.date).collect();
    let years: Vec<i32> = days.iter().map(NaiveDate::year).collect();
    assert_eq!(
        years,
        (1971..=2099).collect::<Vec<_>>(),
        "one day a year, 1971 to 2099"
    );
    let wrong: Vec<String> = days
        .iter()
        .filter(|d| lunar_new_year(d.year()) != **d)
        .map(|d| format!("{d} (computed {})", lunar_new_year(d.year())))
        .collect();
    assert!(
        wrong.is_empty(),
        "the table disagrees with the astronomy: {wrong:?}"
    );
}

/// The computation itself, on years everyone knows and on the three years where the naive
/// rule fails.
#[test]
fn the_computation_knows_famous_years() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert_eq!(lunar_new_year(2025), d(2025, 1, 29));
    assert_eq!(lunar_new_year(2000), d(2000, 2, 5));
    assert_eq!(lunar_new_year(1985), d(1985, 2, 20));
    assert_eq!(lunar_new_year(2034), d(2034, 2, 19));
    assert_eq!(lunar_new_year(2053), d(2053, 2, 19));
}
