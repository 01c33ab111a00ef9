//! Human-readable tables by default, JSON with `--json`.

use gengo_core::lenient::Time;
use gengo_core::models::Order;
use serde::Serialize;
use serde_json::Value;

/// Where results go.
pub struct Out {
    /// JSON instead of tables.
    pub json: bool,
}

impl Out {
    /// A record: `key  value` lines, or the value as JSON.
    pub fn record<T: Serialize>(&self, value: &T, rows: &[(&str, Option<String>)]) {
        if self.json {
            println!(
                "{}",
                serde_json::to_string_pretty(value).unwrap_or_default()
            );
            return;
        }
        let width = rows
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0);
        for (k, v) in rows {
            println!("{k:<width$}  {}", v.clone().unwrap_or_else(|| "-".into()));
        }
    }

    /// A table, or the value as JSON.
    pub fn table<T: Serialize>(&self, value: &T, headers: &[&str], rows: Vec<Vec<String>>) {
        if self.json {
            println!(
                "{}",
                serde_json::to_string_pretty(value).unwrap_or_default()
            );
            return;
        }
        print!("{}", table(headers, &rows));
    }

    /// A one-line confirmation.
    pub fn done(&self, message: &str) {
        if self.json {
            println!("{}", serde_json::json!({"ok": true, "message": message}));
        } else {
            println!("{message}");
        }
    }
}

/// Aligned columns.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let cols = headers.len();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(cols) {
            widths[i] = widths[i].max(c.chars().count().min(60));
        }
    }
    let line = |cells: Vec<String>| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate().take(cols) {
            let mut c: String = c.chars().take(60).collect();
            if i + 1 < cols {
                let pad = widths[i].saturating_sub(c.chars().count());
                c.push_str(&" ".repeat(pad + 2));
            }
            s.push_str(&c);
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(headers.iter().map(|h| h.to_string()).collect());
    out.push_str(&line(widths.iter().map(|w| "-".repeat(*w)).collect()));
    for r in rows {
        out.push_str(&line(r.clone()));
    }
    out
}

/// Money with two decimals (`1.0` -> `1.00`).
pub fn money(d: gengo_core::Decimal) -> String {
    format!("{:.2}", d.round_dp(2))
}

/// An optional string.
pub fn s(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// An optional number.
pub fn n(v: Option<u64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// A JSON value as a cell.
pub fn v(x: &Value) -> String {
    match x {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A time as UTC text (or as sent).
pub fn time(t: &Time) -> String {
    match t {
        Time::Epoch(secs) => utc(*secs),
        Time::Text(s) => s.clone(),
    }
}

fn utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The order's job ids by status, non-empty lists only.
pub fn status_counts(o: &Order) -> Vec<(&'static str, Vec<u64>)> {
    [
        ("available", &o.jobs_available),
        ("pending", &o.jobs_pending),
        ("reviewable", &o.jobs_reviewable),
        ("revising", &o.jobs_revising),
        ("approved", &o.jobs_approved),
        ("rejected", &o.jobs_rejected),
        ("cancelled", &o.jobs_cancelled),
        ("held", &o.jobs_held),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_ref().filter(|v| !v.is_empty()).map(|v| (k, v.clone())))
    .collect()
}

/// `queued 2 · available 1 · ...`
pub fn progress_line(queued: i64, counts: &[(&str, Vec<u64>)]) -> String {
    let mut parts = Vec::new();
    if queued > 0 {
        parts.push(format!("queued {queued}"));
    }
    for (k, v) in counts {
        parts.push(format!("{k} {}", v.len()));
    }
    if parts.is_empty() {
        "no jobs".into()
    } else {
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates() {
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(1313475693), "2011-08-16 06:21:33 UTC");
        assert_eq!(utc(1795339147), "2026-11-22 09:19:07 UTC");
    }

    #[test]
    fn tables_align() {
        let t = table(&["a", "bb"], &[vec!["xyz".into(), "1".into()]]);
        assert_eq!(t, "a    bb\n---  --\nxyz  1\n");
    }
}
