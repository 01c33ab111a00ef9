//! `gengo`: run a local Gengo sandbox, watch the whole workflow in `gengo demo`, and
//! use Gengo from the shell (keys from `GENGO_PUBLIC_KEY`/`GENGO_PRIVATE_KEY`, base URL
//! from `GENGO_BASE_URL`).

mod commands;
mod demo;
mod output;
mod sync;

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use gengo_core::{Client, Config};
use serde_json::Value;

use output::Out;

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
    #[arg(long = "client-rate-limit", global = true, value_parser = commands::local::parse_rate_limit, value_name = "N|off")]
    client_rate_limit: Option<commands::local::PerMinute>,
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
    Demo(commands::local::Demo),
    /// Run the local sandbox server for other programs.
    Sandbox(commands::local::Sandbox),
    /// Credits available.
    Balance(commands::account::Balance),
    /// Account statistics.
    Stats(commands::account::Stats),
    /// Languages Gengo serves.
    Languages(commands::account::Languages),
    /// Language pairs with tiers and prices.
    Pairs(commands::account::Pairs),
    /// Price jobs without ordering: a JSON file like `order`'s, or one text.
    Quote(commands::orders::Quote),
    /// Order jobs from a JSON file ({"jobs": {...}, ...}). Spends credits.
    Order(commands::orders::Order),
    /// Recent jobs.
    Jobs(commands::jobs::Jobs),
    /// One job.
    Job(commands::jobs::Job),
    /// An order and its jobs by status.
    OrderStatus(commands::orders::OrderStatus),
    /// Approve a reviewable job.
    Approve(commands::jobs::Approve),
    /// Send a reviewable job back with what to change.
    Revise(commands::jobs::Revise),
    /// Reject a reviewable job.
    Reject(commands::jobs::Reject),
    /// Cancel an available job.
    Cancel(commands::jobs::Cancel),
    /// A job's comments.
    Comments(commands::jobs::Comments),
    /// Comment on a job.
    Comment(commands::jobs::Comment),
    /// Follow an order until no job is waiting for a translator.
    Watch(commands::orders::Watch),
    /// Localisation files in, human translations out (gengo-sync.toml; a cache in .gengo/).
    Sync(sync::SyncArgs),
    /// Any operation by name or official alias, with JSON params (or @file).
    Call(commands::table::Call),
    /// The operation table.
    Operations(commands::table::Operations),
}

/// What every command shares: the global options, the output style, and the client and
/// the confirmation they make.
pub struct Ctx {
    cli: Cli,
    /// Tables or JSON.
    pub out: Out,
}

impl Ctx {
    /// A client from the environment and the global options.
    pub fn client(&self) -> gengo_core::Result<Client> {
        let cli = &self.cli;
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

    /// Refuses to `what` on Gengo's own servers unless `--yes` was given, or the user
    /// types `yes` at a terminal; nothing is sent before. A local sandbox needs no
    /// confirmation.
    pub fn confirm(&self, client: &Client, what: &str) -> gengo_core::Result<()> {
        self.confirm_with(client, what, || Ok(()))
    }

    /// [`Ctx::confirm`], showing `preview` (an order's quote) before asking at a terminal.
    pub fn confirm_with(
        &self,
        client: &Client,
        what: &str,
        preview: impl FnOnce() -> gengo_core::Result<()>,
    ) -> gengo_core::Result<()> {
        use std::io::{BufRead, IsTerminal, Write};
        if self.cli.yes || !client.config().is_gengo_host() {
            return Ok(());
        }
        let host = client.config().base_url().to_string();
        if std::io::stdin().is_terminal() && !self.out.json {
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

    /// Runs the command.
    fn run(&self) -> gengo_core::Result<ExitCode> {
        match &self.cli.command {
            Command::Demo(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::Sandbox(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::Balance(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::Stats(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::Languages(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::Pairs(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::Quote(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::Order(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::Jobs(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::Job(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::OrderStatus(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::Approve(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::Revise(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::Reject(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::Cancel(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::Comments(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::Comment(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::Watch(c) => c.run(self),
            Command::Call(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::Operations(c) => c.run(self).map(|()| ExitCode::SUCCESS),
            Command::Sync(s) => sync::run(self, s),
        }
    }
}

/// A JSON file's content.
pub fn read_json(path: &Path) -> gengo_core::Result<Value> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        gengo_core::Error::invalid_argument(format!("cannot read {}: {e}", path.display()))
    })?;
    serde_json::from_str(&text).map_err(|e| {
        gengo_core::Error::invalid_argument(format!("{} is not JSON: {e}", path.display()))
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = Out { json: cli.json };
    let ctx = Ctx { cli, out };
    match ctx.run() {
        Ok(code) => code,
        Err(e) => {
            if ctx.out.json {
                eprintln!("{}", e.to_json());
            } else {
                eprintln!("gengo: {e}");
            }
            ExitCode::from(e.kind().exit_code())
        }
    }
}
