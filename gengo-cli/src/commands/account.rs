//! The account and the service: `balance`, `stats`, `languages`, `pairs`.

use clap::Args;

use crate::Ctx;
use crate::output;

/// The arguments of `gengo balance`.
#[derive(Args)]
pub struct Balance {}

impl Balance {
    /// Runs `gengo balance`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let out = &ctx.out;
        let b = ctx.client()?.account_balance()?;
        out.record(
            &b,
            &[
                ("credits", b.credits.map(output::money)),
                ("currency", b.currency.clone()),
            ],
        );
        Ok(())
    }
}

/// The arguments of `gengo stats`.
#[derive(Args)]
pub struct Stats {}

impl Stats {
    /// Runs `gengo stats`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let out = &ctx.out;
        let s = ctx.client()?.account_stats()?;
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
}

/// The arguments of `gengo languages`.
#[derive(Args)]
pub struct Languages {}

impl Languages {
    /// Runs `gengo languages`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let out = &ctx.out;
        let l = ctx.client()?.languages()?;
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
}

/// The arguments of `gengo pairs`.
#[derive(Args)]
pub struct Pairs {
    /// Only pairs from this source language.
    #[arg(long)]
    pub src: Option<String>,
}

impl Pairs {
    /// Runs `gengo pairs`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let Self { src } = self;
        let out = &ctx.out;
        let p = ctx.client()?.language_pairs(src.as_deref())?;
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
}
