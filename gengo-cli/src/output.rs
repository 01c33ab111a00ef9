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

/// Aligned columns, by display width (CJK and other wide characters count as two columns;
/// comfy-table measures them), cells cut at 60 columns.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    use comfy_table::{CellAlignment, ColumnConstraint, Table, Width, presets};
    let mut t = Table::new();
    t.load_preset(presets::NOTHING)
        .set_style(comfy_table::TableComponent::HeaderLines, '-')
        .set_style(comfy_table::TableComponent::MiddleHeaderIntersections, ' ')
        .set_header(headers.iter().copied())
        .add_rows(rows.iter().map(|r| r.iter().take(headers.len()).cloned()));
    for col in t.column_iter_mut() {
        col.set_padding((0, 1));
        col.set_cell_alignment(CellAlignment::Left);
        col.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(62)));
    }
    t.lines().map(|l| l.trim_end().to_string() + "\n").collect()
}

/// Money with two decimals (`1.0` -> `1.00`), at least; more when the amount has them
/// (Gengo prices some jobs to the tenth of a cent: `0.075` stays `0.075`).
pub fn money(d: gengo_core::Decimal) -> String {
    let d = d.normalize();
    if d.scale() <= 2 {
        format!("{d:.2}")
    } else {
        d.to_string()
    }
}

/// A JSON amount (number or string) as [`money`]; anything else as sent.
pub fn money_value(x: &Value) -> String {
    let parsed = match x {
        Value::Number(n) => n.to_string().parse::<gengo_core::Decimal>().ok(),
        Value::String(s) => s.parse::<gengo_core::Decimal>().ok(),
        _ => None,
    };
    parsed.map(money).unwrap_or_else(|| v(x))
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
    let format =
        time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_else(|| format!("{secs} (Unix seconds)"))
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
        assert_eq!(utc(i64::MAX), format!("{} (Unix seconds)", i64::MAX));
    }

    #[test]
    fn tables_align() {
        let t = table(&["a", "bb"], &[vec!["xyz".into(), "1".into()]]);
        assert_eq!(t, "a    bb\n---- ---\nxyz  1\n");
    }

    #[test]
    fn wide_characters_align_by_display_width() {
        let t = table(
            &["text", "n"],
            &[
                vec!["翻訳".into(), "1".into()],
                vec!["abcd".into(), "2".into()],
            ],
        );
        let lines: Vec<&str> = t.lines().collect();
        // "翻訳" is four columns wide, as wide as "abcd": the second column starts at the same column.
        assert_eq!(lines[2], "翻訳  1");
        assert_eq!(lines[3], "abcd  2");
    }

    #[test]
    fn money_has_two_decimals_or_more() {
        let d = |s: &str| s.parse::<gengo_core::Decimal>().unwrap();
        assert_eq!(money(d("1")), "1.00");
        assert_eq!(money(d("1.5")), "1.50");
        assert_eq!(money(d("0.075")), "0.075");
        assert_eq!(money(d("3.100")), "3.10");
        assert_eq!(money_value(&serde_json::json!("55")), "55.00");
        assert_eq!(money_value(&serde_json::json!(0.25)), "0.25");
        assert_eq!(money_value(&serde_json::json!("n/a")), "n/a");
    }
}
