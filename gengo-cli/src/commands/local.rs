//! Commands that run here: `gengo demo` and `gengo sandbox`.

use std::time::Duration;

use clap::Args;
use gengo_sandbox::{ClockMode, Options, Profile, State};
use serde_json::json;

use crate::Ctx;

/// The arguments of `gengo demo`.
#[derive(Args)]
pub struct Demo {
    /// Sandbox seconds per real second.
    #[arg(long, default_value_t = 150.0)]
    pub speed: f64,
}

impl Demo {
    /// Runs `gengo demo`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let Self { speed } = self;
        let out = &ctx.out;
        crate::demo::run(*speed, out)
    }
}

/// The arguments of `gengo sandbox`.
#[derive(Args)]
pub struct Sandbox {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8290")]
    pub addr: String,
    /// How sandbox time passes: real, fast (x100), fast:N (N sandbox seconds per
    /// second), or manual (moves only through POST /_sandbox/advance).
    #[arg(long, default_value = "real", value_parser = parse_clock, value_name = "real|fast|fast:N|manual")]
    pub clock: ClockMode,
    /// current (numbers) or docs2014 (strings, as the 2014 docs show them).
    #[arg(long, default_value = "current", value_parser = clap::builder::PossibleValuesParser::new(gengo_sandbox::Profile::NAMES))]
    pub profile: String,
    /// Requests per minute per client address, or off.
    #[arg(long, default_value = "150", value_parser = parse_rate_limit, value_name = "N|off")]
    pub rate_limit: PerMinute,
    /// Hours before reviewable jobs are approved automatically.
    #[arg(long, default_value_t = 120.0)]
    pub review_hours: f64,
    /// auto (translators pick jobs up on the sandbox clock) or manual (jobs stay
    /// available until POST /_sandbox/jobs/{id}/status moves them).
    #[arg(long, default_value = "auto", value_parser = ["auto", "manual"])]
    pub translators: String,
    /// Give the demo account a glossary (accounts start with none, as on Gengo).
    #[arg(long)]
    pub seed_glossary: bool,
}

impl Sandbox {
    /// Runs `gengo sandbox`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let Self {
            addr,
            clock,
            profile,
            rate_limit,
            review_hours,
            translators,
            seed_glossary,
        } = self;
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
        let sb = gengo_sandbox::Sandbox::start(addr, opts).map_err(|e| {
            gengo_core::Error::invalid_argument(format!("cannot listen on {addr}: {e}"))
        })?;
        let (public, private) = State::demo_keys();
        // The sandbox's demo keys are public test values, not secrets.
        if ctx.out.json {
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
}

/// `--clock`: what `ClockMode::parse` reads.
pub fn parse_clock(s: &str) -> Result<ClockMode, String> {
    ClockMode::parse(s)
        .ok_or_else(|| format!("{s:?}: expected real, fast, fast:N (N > 0) or manual"))
}

/// A rate limit in requests a minute; `None` is off. (An alias, so that clap parses the
/// whole option with [`parse_rate_limit`] instead of treating the argument as optional.)
pub type PerMinute = Option<u32>;

/// `--rate-limit`: a number of requests a minute, or `off` (also `0`).
pub fn parse_rate_limit(s: &str) -> Result<PerMinute, String> {
    match s {
        "off" | "0" => Ok(None),
        n => n
            .parse::<u32>()
            .map(Some)
            .map_err(|_| format!("{s:?}: expected a number or off")),
    }
}
