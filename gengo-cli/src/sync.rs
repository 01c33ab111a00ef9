//! `gengo sync init | push | status | pull`: localisation files in, translations out
//! (gengo-sync).

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use std::path::PathBuf;

use clap::{Args, Subcommand};
use gengo_core::Decimal;
use gengo_core::requests::Approval;
use gengo_sync::init::InitOptions;
use gengo_sync::{Progress, Project, PushOptions};
use indicatif::{ProgressBar, ProgressStyle};

use crate::Ctx;
use crate::output::{self, Out};

/// The `gengo sync` subcommands.
#[derive(Subcommand)]
pub enum SyncAction {
    /// Write gengo-sync.toml for the locale files found here (never over an existing one).
    Init {
        /// The source language: files named by it are the sources.
        #[arg(long, default_value = "en")]
        source: String,
        /// The languages to order, comma-separated (default: those whose files sit beside
        /// the sources already).
        #[arg(long, value_delimiter = ',')]
        target: Vec<String>,
        /// standard or pro (machine: a free dry run of the whole pipeline).
        #[arg(long, default_value = "standard")]
        tier: String,
        /// A project identity, to keep this project's jobs apart from another's on the
        /// same account (set once, never change it).
        #[arg(long)]
        project: Option<String>,
    },
    /// Order every string that is new or changed since it was last ordered (after quoting it).
    Push {
        /// Quote and stop: nothing is ordered.
        #[arg(long)]
        dry_run: bool,
        /// Refuse to order when the quote is above this many credits.
        #[arg(long)]
        max_credits: Option<Decimal>,
        /// Order under gengo-sync.toml's project identity although this checkout ordered
        /// under another (its strings are ordered, and paid, again).
        #[arg(long)]
        new_project: bool,
        /// When another run placed the same order first, wait this many seconds for its
        /// jobs to appear.
        #[arg(long, value_name = "SECONDS", default_value_t = 300.0)]
        duplicate_wait: f64,
    },
    /// Per language: untranslated, ordered, in progress, reviewable, approved, written, failed.
    /// Exit 0 when every string is approved, 4 while jobs are with Gengo, a translator or
    /// waiting for review, 5 when strings were never ordered, 6 when some failed.
    Status,
    /// Fetch finished translations and write the target files.
    Pull {
        /// Approve reviewable jobs first.
        #[arg(long)]
        approve: bool,
        /// The rating that goes with --approve (1 to 5).
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
        rating: Option<u8>,
        /// First wait up to this many seconds until no job of the project is waiting for
        /// Gengo or a translator (polled every 30 minutes on Gengo's hosts, as Gengo asks;
        /// every half second on a local sandbox).
        #[arg(long, value_name = "SECONDS")]
        wait: Option<f64>,
    },
}

fn err(e: gengo_sync::Error) -> gengo_core::Error {
    match e {
        gengo_sync::Error::Api(e) => e,
        other => gengo_core::Error::invalid_argument(other.to_string()),
    }
}

/// Progress on stderr: a bar on a terminal; elsewhere (a CI log) a line every 10 seconds
/// of a long run and when it ends; nothing with --json.
fn bar(out: &Out) -> impl FnMut(Progress) {
    use std::io::IsTerminal;
    let json = out.json;
    let terminal = std::io::stderr().is_terminal();
    let pb = if json || !terminal {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(0)
    };
    pb.set_style(
        ProgressStyle::with_template("{msg:>8} [{bar:30}] {pos}/{len} jobs")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = std::time::Instant::now();
    let mut last_line = started;
    move |p| {
        let (msg, done, total) = match p {
            Progress::Ordered { done, total } => ("ordered", done, total),
            Progress::Scanned { done, total } => ("read", done, total),
        };
        pb.set_message(msg);
        pb.set_length(total as u64);
        pb.set_position(done as u64);
        if done >= total {
            pb.finish_and_clear();
        }
        if !json && !terminal {
            let now = std::time::Instant::now();
            let long = now.duration_since(started) >= Duration::from_secs(10);
            if now.duration_since(last_line) >= Duration::from_secs(10) || (long && done >= total) {
                eprintln!("{msg} {done} of {total} jobs");
                last_line = now;
            }
        }
    }
}

/// Waits (gengo-sync's rule) until no job of the project is with Gengo or a translator,
/// saying on stderr how many are.
fn wait_for_translators(
    project: &mut Project,
    c: &gengo_core::Client,
    secs: f64,
    out: &Out,
) -> gengo_core::Result<()> {
    let timeout = std::time::Duration::from_secs_f64(secs.clamp(0.0, 1e9));
    let interval = gengo_core::wait::default_interval(c.config());
    let left = project
        .wait(c, timeout, interval, &mut |busy| {
            if !out.json {
                eprintln!("waiting: {busy} jobs with Gengo or a translator");
            }
        })
        .map_err(err)?;
    if left > 0 && !out.json {
        eprintln!("{left} jobs still with Gengo or a translator; pulling what is done");
    }
    Ok(())
}

/// The arguments of `gengo sync`.
#[derive(Args)]
pub struct SyncArgs {
    /// The project file (its folder is the project's root).
    #[arg(long, default_value = "gengo-sync.toml")]
    pub config: PathBuf,
    #[command(subcommand)]
    pub action: SyncAction,
}

/// Runs a `gengo sync` subcommand for the project of `config`.
pub fn run(ctx: &Ctx, args: &SyncArgs) -> gengo_core::Result<ExitCode> {
    let config = args.config.as_path();
    match &args.action {
        SyncAction::Init {
            source,
            target,
            tier,
            project,
        } => init(&ctx.out, config, source, target, tier, project),
        SyncAction::Push {
            dry_run,
            max_credits,
            new_project,
            duplicate_wait,
        } => push(
            ctx,
            config,
            *dry_run,
            *max_credits,
            *new_project,
            *duplicate_wait,
        ),
        SyncAction::Status => status(ctx, config),
        SyncAction::Pull {
            approve,
            rating,
            wait,
        } => pull(ctx, config, *approve, *rating, *wait),
    }
}

/// `gengo sync push`.
fn push(
    ctx: &Ctx,
    config: &Path,
    dry_run: bool,
    max_credits: Option<Decimal>,
    new_project: bool,
    duplicate_wait: f64,
) -> gengo_core::Result<ExitCode> {
    let out = &ctx.out;
    let mut project = Project::open(config).map_err(err)?;

    let c = ctx.client()?;
    let duplicate_wait = Duration::try_from_secs_f64(duplicate_wait).map_err(|_| {
        gengo_core::Error::invalid_argument("--duplicate-wait must be a number of seconds >= 0")
    })?;
    let opts = PushOptions {
        dry_run: true,
        max_credits,
        duplicate_wait,
        new_project,
    };
    if !dry_run {
        // Spending on Gengo's own hosts needs --yes (or a typed yes after the quote).
        ctx.confirm_with(
            &c,
            "order the new and changed strings (it spends credits)",
            || {
                let mut p = Project::open(config).map_err(err)?;
                let q = p.push(&c, &opts, &mut |_| {}).map_err(err)?;
                eprintln!(
                    "{} jobs, quoted {} credits",
                    q.jobs,
                    output::money(q.quoted_credits)
                );
                Ok(())
            },
        )?;
    }
    let opts = PushOptions { dry_run, ..opts };
    let r = project.push(&c, &opts, &mut bar(out)).map_err(err)?;
    let summary = if r.jobs == 0 {
        "nothing new or changed: nothing ordered".to_string()
    } else if r.ordered_jobs == 0 && !r.dry_run {
        format!(
            "nothing ordered: the {} new or changed jobs were ordered by another run",
            r.jobs
        )
    } else if r.dry_run {
        format!(
            "dry run: {} jobs would cost {} credits; nothing was ordered",
            r.jobs,
            output::money(r.quoted_credits)
        )
    } else {
        format!(
            "ordered {} jobs in {} order{}, quoted {} credits",
            r.ordered_jobs,
            r.orders.len(),
            if r.orders.len() == 1 { "" } else { "s" },
            output::money(r.quoted_credits)
        )
    };
    let mut rows = vec![("push", Some(summary))];
    if r.read_jobs > 0 {
        rows.push((
            "learnt",
            Some(format!(
                "read {} jobs of the account to learn what it holds",
                r.read_jobs
            )),
        ));
    }
    if r.found_jobs > 0 {
        rows.push((
                    "found",
                    Some(format!(
                        "{} jobs already at Gengo (ordered from another checkout or run): not ordered again",
                        r.found_jobs
                    )),
                ));
    }
    if r.reconciled_jobs > 0 {
        rows.push((
            "reconciled",
            Some(format!(
                "{} jobs of an interrupted run were found at Gengo",
                r.reconciled_jobs
            )),
        ));
    }
    if r.concurrent_jobs > 0 {
        rows.push((
                    "concurrent",
                    Some(format!(
                        "{} jobs were ordered by a concurrent run first (Gengo refused the same order twice)",
                        r.concurrent_jobs
                    )),
                ));
    }
    if r.canceled_duplicates > 0 {
        rows.push((
            "canceled",
            Some(format!(
                "{} jobs ordered twice by concurrent runs were canceled (refunded)",
                r.canceled_duplicates
            )),
        ));
    }
    if !r.orders.is_empty() {
        rows.push((
            "orders",
            Some(
                r.orders
                    .iter()
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ));
    }
    out.record(&r, &rows);
    Ok(ExitCode::SUCCESS)
}

/// `gengo sync status`: exits by the project's state.
fn status(ctx: &Ctx, config: &Path) -> gengo_core::Result<ExitCode> {
    let out = &ctx.out;
    let mut project = Project::open(config).map_err(err)?;

    let c = ctx.client()?;
    let s = project.status(Some(&c), &mut bar(out)).map_err(err)?;
    let rows = s
        .languages
        .iter()
        .map(|(l, x)| {
            [
                l.clone(),
                x.untranslated.to_string(),
                x.ordered.to_string(),
                x.in_progress.to_string(),
                x.reviewable.to_string(),
                x.approved.to_string(),
                x.written.to_string(),
                x.failed.to_string(),
            ]
            .to_vec()
        })
        .collect();
    out.table(
        &s,
        &[
            "language",
            "untranslated",
            "ordered",
            "in progress",
            "reviewable",
            "approved",
            "written",
            "failed",
        ],
        rows,
    );
    if !out.json {
        println!("credits spent: {}", output::money(s.credits_spent));
        if s.unconfirmed_orders > 0 {
            println!(
                "{} order(s) of an interrupted push are not confirmed yet: `gengo sync push` reconciles them",
                s.unconfirmed_orders
            );
        }
        if s.duplicates > 0 {
            println!(
                "{} strings were ordered more than once (concurrent runs with different edits)",
                s.duplicates
            );
        }
        for p in &s.problems {
            println!("not written: {p}");
        }
        println!(
            "state: {} (exit {})",
            serde_json::to_value(s.state)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            s.state.exit_code()
        );
    }
    Ok(ExitCode::from(s.state.exit_code()))
}

/// `gengo sync pull`.
fn pull(
    ctx: &Ctx,
    config: &Path,
    approve: bool,
    rating: Option<u8>,
    wait: Option<f64>,
) -> gengo_core::Result<ExitCode> {
    let out = &ctx.out;
    let mut project = Project::open(config).map_err(err)?;

    let c = ctx.client()?;
    if let Some(secs) = wait {
        wait_for_translators(&mut project, &c, secs, out)?;
    }
    let approval = approve.then(|| Approval {
        rating,
        ..Default::default()
    });
    if approval.is_some() {
        ctx.confirm_with(
            &c,
            "approve every reviewable job of this project",
            || Ok(()),
        )?;
    }
    let r = project.pull(&c, approval, &mut bar(out)).map_err(err)?;
    out.record(
        &r,
        &[
            ("approved", Some(r.approved.to_string())),
            ("written", Some(format!("{} translations", r.written))),
            ("files", Some(r.files.join(", "))),
            (
                "problems",
                (!r.problems.is_empty()).then(|| r.problems.join("; ")),
            ),
        ],
    );
    Ok(ExitCode::SUCCESS)
}

fn init(
    out: &Out,
    config: &Path,
    source: &str,
    target: &[String],
    tier: &str,
    project: &Option<String>,
) -> gengo_core::Result<ExitCode> {
    let r = gengo_sync::init::init(
        config,
        &InitOptions {
            source_language: source.to_string(),
            target_languages: target.to_vec(),
            tier: tier.to_string(),
            project: project.clone(),
        },
    )
    .map_err(err)?;
    let files: Vec<String> = r
        .files
        .iter()
        .map(|f| format!("{} -> {}", f.source, f.target))
        .collect();
    out.record(
        &serde_json::json!({
            "config": r.path.display().to_string(),
            "files": r.files.iter().map(|f| serde_json::json!({"source": f.source, "target": f.target})).collect::<Vec<_>>(),
            "target_languages": r.target_languages,
        }),
        &[
            ("wrote", Some(r.path.display().to_string())),
            ("languages", Some(r.target_languages.join(", "))),
            ("files", Some(files.join("; "))),
        ],
    );
    Ok(ExitCode::SUCCESS)
}
