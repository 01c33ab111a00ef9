//! One job at a time: `jobs`, `job`, `approve`, `revise`, `reject`, `cancel`, `comments`,
//! `comment`.

use std::path::PathBuf;

use clap::Args;
use gengo_core::requests::{Approval, JobFilter, NewComment};
use serde_json::json;

use crate::Ctx;
use crate::output;

/// The arguments of `gengo jobs`.
#[derive(Args)]
pub struct Jobs {
    /// Only this status.
    #[arg(long)]
    pub status: Option<String>,
    /// At most this many (1 to 200).
    #[arg(long)]
    pub count: Option<u32>,
}

impl Jobs {
    /// Runs `gengo jobs`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let Self { status, count } = self;
        let out = &ctx.out;
        let l = ctx.client()?.list_jobs(&JobFilter {
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
}

/// The arguments of `gengo job`.
#[derive(Args)]
pub struct Job {
    /// Job id.
    pub id: u64,
}

impl Job {
    /// Runs `gengo job`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let Self { id } = self;
        let out = &ctx.out;
        let j = ctx.client()?.get_job(*id)?;
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
}

/// The arguments of `gengo approve`.
#[derive(Args)]
pub struct Approve {
    /// Job id.
    pub id: u64,
    /// 1 to 5.
    #[arg(long)]
    pub rating: Option<u8>,
    /// Feedback for the translator.
    #[arg(long)]
    pub for_translator: Option<String>,
}

impl Approve {
    /// Runs `gengo approve`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let Self {
            id,
            rating,
            for_translator,
        } = self;
        let out = &ctx.out;
        let c = ctx.client()?;
        ctx.confirm(&c, &format!("approve job {id} (final)"))?;
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
}

/// The arguments of `gengo revise`.
#[derive(Args)]
pub struct Revise {
    /// Job id.
    pub id: u64,
    /// What to change.
    #[arg(long)]
    pub comment: String,
}

impl Revise {
    /// Runs `gengo revise`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let Self { id, comment } = self;
        let out = &ctx.out;
        let c = ctx.client()?;
        ctx.confirm(&c, &format!("send job {id} back for revision"))?;
        c.revise_job(*id, comment)?;
        out.done(&format!("job {id} sent back for revision"));
        Ok(())
    }
}

/// The arguments of `gengo reject`.
#[derive(Args)]
pub struct Reject {
    /// Job id.
    pub id: u64,
    /// Why.
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(gengo_core::validate::REJECT_REASONS))]
    pub reason: String,
    /// Why.
    #[arg(long)]
    pub comment: String,
    /// What then (requeue by default).
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(gengo_core::validate::FOLLOW_UPS))]
    pub follow_up: Option<String>,
}

impl Reject {
    /// Runs `gengo reject`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let Self {
            id,
            reason,
            comment,
            follow_up,
        } = self;
        let out = &ctx.out;
        // gengo-core checks reason and follow_up (its messages, nothing sent).
        let c = ctx.client()?;
        ctx.confirm(&c, &format!("reject job {id}"))?;
        c.call(
            "reject_job",
            &json!({"id": id, "reason": reason, "comment": comment, "follow_up": follow_up}),
        )?;
        out.done(&format!("job {id} rejected"));
        Ok(())
    }
}

/// The arguments of `gengo cancel`.
#[derive(Args)]
pub struct Cancel {
    /// Job id.
    pub id: u64,
}

impl Cancel {
    /// Runs `gengo cancel`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let Self { id } = self;
        let out = &ctx.out;
        let c = ctx.client()?;
        ctx.confirm(&c, &format!("cancel job {id}"))?;
        c.cancel_job(*id)?;
        out.done(&format!("job {id} cancelled"));
        Ok(())
    }
}

/// The arguments of `gengo comments`.
#[derive(Args)]
pub struct Comments {
    /// Job id.
    pub id: u64,
}

impl Comments {
    /// Runs `gengo comments`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let Self { id } = self;
        let out = &ctx.out;
        let c = ctx.client()?.job_comments(*id)?;
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
}

/// The arguments of `gengo comment`.
#[derive(Args)]
pub struct Comment {
    /// Job id.
    pub id: u64,
    /// The comment.
    pub text: String,
    /// Files to attach.
    #[arg(long)]
    pub file: Vec<PathBuf>,
}

impl Comment {
    /// Runs `gengo comment`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let Self { id, text, file } = self;
        let out = &ctx.out;
        ctx.client()?.post_job_comment(
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
}
