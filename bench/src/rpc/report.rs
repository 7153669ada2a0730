//! The table and the JSON lines.
//!
//! Figures not measured print as `-` in the table and `null` in JSON. The ratio columns compare
//! each row to the floor row (`floor/unix`) of the same run, when it was measured: p50 as a
//! multiple of the floor's (lower is better), calls per second as a fraction of the floor's.

use std::{fmt::Write as _, time::Duration};

use super::{Figures, floor};

/// The table of `rows`, with a header line and one line per row.
pub fn table(rows: &[(&str, &Figures)]) -> String {
    let floor = rows
        .iter()
        .find(|(name, _)| *name == floor::NAME)
        .map(|(_, figures)| *figures);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<14} {:>8} {:>8} {:>10} {:>13} {:>9} {:>11} {:>13} {:>12}",
        "row",
        "p50 µs",
        "p99 µs",
        "calls/s",
        "calls/s (64)",
        "echo GB/s",
        "p50 ×floor",
        "calls/s ×floor",
        "(64) ×floor",
    );
    for (name, figures) in rows {
        let ratio = |row: Option<f64>, floor: Option<f64>| match (row, floor) {
            (Some(row), Some(floor)) if floor > 0.0 => Some(row / floor),
            _ => None,
        };
        let base = floor.unwrap_or(&Figures::default()).clone();
        let _ = writeln!(
            out,
            "{:<14} {:>8} {:>8} {:>10} {:>13} {:>9} {:>11} {:>13} {:>12}",
            name,
            cell(figures.p50.map(micros), 1),
            cell(figures.p99.map(micros), 1),
            cell(figures.calls_per_s, 0),
            cell(figures.calls_per_s_64, 0),
            cell(figures.echo_gbps, 2),
            times(ratio(figures.p50.map(micros), base.p50.map(micros))),
            times(ratio(figures.calls_per_s, base.calls_per_s)),
            times(ratio(figures.calls_per_s_64, base.calls_per_s_64)),
        );
    }
    out
}

/// One row as one line of JSON, keys in this order: `row`, `p50_us`, `p99_us`, `calls_per_s`,
/// `calls_per_s_64`, `echo_1mib_gbps`.
pub fn json_line(name: &str, figures: &Figures) -> String {
    let name = serde_json::Value::from(name);
    format!(
        "{{\"row\":{name},\"p50_us\":{},\"p99_us\":{},\"calls_per_s\":{},\"calls_per_s_64\":{},\"echo_1mib_gbps\":{}}}",
        number(figures.p50.map(micros), 2),
        number(figures.p99.map(micros), 2),
        number(figures.calls_per_s, 0),
        number(figures.calls_per_s_64, 0),
        number(figures.echo_gbps, 3),
    )
}

/// A duration in microseconds.
fn micros(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e6
}

/// A figure for the table: thousands separated, or `-`.
fn cell(value: Option<f64>, decimals: usize) -> String {
    match value.filter(|v| v.is_finite()) {
        Some(value) if decimals == 0 => thousands(value.round()),
        Some(value) => format!("{value:.decimals$}"),
        None => "-".to_owned(),
    }
}

/// A ratio for the table: `1.52×`, or `-`.
fn times(ratio: Option<f64>) -> String {
    match ratio.filter(|r| r.is_finite()) {
        Some(ratio) => format!("{ratio:.2}×"),
        None => "-".to_owned(),
    }
}

/// A figure for JSON: a number rounded to `decimals`, or `null`.
fn number(value: Option<f64>, decimals: usize) -> String {
    match value.filter(|v| v.is_finite()) {
        Some(value) if decimals == 0 => format!("{:.0}", value.round()),
        Some(value) => format!("{value:.decimals$}"),
        None => "null".to_owned(),
    }
}

/// A whole number with `,` between thousands: `105,000`.
fn thousands(value: f64) -> String {
    let digits = format!("{:.0}", value.abs());
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if value < 0.0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn floor() -> Figures {
        Figures {
            p50: Some(Duration::from_nanos(42_000)),
            p99: Some(Duration::from_nanos(61_250)),
            calls_per_s: Some(23_456.4),
            calls_per_s_64: None,
            echo_gbps: Some(5.123_4),
            samples: 20_000,
        }
    }

    fn tonic() -> Figures {
        Figures {
            p50: Some(Duration::from_nanos(155_400)),
            p99: Some(Duration::from_nanos(230_000)),
            calls_per_s: Some(6_400.0),
            calls_per_s_64: Some(30_123.0),
            echo_gbps: Some(1.5),
            samples: 20_000,
        }
    }

    #[test]
    fn the_table_has_ratios_to_the_floor() {
        let (floor, tonic) = (floor(), tonic());
        let table = table(&[("floor/unix", &floor), ("tonic/unix", &tonic)]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(
            lines,
            [
                "row              p50 µs   p99 µs    calls/s  calls/s (64) echo GB/s  p50 ×floor calls/s ×floor  (64) ×floor",
                "floor/unix         42.0     61.2     23,456             -      5.12       1.00×         1.00×            -",
                "tonic/unix        155.4    230.0      6,400        30,123      1.50       3.70×         0.27×            -",
            ]
        );
    }

    #[test]
    fn without_a_floor_there_are_no_ratios() {
        let tonic = tonic();
        let table = table(&[("tonic/unix", &tonic)]);
        assert!(
            table
                .lines()
                .nth(1)
                .unwrap()
                .ends_with("1.50           -             -            -")
        );
    }

    #[test]
    fn json_lines_have_the_documented_keys_and_nulls() {
        assert_eq!(
            json_line("floor/unix", &floor()),
            r#"{"row":"floor/unix","p50_us":42.00,"p99_us":61.25,"calls_per_s":23456,"calls_per_s_64":null,"echo_1mib_gbps":5.123}"#
        );
        let parsed: serde_json::Value =
            serde_json::from_str(&json_line("a \"b\"", &Figures::default())).unwrap();
        assert_eq!(
            parsed,
            serde_json::json!({
                "row": "a \"b\"", "p50_us": null, "p99_us": null, "calls_per_s": null,
                "calls_per_s_64": null, "echo_1mib_gbps": null,
            })
        );
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0.0), "0");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1_000.0), "1,000");
        assert_eq!(thousands(105_000.0), "105,000");
        assert_eq!(thousands(1_234_567.0), "1,234,567");
        assert_eq!(thousands(-4_000.0), "-4,000");
    }
}
