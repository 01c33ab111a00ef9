//! `gengo`: run a local Gengo sandbox, watch the whole workflow in `gengo demo`, and
//! use Gengo from the shell (keys from `GENGO_PUBLIC_KEY`/`GENGO_PRIVATE_KEY`, base URL
//! from `GENGO_BASE_URL`).

mod demo;
mod output;
mod sync;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use gengo_core::requests::{Approval, JobFilter, NewComment};
use gengo_core::{Client, Config};
use gengo_sandbox::{ClockMode, Options, Profile, Sandbox, State};
use serde_json::{Value, json};

use output::{Out, status_counts};

#[derive(Parser)]
#[command(
    name = "gengo",
    version,
    about = "Gengo from the shell, and a local Gengo sandbox",
    after_help = "Environment: GENGO_PUBLIC_KEY, GENGO_PRIVATE_KEY, GENGO_BASE_URL (default: Gengo's \
production API; `gengo sandbox` prints values for a local one).\n\
Exit codes: 0 done; 1 the API answered an error; 2 bad input (nothing was sent); 3 network, \
timeout, TLS or throttling; 4 `watch`: the order is still in progress."
)]
struct Cli {
    /// Print JSON instead of tables (for scripts).
    #[arg(long, global = true)]
    json: bool,
    /// The API's base URL (default: production, or GENGO_BASE_URL).
    #[arg(long, global = true, env = "GENGO_BASE_URL", hide_env_values = true)]
    base_url: Option<String>,
    /// Whole-call timeout in seconds.
    #[arg(long, global = true, default_value_t = 60.0)]
    timeout: f64,
    /// Requests a minute this client sends at most, or off (default: Gengo's limit, 150;
    /// off suits a local sandbox).
    #[arg(long = "client-rate-limit", global = true, value_parser = parse_rate_limit, value_name = "N|off")]
    client_rate_limit: Option<PerMinute>,
    /// Confirm a command that spends credits or changes jobs on Gengo's own servers
    /// (order, approve, revise, reject, cancel); a local sandbox needs no confirmation.
    #[arg(long, global = true)]
    yes: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the whole ordering flow on an in-process sandbox and print what happened.
    Demo {
        /// Sandbox seconds per real second.
        #[arg(long, default_value_t = 150.0)]
        speed: f64,
    },
    /// Run the local sandbox server for other programs.
    Sandbox {
        /// Address to listen on (port 0 picks a free port).
        #[arg(long, default_value = "127.0.0.1:8290")]
        addr: String,
        /// How sandbox time passes: real, fast (x100), fast:N (N sandbox seconds per
        /// second), or manual (moves only through POST /_sandbox/advance).
        #[arg(long, default_value = "real", value_parser = parse_clock, value_name = "real|fast|fast:N|manual")]
        clock: ClockMode,
        /// current (numbers) or docs2014 (strings, as the 2014 docs show them).
        #[arg(long, default_value = "current", value_parser = clap::builder::PossibleValuesParser::new(gengo_sandbox::Profile::NAMES))]
        profile: String,
        /// Requests per minute per client address, or off.
        #[arg(long, default_value = "150", value_parser = parse_rate_limit, value_name = "N|off")]
        rate_limit: PerMinute,
        /// Hours before reviewable jobs are approved automatically.
        #[arg(long, default_value_t = 120.0)]
        review_hours: f64,
        /// auto (translators pick jobs up on the sandbox clock) or manual (jobs stay
        /// available until POST /_sandbox/jobs/{id}/status moves them).
        #[arg(long, default_value = "auto", value_parser = ["auto", "manual"])]
        translators: String,
        /// Give the demo account a glossary (accounts start with none, as on Gengo).
        #[arg(long)]
        seed_glossary: bool,
    },
    /// Credits available.
    Balance,
    /// Account statistics.
    Stats,
    /// Languages Gengo serves.
    Languages,
    /// Language pairs with tiers and prices.
    Pairs {
        /// Only pairs from this source language.
        #[arg(long)]
        src: Option<String>,
    },
    /// Price jobs without ordering: a JSON file like `order`'s, or one text.
    Quote {
        /// JSON file with {"jobs": {...}}.
        file: Option<PathBuf>,
        /// Text to price.
        #[arg(long, conflicts_with = "file")]
        text: Option<String>,
        /// Source language.
        #[arg(long, default_value = "en")]
        from: String,
        /// Target language.
        #[arg(long, default_value = "ja")]
        to: String,
        /// Tier.
        #[arg(long, default_value = "standard")]
        tier: String,
    },
    /// Order jobs from a JSON file ({"jobs": {...}, ...}). Spends credits.
    Order {
        /// The order's JSON.
        file: PathBuf,
        /// Show the quote for the order's jobs and order nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Recent jobs.
    Jobs {
        /// Only this status.
        #[arg(long)]
        status: Option<String>,
        /// At most this many (1 to 200).
        #[arg(long)]
        count: Option<u32>,
    },
    /// One job.
    Job {
        /// Job id.
        id: u64,
    },
    /// An order and its jobs by status.
    OrderStatus {
        /// Order id.
        id: u64,
    },
    /// Approve a reviewable job.
    Approve {
        /// Job id.
        id: u64,
        /// 1 to 5.
        #[arg(long)]
        rating: Option<u8>,
        /// Feedback for the translator.
        #[arg(long)]
        for_translator: Option<String>,
    },
    /// Send a reviewable job back with what to change.
    Revise {
        /// Job id.
        id: u64,
        /// What to change.
        #[arg(long)]
        comment: String,
    },
    /// Reject a reviewable job.
    Reject {
        /// Job id.
        id: u64,
        /// Why.
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(gengo_core::validate::REJECT_REASONS))]
        reason: String,
        /// Why.
        #[arg(long)]
        comment: String,
        /// What then (requeue by default).
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(gengo_core::validate::FOLLOW_UPS))]
        follow_up: Option<String>,
    },
    /// Cancel an available job.
    Cancel {
        /// Job id.
        id: u64,
    },
    /// A job's comments.
    Comments {
        /// Job id.
        id: u64,
    },
    /// Comment on a job.
    Comment {
        /// Job id.
        id: u64,
        /// The comment.
        text: String,
        /// Files to attach.
        #[arg(long)]
        file: Vec<PathBuf>,
    },
    /// Follow an order until no job is waiting for a translator.
    Watch {
        /// Order id.
        id: u64,
        /// Seconds between polls (default: every 30 minutes against Gengo's hosts, as
        /// Gengo asks; every 0.5 s against any other host, such as a local sandbox).
        #[arg(long)]
        interval: Option<f64>,
        /// Give up after this many seconds.
        #[arg(long, default_value_t = 3600.0)]
        max_wait: f64,
    },
    /// Localisation files in, human translations out (gengo-sync.toml; a cache in .gengo/).
    Sync {
        /// The project file (its folder is the project's root).
        #[arg(long, default_value = "gengo-sync.toml")]
        config: PathBuf,
        #[command(subcommand)]
        action: sync::SyncAction,
    },
    /// Any operation by name or official alias, with JSON params (or @file).
    Call {
        /// Operation (`get_job`, `getTranslationJob`, ...).
        operation: String,
        /// Params as JSON, or @path to a JSON file.
        #[arg(default_value = "{}")]
        params: String,
    },
    /// The operation table.
    Operations,
}

fn client(cli: &Cli) -> gengo_core::Result<Client> {
    let mut b = Config::builder().env()?;
    if let Some(u) = &cli.base_url {
        b = b.base_url(u.clone());
    }
    if cli.timeout > 0.0 && cli.timeout.is_finite() {
        b = b.timeout(Duration::from_secs_f64(cli.timeout));
    }
    if let Some(limit) = cli.client_rate_limit {
        b = b.rate_limit_per_minute(limit);
    }
    Ok(Client::new(
        b.app_name(concat!("gengo-cli/", env!("CARGO_PKG_VERSION")))
            .build()?,
    ))
}

fn read_json(path: &PathBuf) -> gengo_core::Result<Value> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        gengo_core::Error::invalid_argument(format!("cannot read {}: {e}", path.display()))
    })?;
    serde_json::from_str(&text).map_err(|e| {
        gengo_core::Error::invalid_argument(format!("{} is not JSON: {e}", path.display()))
    })
}

fn run(cli: &Cli) -> gengo_core::Result<()> {
    let out = Out { json: cli.json };
    match &cli.command {
        Command::Demo { speed } => demo::run(*speed, &out),
        Command::Sandbox {
            addr,
            clock,
            profile,
            rate_limit,
            review_hours,
            translators,
            seed_glossary,
        } => {
            let (clock, rate) = (*clock, *rate_limit);
            let profile = Profile::parse(profile).ok_or_else(|| {
                gengo_core::Error::invalid_argument("--profile must be current or docs2014")
            })?;
            let review_period = Duration::try_from_secs_f64(review_hours * 3600.0)
                .ok()
                .filter(|d| *d <= Duration::from_secs(100 * 365 * 86_400))
                .ok_or_else(|| {
                    gengo_core::Error::invalid_argument(
                        "--review-hours must be a number from 0 to 876000 (100 years)",
                    )
                })?;
            let opts = Options {
                clock,
                profile,
                rate_limit_per_minute: rate,
                review_period,
                manual_translators: translators == "manual",
                seed_glossary: *seed_glossary,
                ..Options::default()
            };
            let sb = Sandbox::start(addr, opts).map_err(|e| {
                gengo_core::Error::invalid_argument(format!("cannot listen on {addr}: {e}"))
            })?;
            let (public, private) = State::demo_keys();
            // The sandbox's demo keys are public test values, not secrets.
            if cli.json {
                println!(
                    "{}",
                    json!({"base_url": sb.url(), "public_key": public, "private_key": private})
                );
            } else {
                println!("gengo sandbox listening on {}", sb.url());
                println!("export GENGO_BASE_URL={}", sb.url());
                println!("export GENGO_PUBLIC_KEY={public}");
                println!("export GENGO_PRIVATE_KEY={private}");
                println!("control API: {}/_sandbox   (Ctrl-C stops)", sb.url());
            }
            loop {
                std::thread::park();
            }
        }
        Command::Balance => {
            let b = client(cli)?.account_balance()?;
            out.record(
                &b,
                &[
                    ("credits", b.credits.map(output::money)),
                    ("currency", b.currency.clone()),
                ],
            );
            Ok(())
        }
        Command::Stats => {
            let s = client(cli)?.account_stats()?;
            out.record(
                &s,
                &[
                    ("credits spent", s.credits_spent.map(output::money)),
                    ("customer since", s.user_since.as_ref().map(output::time)),
                    ("currency", s.currency.clone()),
                ],
            );
            Ok(())
        }
        Command::Languages => {
            let l = client(cli)?.languages()?;
            out.table(
                &l,
                &["code", "language", "localized", "unit"],
                l.iter()
                    .map(|x| {
                        vec![
                            output::s(&x.lc),
                            output::s(&x.language),
                            output::s(&x.localized_name),
                            x.unit_type
                                .as_ref()
                                .map(|u| u.to_string())
                                .unwrap_or_default(),
                        ]
                    })
                    .collect(),
            );
            Ok(())
        }
        Command::Pairs { src } => {
            let p = client(cli)?.language_pairs(src.as_deref())?;
            out.table(
                &p,
                &["from", "to", "tier", "unit price", "currency"],
                p.iter()
                    .map(|x| {
                        vec![
                            output::s(&x.lc_src),
                            output::s(&x.lc_tgt),
                            x.tier.as_ref().map(|t| t.to_string()).unwrap_or_default(),
                            x.unit_price.map(|d| d.to_string()).unwrap_or_default(),
                            output::s(&x.currency),
                        ]
                    })
                    .collect(),
            );
            Ok(())
        }
        Command::Quote {
            file,
            text,
            from,
            to,
            tier,
        } => {
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
            let q = client(cli)?.call("quote", &params)?;
            print_quote(&out, &q);
            Ok(())
        }
        Command::Order { file, dry_run } => {
            let order = read_json(file)?;
            let c = client(cli)?;
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
                    print_quote(&out, &q);
                }
                Ok(())
            };
            if *dry_run {
                preview()?;
                out.done("dry run: nothing was ordered");
                return Ok(());
            }
            confirm_with(cli, &c, "place this order (it spends credits)", preview)?;
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
        Command::Jobs { status, count } => {
            let l = client(cli)?.list_jobs(&JobFilter {
                status: status.clone(),
                count: *count,
                ..Default::default()
            })?;
            out.table(
                &l,
                &["job", "created"],
                l.iter()
                    .map(|j| {
                        vec![
                            output::n(j.job_id),
                            j.ctime.as_ref().map(output::time).unwrap_or_default(),
                        ]
                    })
                    .collect(),
            );
            Ok(())
        }
        Command::Job { id } => {
            let j = client(cli)?.get_job(*id)?;
            out.record(
                &j,
                &[
                    ("job", Some(output::n(j.job_id))),
                    ("order", Some(output::n(j.order_id))),
                    ("status", j.status.as_ref().map(|s| s.to_string())),
                    (
                        "pair",
                        Some(format!(
                            "{} -> {}",
                            output::s(&j.lc_src),
                            output::s(&j.lc_tgt)
                        )),
                    ),
                    ("tier", j.tier.as_ref().map(|t| t.to_string())),
                    ("units", j.unit_count.map(|u| u.to_string())),
                    ("credits", j.credits.map(output::money)),
                    ("source", j.body_src.clone()),
                    ("translation", j.body_tgt.clone()),
                ],
            );
            Ok(())
        }
        Command::OrderStatus { id } => {
            let o = client(cli)?.get_order(*id)?;
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
        Command::Approve {
            id,
            rating,
            for_translator,
        } => {
            let c = client(cli)?;
            confirm(cli, &c, &format!("approve job {id} (final)"))?;
            c.approve_job(
                *id,
                &Approval {
                    rating: *rating,
                    for_translator: for_translator.clone(),
                    ..Default::default()
                },
            )?;
            out.done(&format!("job {id} approved"));
            Ok(())
        }
        Command::Revise { id, comment } => {
            let c = client(cli)?;
            confirm(cli, &c, &format!("send job {id} back for revision"))?;
            c.revise_job(*id, comment)?;
            out.done(&format!("job {id} sent back for revision"));
            Ok(())
        }
        Command::Reject {
            id,
            reason,
            comment,
            follow_up,
        } => {
            // gengo-core checks reason and follow_up (its messages, nothing sent).
            let c = client(cli)?;
            confirm(cli, &c, &format!("reject job {id}"))?;
            c.call(
                "reject_job",
                &json!({"id": id, "reason": reason, "comment": comment, "follow_up": follow_up}),
            )?;
            out.done(&format!("job {id} rejected"));
            Ok(())
        }
        Command::Cancel { id } => {
            let c = client(cli)?;
            confirm(cli, &c, &format!("cancel job {id}"))?;
            c.cancel_job(*id)?;
            out.done(&format!("job {id} cancelled"));
            Ok(())
        }
        Command::Comments { id } => {
            let c = client(cli)?.job_comments(*id)?;
            out.table(
                &c,
                &["when", "author", "comment"],
                c.iter()
                    .map(|x| {
                        vec![
                            x.ctime.as_ref().map(output::time).unwrap_or_default(),
                            output::s(&x.author),
                            output::s(&x.body),
                        ]
                    })
                    .collect(),
            );
            Ok(())
        }
        Command::Comment { id, text, file } => {
            client(cli)?.post_job_comment(
                *id,
                &NewComment {
                    body: text.clone(),
                    files: file.clone(),
                    ..Default::default()
                },
            )?;
            out.done(&format!("comment posted on job {id}"));
            Ok(())
        }
        // Handled in main: its exit status says whether the order is done.
        Command::Watch { .. } => Ok(()),
        // Handled in main: `sync status` exits by the project's state.
        Command::Sync { .. } => Ok(()),
        Command::Call { operation, params } => {
            let p: Value = match params.strip_prefix('@') {
                Some(path) => read_json(&PathBuf::from(path))?,
                None => serde_json::from_str(params).map_err(|e| {
                    gengo_core::Error::invalid_argument(format!("params are not JSON: {e}"))
                })?,
            };
            let v = client(cli)?.call(operation, &p)?;
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
            Ok(())
        }
        Command::Operations => {
            let ops = gengo_core::ops::describe_all();
            let rows = ops
                .as_array()
                .into_iter()
                .flatten()
                .map(|o| {
                    // Required parameters plain, optional ones in brackets.
                    let params = o["params"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|p| {
                            let name = p["name"].as_str().unwrap_or_default();
                            if p["required"].as_bool().unwrap_or(false) {
                                name.to_string()
                            } else {
                                format!("[{name}]")
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(" ");
                    vec![
                        output::v(&o["name"]),
                        output::v(&o["alias"]),
                        output::v(&o["method"]),
                        output::v(&o["path"]),
                        params,
                        output::v(&o["doc"]),
                    ]
                })
                .collect();
            out.table(
                &ops,
                &[
                    "operation",
                    "official name",
                    "method",
                    "path",
                    "parameters",
                    "what",
                ],
                rows,
            );
            Ok(())
        }
    }
}

/// Prints a quote's jobs: units, credits, currency, eta and any per-job error.
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

/// Refuses to `what` on Gengo's own servers unless `--yes` was given, or the user types
/// `yes` at a terminal; nothing is sent before. A local sandbox needs no confirmation.
/// `--clock`: what `ClockMode::parse` reads.
fn parse_clock(s: &str) -> Result<ClockMode, String> {
    ClockMode::parse(s)
        .ok_or_else(|| format!("{s:?}: expected real, fast, fast:N (N > 0) or manual"))
}

/// A rate limit in requests a minute; `None` is off. (An alias, so that clap parses the
/// whole option with [`parse_rate_limit`] instead of treating the argument as optional.)
type PerMinute = Option<u32>;

/// `--rate-limit`: a number of requests a minute, or `off` (also `0`).
fn parse_rate_limit(s: &str) -> Result<PerMinute, String> {
    match s {
        "off" | "0" => Ok(None),
        n => n
            .parse::<u32>()
            .map(Some)
            .map_err(|_| format!("{s:?}: expected a number or off")),
    }
}

fn confirm(cli: &Cli, client: &Client, what: &str) -> gengo_core::Result<()> {
    confirm_with(cli, client, what, || Ok(()))
}

/// [`confirm`], showing `preview` (an order's quote) before asking at a terminal.
fn confirm_with(
    cli: &Cli,
    client: &Client,
    what: &str,
    preview: impl FnOnce() -> gengo_core::Result<()>,
) -> gengo_core::Result<()> {
    use std::io::{BufRead, IsTerminal, Write};
    if cli.yes || !client.config().is_gengo_host() {
        return Ok(());
    }
    let host = client.config().base_url().to_string();
    if std::io::stdin().is_terminal() && !cli.json {
        preview()?;
        eprint!("About to {what} on {host}. Type yes to continue: ");
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if answer.trim().eq_ignore_ascii_case("yes") {
            return Ok(());
        }
    }
    Err(gengo_core::Error::invalid_argument(format!(
        "this would {what} on {host}; nothing was sent. Rerun with --yes to confirm (for an order, --dry-run shows its quote first)"
    )))
}

/// Exit status of `gengo watch` when the order is still in progress at `--max-wait`
/// (not an error: the order goes on).
const STILL_IN_PROGRESS: u8 = 4;

fn watch(
    cli: &Cli,
    out: &Out,
    id: u64,
    interval: Option<f64>,
    max_wait: f64,
) -> gengo_core::Result<ExitCode> {
    let interval = match interval {
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
    let c = client(cli)?;
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
            if cli.json {
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Watch {
            id,
            interval,
            max_wait,
        } => watch(&cli, &Out { json: cli.json }, *id, *interval, *max_wait),
        Command::Sync { config, action } => sync::run(
            &Out { json: cli.json },
            || client(&cli),
            |c, what, preview| confirm_with(&cli, c, what, preview),
            config,
            action,
        ),
        _ => run(&cli).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if cli.json {
                eprintln!("{}", e.to_json());
            } else {
                eprintln!("gengo: {e}");
            }
            ExitCode::from(e.kind().exit_code())
        }
    }
}
