//! `gengo sync push | status | pull`: localisation files in, translations out (gengo-sync).

use std::path::Path;

use clap::Subcommand;
use gengo_core::Decimal;
use gengo_core::requests::Approval;
use gengo_sync::{Progress, Project, PushOptions};
use indicatif::{ProgressBar, ProgressStyle};

use crate::output::{self, Out};

/// The `gengo sync` subcommands.
#[derive(Subcommand)]
pub enum SyncAction {
    /// Order every string that is new or changed since it was last ordered (after quoting it).
    Push {
        /// Quote and stop: nothing is ordered.
        #[arg(long)]
        dry_run: bool,
        /// Refuse to order when the quote is above this many credits.
        #[arg(long)]
        max_credits: Option<Decimal>,
    },
    /// Per language: untranslated, ordered, in progress, reviewable, approved, written, failed.
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

/// A progress bar on stderr (drawn only on a terminal, and never with --json).
fn bar(out: &Out) -> impl FnMut(Progress) {
    let pb = if out.json {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(0)
    };
    pb.set_style(
        ProgressStyle::with_template("{msg:>8} [{bar:30}] {pos}/{len} jobs")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    move |p| {
        let (msg, done, total) = match p {
            Progress::Ordered { done, total } => ("ordered", done, total),
            Progress::Fetched { done, total } => ("fetched", done, total),
        };
        pb.set_message(msg);
        pb.set_length(total as u64);
        pb.set_position(done as u64);
        if done >= total {
            pb.finish_and_clear();
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

/// Runs a `gengo sync` subcommand for the project of `config`.
pub fn run(
    out: &Out,
    client: impl Fn() -> gengo_core::Result<gengo_core::Client>,
    confirm: impl Fn(
        &gengo_core::Client,
        &str,
        &dyn Fn() -> gengo_core::Result<()>,
    ) -> gengo_core::Result<()>,
    config: &Path,
    action: &SyncAction,
) -> gengo_core::Result<()> {
    let mut project = Project::open(config).map_err(err)?;
    match action {
        SyncAction::Push {
            dry_run,
            max_credits,
        } => {
            let c = client()?;
            let opts = PushOptions {
                dry_run: true,
                max_credits: *max_credits,
            };
            if !dry_run {
                // Spending on Gengo's own hosts needs --yes (or a typed yes after the quote).
                confirm(
                    &c,
                    "order the new and changed strings (it spends credits)",
                    &|| {
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
            let opts = PushOptions {
                dry_run: *dry_run,
                max_credits: *max_credits,
            };
            let r = project.push(&c, &opts, &mut bar(out)).map_err(err)?;
            let summary = if r.jobs == 0 {
                "nothing new or changed: nothing ordered".to_string()
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
            if r.reconciled_jobs > 0 {
                rows.push((
                    "reconciled",
                    Some(format!(
                        "{} jobs of an interrupted run were found at Gengo",
                        r.reconciled_jobs
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
            Ok(())
        }
        SyncAction::Status => {
            let c = client()?;
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
                for p in &s.problems {
                    println!("not written: {p}");
                }
            }
            Ok(())
        }
        SyncAction::Pull {
            approve,
            rating,
            wait,
        } => {
            let c = client()?;
            if let Some(secs) = wait {
                wait_for_translators(&mut project, &c, *secs, out)?;
            }
            let approval = approve.then(|| Approval {
                rating: *rating,
                ..Default::default()
            });
            if approval.is_some() {
                confirm(&c, "approve every reviewable job of this project", &|| {
                    Ok(())
                })?;
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
            Ok(())
        }
    }
}
