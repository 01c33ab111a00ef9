//! [`Time`]: Unix seconds or a date-and-time text, kept as sent.

use serde::{Serialize, Serializer};
use serde_json::Value;

use super::{FromScalar, Lenient, Scalar, scalar_ways_in};

/// A time as Gengo sends it: usually Unix seconds, sometimes a text such as
/// `"2012-07-19 02:57:10.526565"` (UTC). Both are kept exactly as sent; a text that
/// reads as a date and time is decoded too ([`Time::timestamp`]) and normalises to Unix
/// seconds (fractional when the text had a fraction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Time {
    /// Unix time in seconds.
    Epoch(i64),
    /// A textual date and time (as sent; see [`Time::timestamp`]).
    Text(String),
}

impl Time {
    /// The whole Unix seconds: the number, or the decoded date and time of a text.
    pub fn epoch(&self) -> Option<i64> {
        self.timestamp().map(|(s, _)| s)
    }
    /// Unix seconds and nanoseconds, when the time is numeric or a text that reads as
    /// `YYYY-MM-DD HH:MM:SS[.fraction]` (a `T` separator and a `Z` or `+00:00` suffix are
    /// accepted; times are UTC).
    pub fn timestamp(&self) -> Option<(i64, u32)> {
        match self {
            Time::Epoch(s) => Some((*s, 0)),
            Time::Text(t) => parse_datetime(t),
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Reads `YYYY-MM-DD[ T]HH:MM:SS[.f{1,9}][Z|+00:00]` as UTC. Deliberately small: Gengo
/// sends this one shape (glossary times); a date crate would add a dependency to every
/// binding for ten lines of arithmetic.
fn parse_datetime(text: &str) -> Option<(i64, u32)> {
    let t = text.trim();
    let t = t
        .strip_suffix('Z')
        .or_else(|| t.strip_suffix("+00:00"))
        .unwrap_or(t);
    let b = t.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b' ' | b'T') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = t.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut nanos = 0u32;
    if b.len() > 19 {
        let frac = t.get(19..)?.strip_prefix('.')?;
        if frac.is_empty() || frac.len() > 9 || !frac.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        nanos = frac.parse::<u32>().ok()? * 10u32.pow(9 - frac.len() as u32);
    }
    let secs = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec;
    Some((secs, nanos))
}

impl FromScalar for Time {
    fn from_scalar(s: Scalar<'_>) -> Option<Self> {
        if let Some(i) = i64::from_scalar(s) {
            return Some(Time::Epoch(i));
        }
        // Only a text that reads as a date and time is a time; a placeholder such as
        // "..." stays in the model's `extra` and normalises to null.
        match s {
            Scalar::Str(t) if parse_datetime(t).is_some() => Some(Time::Text(t.to_string())),
            _ => None,
        }
    }
}

impl Lenient for Time {
    fn shape() -> super::Shape {
        super::Shape::Time
    }
    scalar_ways_in!();
    fn to_json(&self) -> Value {
        match self {
            Time::Epoch(s) => Value::from(*s),
            Time::Text(t) => match parse_datetime(t) {
                Some((s, 0)) => Value::from(s),
                Some((s, n)) => serde_json::Number::from_f64(s as f64 + f64::from(n) / 1e9)
                    .map(Value::Number)
                    .unwrap_or_else(|| Value::String(t.clone())),
                None => Value::String(t.clone()),
            },
        }
    }
    fn write<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Time::Epoch(x) => s.serialize_i64(*x),
            Time::Text(_) => self.to_json().serialize(s),
        }
    }
}
