//! Turns criterion's output (`target/criterion/`) into the committed benchmark report: a
//! Markdown summary (`benches/REPORT.md`, the table the README repeats) and one chart
//! (`benches/report.svg`: each decode's time relative to the native build of the same C).
//!
//! `cargo bench` (all of them, or some), then `cargo run --example bench_report`.
//! Every figure comes from a criterion run: the groups on disk replace their rows in the
//! committed `benches/results.json`, and groups not run here keep their earlier figures (each
//! group is dated in the report), so running one bench does not drop the others.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One measurement: group, function, parameter, median time in nanoseconds, and the day it was
/// measured (`YYYY-MM-DD`, from the age of criterion's file).
#[derive(Debug, Clone)]
struct Row {
    group: String,
    function: String,
    parameter: String,
    median_ns: f64,
    measured: String,
}

/// Days since 1970-01-01 as a civil date (Howard Hinnant's `civil_from_days`).
fn date(unix_seconds: u64) -> String {
    let z = (unix_seconds / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The rows of the committed results file (empty if there is none yet).
fn read_results(path: &Path) -> Vec<Row> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let Ok(serde_json::Value::Array(items)) = serde_json::from_str(&text) else {
        return Vec::new();
    };
    let text = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
    items
        .iter()
        .filter_map(|item| {
            Some(Row {
                group: text(&item["group"]),
                function: text(&item["function"]),
                parameter: text(&item["parameter"]),
                median_ns: item["median_ns"].as_f64()?,
                measured: text(&item["measured"]),
            })
        })
        .collect()
}

fn write_results(path: &Path, rows: &[Row]) -> std::io::Result<()> {
    let items: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            serde_json::json!({
                "group": r.group, "function": r.function, "parameter": r.parameter,
                "median_ns": r.median_ns, "measured": r.measured,
            })
        })
        .collect();
    let text = serde_json::to_string_pretty(&items).map_err(std::io::Error::other)?;
    std::fs::write(path, text + "\n")
}

/// The new rows, plus the earlier rows of every group the new run did not measure.
fn merge(earlier: Vec<Row>, new: Vec<Row>) -> Vec<Row> {
    let measured: std::collections::BTreeSet<String> =
        new.iter().map(|r| r.group.clone()).collect();
    let mut rows: Vec<Row> = earlier
        .into_iter()
        .filter(|r| !measured.contains(&r.group))
        .chain(new)
        .collect();
    rows.sort_by(|a, b| {
        (&a.group, &a.function, &a.parameter).cmp(&(&b.group, &b.function, &b.parameter))
    });
    rows
}

fn read_rows(root: &Path) -> Vec<Row> {
    let mut rows = Vec::new();
    for entry in walkdir::WalkDir::new(root).into_iter().flatten() {
        if entry.file_name() != "benchmark.json" || !entry.path().ends_with("new/benchmark.json") {
            continue;
        }
        let dir = entry.path().parent().unwrap_or(Path::new("."));
        let (Ok(meta), Ok(estimates)) = (
            std::fs::read_to_string(entry.path()),
            std::fs::read_to_string(dir.join("estimates.json")),
        ) else {
            continue;
        };
        let (Ok(meta), Ok(estimates)) = (
            serde_json::from_str::<serde_json::Value>(&meta),
            serde_json::from_str::<serde_json::Value>(&estimates),
        ) else {
            continue;
        };
        let text = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
        let Some(median) = estimates["median"]["point_estimate"].as_f64() else {
            continue;
        };
        let modified = entry
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs());
        rows.push(Row {
            group: text(&meta["group_id"]),
            function: text(&meta["function_id"]),
            parameter: text(&meta["value_str"]),
            median_ns: median,
            measured: date(modified),
        });
    }
    rows
}

fn time(ns: f64) -> String {
    match ns {
        ns if ns >= 1e6 => format!("{:.2} ms", ns / 1e6),
        ns if ns >= 1e3 => format!("{:.2} us", ns / 1e3),
        ns => format!("{ns:.1} ns"),
    }
}

/// The baseline each group's ratios are taken against.
fn baseline(group: &str) -> Option<&'static str> {
    match group {
        "png_decode" | "jpeg_decode" | "gif_decode" | "webp_decode" | "font_render"
        | "font_load" | "font_glyphs" | "thumbnails" => Some("native"),
        "isolation" => Some("none"),
        _ => None,
    }
}

/// Size parameters sort by pixel count ("256x256" < "1024x1024"; "0.25MP" < "1MP"; "12px" <
/// "200px").
fn size_key(parameter: &str) -> (u64, String) {
    let pixels = if let Some(px) = parameter.strip_suffix("px") {
        px.parse::<u64>().unwrap_or(0)
    } else if let Some((w, h)) = parameter.split_once('x') {
        w.parse::<u64>().unwrap_or(0) * h.parse::<u64>().unwrap_or(0)
    } else if let Some(mp) = parameter.strip_suffix("MP") {
        (mp.parse::<f64>().unwrap_or(0.0) * 1e6) as u64
    } else {
        parameter.parse::<u64>().unwrap_or(u64::MAX)
    };
    (pixels, parameter.to_string())
}

type Table = BTreeMap<(u64, String), BTreeMap<String, f64>>;

/// What `function` is compared with: the group's baseline, or for a variant such as
/// `sandboxed_eighth` the baseline's same variant (`native_eighth`) when the run has it.
/// `None` for the baselines themselves.
fn reference(group: &str, function: &str, row: &BTreeMap<String, f64>) -> Option<f64> {
    let base = baseline(group)?;
    if function == base
        || function
            .strip_prefix(base)
            .is_some_and(|s| s.starts_with('_'))
    {
        return None;
    }
    let variant = function
        .strip_prefix("sandboxed")
        .filter(|suffix| suffix.starts_with('_'))
        .and_then(|suffix| row.get(&format!("{base}{suffix}")));
    variant.or_else(|| row.get(base)).copied()
}

fn tables(rows: &[Row]) -> BTreeMap<String, Table> {
    let mut groups: BTreeMap<String, Table> = BTreeMap::new();
    for row in rows {
        let (group, parameter) = if row.parameter.is_empty() {
            // Stand-alone benchmarks ("call/empty"): one table, one row per name.
            let label = if row.function.is_empty() {
                row.group.clone()
            } else {
                format!("{}/{}", row.group, row.function)
            };
            ("run time".to_string(), label)
        } else {
            (row.group.clone(), row.parameter.clone())
        };
        let function = if row.parameter.is_empty() {
            "time".to_string()
        } else {
            row.function.clone()
        };
        groups
            .entry(group)
            .or_default()
            .entry(size_key(&parameter))
            .or_default()
            .insert(function, row.median_ns);
    }
    groups
}

/// The day (or range of days) each table of the report was measured, keyed as [`tables`] keys
/// them.
fn group_dates(rows: &[Row]) -> BTreeMap<String, String> {
    let mut days: BTreeMap<String, (String, String)> = BTreeMap::new();
    for row in rows {
        let table = if row.parameter.is_empty() {
            "run time".to_string()
        } else {
            row.group.clone()
        };
        let entry = days
            .entry(table)
            .or_insert_with(|| (row.measured.clone(), row.measured.clone()));
        if row.measured < entry.0 {
            entry.0 = row.measured.clone();
        }
        if row.measured > entry.1 {
            entry.1 = row.measured.clone();
        }
    }
    days.into_iter()
        .map(|(table, (first, last))| {
            let when = if first == last {
                first
            } else {
                format!("{first} to {last}")
            };
            (table, when)
        })
        .collect()
}

fn markdown(groups: &BTreeMap<String, Table>, dates: &BTreeMap<String, String>) -> String {
    let mut out = String::from(
        "# Benchmark report\n\nGenerated by `cargo run --example bench_report` from criterion's \
         output (medians of the last run of each benchmark, on the machine that ran them; \
         criterion's own HTML is under `target/criterion/report/`), merged with \
         `benches/results.json` for groups not run since. Ratios are to the native build of the \
         same C (`native`, or `none` in the isolation group) measured in the same run.\n\n\
         ![decode time relative to native](report.svg)\n",
    );
    for (group, table) in groups {
        let mut functions: Vec<&String> = table.values().flat_map(|r| r.keys()).collect();
        functions.sort();
        functions.dedup();
        if let Some(base) = baseline(group) {
            // The baseline first, then the rest.
            functions.sort_by_key(|f| (f.as_str() != base, (*f).clone()));
        }
        let when = dates
            .get(group)
            .map_or(String::new(), |d| format!(" (measured {d})"));
        let _ = write!(out, "\n## {group}{when}\n\n| |");
        for f in &functions {
            let _ = write!(out, " {f} |");
        }
        out.push_str("\n|---|");
        out.push_str(&"---|".repeat(functions.len()));
        out.push('\n');
        if group == "threads" {
            out.push_str(&threads_rows(table, &functions));
            continue;
        }
        for ((_, parameter), row) in table {
            let _ = write!(out, "| {parameter} |");
            for f in &functions {
                match (row.get(*f), reference(group, f, row)) {
                    (Some(ns), Some(reference)) => {
                        let _ = write!(out, " {} ({:.2}x) |", time(*ns), ns / reference);
                    }
                    (Some(ns), _) => {
                        let _ = write!(out, " {} |", time(*ns));
                    }
                    (None, _) => out.push_str(" |"),
                }
            }
            out.push('\n');
        }
    }
    out
}

/// The threads group: each thread decodes the whole batch, so N threads do N times the work;
/// the cell shows the time and the throughput relative to one thread.
fn threads_rows(table: &Table, functions: &[&String]) -> String {
    let one = table
        .iter()
        .find(|((_, p), _)| p == "1")
        .map(|(_, row)| row);
    let mut out = String::new();
    for ((_, parameter), row) in table {
        let threads: f64 = parameter.parse().unwrap_or(1.0);
        let _ = write!(out, "| {parameter} thread(s) |");
        for f in functions {
            match (row.get(*f), one.and_then(|r| r.get(*f))) {
                (Some(ns), Some(single)) => {
                    let _ = write!(
                        out,
                        " {} ({:.2}x the throughput of one) |",
                        time(*ns),
                        threads * single / ns
                    );
                }
                (Some(ns), None) => {
                    let _ = write!(out, " {} |", time(*ns));
                }
                _ => out.push_str(" |"),
            }
        }
        out.push('\n');
    }
    out
}

/// Horizontal bars: for every decode (group, size, mechanism), its time over native's.
fn svg(groups: &BTreeMap<String, Table>) -> String {
    let mut bars: Vec<(String, String, f64)> = Vec::new();
    for (group, table) in groups {
        if baseline(group).is_none() || group == "thumbnails" {
            continue;
        }
        for ((_, parameter), row) in table {
            for (function, ns) in row {
                if let Some(reference) = reference(group, function, row) {
                    bars.push((
                        format!("{group} {parameter}"),
                        function.clone(),
                        ns / reference,
                    ));
                }
            }
        }
    }
    let (label_w, bar_w, row_h) = (330.0, 420.0, 18.0);
    // Ratios beyond 4x (the interpreter) are drawn to the edge, their value written out.
    let max = 4.0f64;
    let height = 60.0 + row_h * bars.len() as f64;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{height}\" \
         font-family=\"sans-serif\" font-size=\"12\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"10\" y=\"20\" font-size=\"14\">Decode time relative to the native build of \
         the same C (1.0 = native; shorter is better)</text>\n",
        w = label_w + bar_w + 80.0
    );
    for tick in [1.0, 2.0, 3.0, 4.0] {
        let x = label_w + bar_w * tick / max;
        let _ = writeln!(
            out,
            "<line x1=\"{x}\" y1=\"35\" x2=\"{x}\" y2=\"{}\" stroke=\"#bbb\"/>\
             <text x=\"{x}\" y=\"32\" text-anchor=\"middle\">{tick}x</text>",
            height - 15.0
        );
    }
    for (i, (what, function, ratio)) in bars.iter().enumerate() {
        let y = 40.0 + row_h * i as f64;
        let color = match function.as_str() {
            f if f.starts_with("sandboxed") || f.starts_with("cordon_cranelift") => "#2b6cb0",
            f if f.contains("pulley") => "#9f7aea",
            f if f.starts_with("process") => "#dd6b20",
            _ => "#718096",
        };
        let w = bar_w * ratio.min(max) / max;
        let _ = writeln!(
            out,
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{what} · {function}</text>\
             <rect x=\"{label_w}\" y=\"{y}\" width=\"{w:.1}\" height=\"{h}\" fill=\"{color}\"/>\
             <text x=\"{vx:.1}\" y=\"{ty}\">{ratio:.2}x</text>",
            lx = label_w - 6.0,
            ty = y + row_h * 0.7,
            h = row_h - 4.0,
            vx = label_w + w + 4.0,
        );
    }
    out.push_str("</svg>\n");
    out
}

fn main() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let criterion: PathBuf = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
        .join("criterion");
    let new = read_rows(&criterion);
    if new.is_empty() {
        eprintln!(
            "no criterion results under {}: run `cargo bench` first",
            criterion.display()
        );
        std::process::exit(1);
    }
    let results = root.join("benches/results.json");
    let rows = merge(read_results(&results), new);
    write_results(&results, &rows)?;
    let groups = tables(&rows);
    let dates = group_dates(&rows);
    let report = root.join("benches/REPORT.md");
    let chart = root.join("benches/report.svg");
    std::fs::write(&report, markdown(&groups, &dates))?;
    std::fs::write(&chart, svg(&groups))?;
    println!(
        "{} results -> {} and {}",
        rows.len(),
        report.display(),
        chart.display()
    );
    Ok(())
}
