//! Orders: `quote`, `order`, `order-status`, `watch`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use serde_json::{Value, json};

use crate::output::{self, Out, status_counts};
use crate::{Ctx, read_json};

/// The arguments of `gengo quote`.
#[derive(Args)]
pub struct Quote {
    /// JSON file with {"jobs": {...}}.
    pub file: Option<PathBuf>,
    /// Text to price.
    #[arg(long, conflicts_with = "file")]
    pub text: Option<String>,
    /// Source language.
    #[arg(long, default_value = "en")]
    pub from: String,
    /// Target language.
    #[arg(long, default_value = "ja")]
    pub to: String,
    /// Tier.
    #[arg(long, default_value = "standard")]
    pub tier: String,
}

impl Quote {
    /// Runs `gengo quote`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let Self {
            file,
            text,
            from,
            to,
            tier,
        } = self;
        let out = &ctx.out;
        let params = match (file, text) {
            (Some(f), _) => read_json(f)?,
            (None, Some(t)) => {
                json!({"jobs": {"text": {"type": "text", "body_src": t, "lc_src": from, "lc_tgt": to, "tier": tier}}})
            }
            (None, None) => {
                return Err(gengo_core::Error::invalid_argument(
                    "give a JSON file or --text",
                ));
            }
        };
        let q = ctx.client()?.call("quote", &params)?;
        print_quote(out, &q);
        Ok(())
    }
}

/// The arguments of `gengo order`.
#[derive(Args)]
pub struct Order {
    /// The order's JSON.
    pub file: PathBuf,
    /// Show the quote for the order's jobs and order nothing.
    #[arg(long)]
    pub dry_run: bool,
}

impl Order {
    /// Runs `gengo order`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let Self { file, dry_run } = self;
        let out = &ctx.out;
        let order = read_json(file)?;
        let c = ctx.client()?;
        // The quote of the order's jobs, before anything is spent.
        let preview = || -> gengo_core::Result<()> {
            let (jobs, quoted_files) = jobs_to_quote(&order);
            if quoted_files > 0 {
                out.done(&format!(
                        "{quoted_files} file job(s) ordered by a quote's identifier: priced by that quote"
                    ));
            }
            if let Some(jobs) = jobs {
                let q = c.call("quote", &json!({ "jobs": jobs }))?;
                print_quote(out, &q);
            }
            Ok(())
        };
        if *dry_run {
            preview()?;
            out.done("dry run: nothing was ordered");
            return Ok(());
        }
        ctx.confirm_with(&c, "place this order (it spends credits)", preview)?;
        let r = c.call("order_jobs", &order)?;
        out.record(
            &r,
            &[
                ("order", Some(output::v(&r["order_id"]))),
                ("jobs", Some(output::v(&r["job_count"]))),
                (
                    "credits used",
                    Some(output::money_value(&r["credits_used"])),
                ),
                ("currency", Some(output::v(&r["currency"]))),
            ],
        );
        Ok(())
    }
}

/// The arguments of `gengo order-status`.
#[derive(Args)]
pub struct OrderStatus {
    /// Order id.
    pub id: u64,
}

impl OrderStatus {
    /// Runs `gengo order-status`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let Self { id } = self;
        let out = &ctx.out;
        let o = ctx.client()?.get_order(*id)?;
        let mut rows = vec![
            ("order", Some(output::n(o.order_id))),
            ("credits", o.total_credits.map(output::money)),
            ("queued", o.jobs_queued.map(|q| q.to_string())),
        ];
        let counts = status_counts(&o);
        for (name, ids) in &counts {
            rows.push((
                name,
                Some(
                    ids.iter()
                        .map(u64::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ));
        }
        out.record(&o, &rows);
        Ok(())
    }
}

/// The jobs of an order that a quote can price (none when empty), and how many file jobs
/// it orders by a quote's identifier (already priced; a quote cannot price them again).
fn jobs_to_quote(order: &Value) -> (Option<Value>, usize) {
    let quoted = |j: &Value| {
        j.get("type").and_then(Value::as_str) == Some("file") && j.get("identifier").is_some()
    };
    match order.get("jobs") {
        Some(Value::Object(m)) => {
            let rest: serde_json::Map<String, Value> = m
                .iter()
                .filter(|(_, j)| !quoted(j))
                .map(|(k, j)| (k.clone(), j.clone()))
                .collect();
            let n = m.len() - rest.len();
            ((!rest.is_empty()).then_some(Value::Object(rest)), n)
        }
        Some(Value::Array(a)) => {
            let rest: Vec<Value> = a.iter().filter(|j| !quoted(j)).cloned().collect();
            let n = a.len() - rest.len();
            ((!rest.is_empty()).then_some(Value::Array(rest)), n)
        }
        other => (Some(other.cloned().unwrap_or(Value::Null)), 0),
    }
}

/// Prints a quote's jobs: units, credits, currency, eta, any per-job error, and the
/// identifier of each quoted file.
fn print_quote(out: &Out, q: &Value) {
    let entries: Vec<(&String, &Value)> = q["jobs"]
        .as_object()
        .map(|m| m.iter().collect())
        .unwrap_or_default();
    // File quotes answer an identifier per job: what orders the file afterwards.
    let files = entries.iter().any(|(_, v)| v.get("identifier").is_some());
    let rows = entries
        .iter()
        .map(|(k, v)| {
            let mut row = vec![
                (*k).clone(),
                output::v(&v["unit_count"]),
                output::money_value(&v["credits"]),
                output::v(&v["currency"]),
                output::v(&v["eta"]),
                output::v(&v["err"]["code"]),
            ];
            if files {
                row.push(output::v(&v["identifier"]));
            }
            row
        })
        .collect();
    let mut head = vec!["job", "units", "credits", "currency", "eta (s)", "error"];
    if files {
        head.push("identifier");
    }
    out.table(q, &head, rows);
}

/// Exit status of `gengo watch` when the order is still in progress at `--max-wait`
/// (not an error: the order goes on).
const STILL_IN_PROGRESS: u8 = 4;

/// The arguments of `gengo watch`.
#[derive(Args)]
pub struct Watch {
    /// Order id.
    pub id: u64,
    /// Seconds between polls (default: every 30 minutes against Gengo's hosts, as
    /// Gengo asks; every 0.5 s against any other host, such as a local sandbox).
    #[arg(long)]
    pub interval: Option<f64>,
    /// Give up after this many seconds.
    #[arg(long, default_value_t = 3600.0)]
    pub max_wait: f64,
}

impl Watch {
    /// Runs `gengo watch`: exits 0 when no job waits for Gengo or a translator, 4 when
    /// one still does at `--max-wait`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<ExitCode> {
        let (id, max_wait, out) = (self.id, self.max_wait, &ctx.out);
        let interval = match self.interval {
            None => None,
            Some(i) if i.is_finite() && i > 0.0 => Some(Duration::from_secs_f64(i)),
            Some(_) => {
                return Err(gengo_core::Error::invalid_argument(
                    "--interval must be a positive number of seconds",
                ));
            }
        };
        let timeout = Duration::try_from_secs_f64(max_wait).map_err(|_| {
            gengo_core::Error::invalid_argument("--max-wait must be a number of seconds >= 0")
        })?;
        let c = ctx.client()?;
        let started = std::time::Instant::now();
        let mut last = String::new();
        let mut last_print = started;
        let heartbeat = Duration::from_secs(60);
        let wait = gengo_core::Wait { timeout, interval };
        let order = c.wait_for_order(id, &wait, |o| {
            let counts = status_counts(o);
            let line = output::progress_line(o.jobs_queued.unwrap_or(0), &counts);
            // A line when something changed, and a heartbeat every minute otherwise.
            if line != last || last_print.elapsed() >= heartbeat {
                let at = started.elapsed().as_secs();
                if out.json {
                    println!(
                        "{}",
                        json!({"order_id": id, "elapsed_s": at, "queued": o.jobs_queued, "jobs": counts.iter().map(|(k, v)| (k.to_string(), json!(v))).collect::<serde_json::Map<_, _>>()})
                    );
                } else {
                    println!("[{:>3}:{:02}] order {id}: {line}", at / 60, at % 60);
                }
                last = line;
                last_print = std::time::Instant::now();
            }
        })?;
        if order.in_progress() {
            out.done(&format!(
                "order {id}: still in progress after {max_wait} s (exit {STILL_IN_PROGRESS}; run gengo watch again)"
            ));
            Ok(ExitCode::from(STILL_IN_PROGRESS))
        } else {
            out.done(&format!("order {id}: no job is waiting for a translator"));
            Ok(ExitCode::SUCCESS)
        }
    }
}
