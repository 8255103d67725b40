//! A proleptic Gregorian civil date: parsing `YYYY-MM-DD`, day arithmetic and
//! weekdays. Dates are resolved against the release date, never the clock.

use std::fmt;

/// A calendar date (year, month 1–12, day 1–31), always valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Number of days in `month` of `year`.
pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, or `None` when the day does not exist ("31 April").
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &s[r];
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let year = num(0..4)? as i32;
        Date::new(year, num(5..7)? as u8, num(8..10)? as u8)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }
    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }
    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before), after Howard Hinnant's `days_from_civil`.
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, the inverse of [`Date::to_days`].
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// This date moved by `n` days.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// ISO weekday: Monday = 1 … Sunday = 7.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (4).
        ((self.to_days() + 3).rem_euclid(7) + 1) as u8
    }
}

/// The month `by` months after (`by` < 0: before) `month` of `year`, as (year, month).
pub(crate) fn shift_month(year: i32, month: u8, by: i64) -> (i32, u8) {
    let index = i64::from(year) * 12 + i64::from(month) - 1 + by;
    (
        index.div_euclid(12) as i32,
        (index.rem_euclid(12) + 1) as u8,
    )
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        let cases: &[(&str, Option<(i32, u8, u8)>)] = &[
            ("2020-05-20", Some((2020, 5, 20))),
            ("2020-02-29", Some((2020, 2, 29))),
            ("2021-02-29", None),
            ("1900-02-29", None),
            ("2000-02-29", Some((2000, 2, 29))),
            ("2020-13-01", None),
            ("2020-00-10", None),
            ("2020-5-20", None),
            ("20-05-2020", None),
            ("2020-05-2x", None),
            ("", None),
        ];
        for (text, want) in cases {
            let got = Date::parse_iso(text).map(|d| (d.year(), d.month(), d.day()));
            assert_eq!(got, *want, "{text}");
        }
    }

    #[test]
    fn day_arithmetic_round_trips() {
        for days in [-800_000, -1, 0, 1, 18_402, 2_932_896] {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        let d = Date::new(2020, 5, 20).expect("valid");
        assert_eq!(d.to_string(), "2020-05-20");
        assert_eq!(d.weekday(), 3, "20 May 2020 was a Wednesday");
        assert_eq!(d.add_days(12).to_string(), "2020-06-01");
        assert_eq!(d.add_days(-141).to_string(), "2019-12-31");
    }

    #[test]
    fn months_shift_across_years() {
        assert_eq!(shift_month(2020, 5, 0), (2020, 5));
        assert_eq!(shift_month(2020, 12, 1), (2021, 1));
        assert_eq!(shift_month(2020, 1, -1), (2019, 12));
        assert_eq!(shift_month(2020, 3, -27), (2017, 12));
        assert_eq!(shift_month(2020, 3, 24), (2022, 3));
    }
}
