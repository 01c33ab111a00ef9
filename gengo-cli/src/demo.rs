//! `gengo demo`: the whole Gengo workflow on an in-process sandbox, end to end.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use gengo_core::models::{Job, JobStatus, Tier};
use gengo_core::requests::{Approval, FollowUp, NewJob, OrderRequest, RejectReason, Rejection};
use gengo_core::{CallbackEvent, Client, Config, Error, ErrorKind, Result, parse_callback};
use gengo_sandbox::{CallbackReceiver, ClockMode, Options, Sandbox, State};

use crate::output::{Out, money, progress_line, status_counts, table};

const DEADLINE: Duration = Duration::from_secs(50);

fn io(e: std::io::Error) -> Error {
    Error::invalid_argument(format!("demo: {e}"))
}

fn find<'a>(jobs: &'a [Job], custom: &str) -> Result<&'a Job> {
    jobs.iter()
        .find(|j| j.custom_data.as_deref() == Some(custom))
        .ok_or_else(|| Error::invalid_argument(format!("demo: job {custom} missing")))
}

/// The demo's world: a sandbox on a fast clock, a callback receiver, a client.
struct Demo<'a> {
    out: &'a Out,
    started: Instant,
    sandbox: Sandbox,
    receiver: CallbackReceiver,
    client: Client,
    /// The last progress line printed.
    last: String,
}

/// The two orders' ids, by name.
type Orders = [(&'static str, u64); 2];

impl<'a> Demo<'a> {
    fn start(speed: f64, out: &'a Out) -> Result<Demo<'a>> {
        if !(speed.is_finite() && speed > 0.0) {
            return Err(Error::invalid_argument("--speed must be a positive number"));
        }
        let started = Instant::now();
        let sandbox = Sandbox::start(
            "127.0.0.1:0",
            Options {
                clock: ClockMode::Fast(speed),
                rate_limit_per_minute: None,
                ..Options::default()
            },
        )
        .map_err(io)?;
        let receiver = CallbackReceiver::start().map_err(io)?;
        let (public, private) = State::demo_keys();
        let client = Client::new(
            Config::builder()
                .keys(public, private)
                .base_url(sandbox.url())
                .rate_limit_per_minute(None)
                .app_name("gengo-demo")
                .build()?,
        );
        let demo = Demo {
            out,
            started,
            sandbox,
            receiver,
            client,
            last: String::new(),
        };
        demo.say(&format!(
            "sandbox on {} (clock x{speed}); callbacks to {}",
            demo.sandbox.url(),
            demo.receiver.url()
        ));
        Ok(demo)
    }

    fn say(&self, text: &str) {
        if !self.out.json {
            println!("[{:>5.1}s] {text}", self.started.elapsed().as_secs_f64());
        }
    }

    /// Polls every order until `done` holds for the jobs, printing progress as it changes.
    fn wait_until(&mut self, orders: &Orders, done: impl Fn(&[Job]) -> bool) -> Result<Vec<Job>> {
        loop {
            let mut ids = Vec::new();
            let mut line = Vec::new();
            for (name, id) in orders {
                let o = self.client.get_order(*id)?;
                let counts = status_counts(&o);
                line.push(format!(
                    "{name}: {}",
                    progress_line(o.jobs_queued.unwrap_or(0), &counts)
                ));
                ids.extend(o.job_ids());
            }
            let line = line.join("  |  ");
            if line != self.last {
                self.say(&line);
                self.last = line;
            }
            let jobs = if ids.is_empty() {
                Vec::new()
            } else {
                self.client.get_jobs(&ids)?
            };
            if !jobs.is_empty() && done(&jobs) {
                return Ok(jobs);
            }
            if self.started.elapsed() > DEADLINE {
                return Err(Error::new(
                    ErrorKind::Timeout,
                    "demo: the simulated translators did not finish in time",
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The two orders: a website's two standard jobs, and a menu's (pro, with a comment),
    /// a Japanese news line and a free machine job.
    fn orders(&self) -> (OrderRequest, OrderRequest) {
        let job = |key: &str, text: &str, src: &str, tgt: &str, tier: Tier| {
            NewJob::text(text, src, tgt, tier)
                .slug(key)
                .custom_data(key)
                .callback_url(self.receiver.url())
        };
        let website = OrderRequest::new([
            (
                "welcome",
                job(
                    "welcome",
                    "Welcome to our shop! Every order ships within two days.",
                    "en",
                    "ja",
                    Tier::Standard,
                ),
            ),
            (
                "shipping",
                job(
                    "shipping",
                    "Free shipping on orders over [[[$50]]].",
                    "en",
                    "ja",
                    Tier::Standard,
                ),
            ),
        ]);
        let mut menu = OrderRequest::new([
            (
                "menu",
                job(
                    "menu",
                    "Fresh bread and soup of the day, served until noon.",
                    "en",
                    "fr",
                    Tier::Pro,
                )
                .comment("Friendly tone, please: this is for a cafe."),
            ),
            (
                "news",
                job(
                    "news",
                    "新しいコレクションが届きました。",
                    "ja",
                    "en",
                    Tier::Standard,
                ),
            ),
            (
                "thanks",
                job(
                    "thanks",
                    "Thank you for your order!",
                    "en",
                    "es",
                    Tier::Machine,
                ),
            ),
        ]);
        menu.comment = Some("These texts go on our website and menu board.".into());
        (website, menu)
    }

    /// Quotes both orders' jobs, then places them.
    fn quote_and_order(&self, website: &OrderRequest, menu: &OrderRequest) -> Result<Orders> {
        let quote = self.client.quote(
            &website
                .jobs
                .iter()
                .chain(menu.jobs.iter())
                .cloned()
                .collect::<Vec<_>>(),
        )?;
        let quoted: gengo_core::Decimal = quote
            .jobs
            .as_ref()
            .map(|q| q.0.iter().filter_map(|(_, e)| e.credits).sum())
            .unwrap_or_default();
        self.say(&format!("quote: {} USD for 5 jobs", money(quoted)));
        let r1 = self.client.order_jobs(website)?;
        let r2 = self.client.order_jobs(menu)?;
        let (o1, o2) = (
            r1.order_id.unwrap_or_default(),
            r2.order_id.unwrap_or_default(),
        );
        self.say(&format!(
            "ordered {o1} (grouped as {}) for {} USD",
            r1.group_id.map(|g| g.to_string()).unwrap_or("-".into()),
            money(r1.credits_used.unwrap_or_default())
        ));
        self.say(&format!(
            "ordered {o2} (with a comment; the machine job is free and done at once) for {} USD",
            money(r2.credits_used.unwrap_or_default())
        ));
        Ok([("website", o1), ("menu", o2)])
    }

    /// The reviews: approve two, ask for a revision, reject one; then approve the
    /// revised and re-translated jobs. Returns the approved jobs and the revised job's id.
    fn review(&mut self, orders: &Orders) -> Result<(Vec<Job>, u64)> {
        let human_ready = |jobs: &[Job]| {
            jobs.len() == 5
                && jobs
                    .iter()
                    .all(|j| matches!(j.status, Some(JobStatus::Reviewable | JobStatus::Approved)))
        };
        let jobs = self.wait_until(orders, human_ready)?;
        let welcome = find(&jobs, "welcome")?.job_id.unwrap_or_default();
        let shipping = find(&jobs, "shipping")?.job_id.unwrap_or_default();
        let menu_id = find(&jobs, "menu")?.job_id.unwrap_or_default();
        let news = find(&jobs, "news")?.job_id.unwrap_or_default();
        let c = &self.client;
        c.approve_job(
            welcome,
            &Approval {
                rating: Some(5),
                for_translator: Some("Great work, thank you!".into()),
                ..Default::default()
            },
        )?;
        self.say(&format!(
            "approved {welcome} (welcome) with a 5-star rating"
        ));
        c.approve_job(menu_id, &Approval::rated(4))?;
        self.say(&format!("approved {menu_id} (menu)"));
        c.revise_job(shipping, "Please keep the price exactly as written.")?;
        self.say(&format!("asked for a revision of {shipping} (shipping)"));
        c.reject_job(
            news,
            &Rejection::new(RejectReason::Quality, "The tone is too literal.")
                .follow_up(FollowUp::Requeue),
        )?;
        self.say(&format!(
            "rejected {news} (news); it goes to another translator"
        ));
        let again = |jobs: &[Job]| {
            jobs.iter()
                .all(|j| matches!(j.status, Some(JobStatus::Reviewable | JobStatus::Approved)))
                && jobs
                    .iter()
                    .filter(|j| j.status == Some(JobStatus::Reviewable))
                    .count()
                    == 2
        };
        self.wait_until(orders, again)?;
        self.client.approve_job(shipping, &Approval::rated(5))?;
        self.client.approve_job(news, &Approval::rated(4))?;
        self.say(&format!(
            "approved the revised {shipping} and the re-translated {news}"
        ));
        let jobs = self.wait_until(orders, |jobs| {
            jobs.iter().all(|j| j.status == Some(JobStatus::Approved))
        })?;
        Ok((jobs, shipping))
    }

    /// The callbacks received, counted by kind (after a moment for the last ones).
    fn callbacks(&self) -> BTreeMap<String, usize> {
        let bodies = self.receiver.wait_for(1, Duration::from_millis(300));
        std::thread::sleep(Duration::from_millis(300));
        let bodies = if bodies.len() < self.receiver.bodies().len() {
            self.receiver.bodies()
        } else {
            bodies
        };
        let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
        for b in &bodies {
            let key = match parse_callback(b.as_bytes(), Some("application/x-www-form-urlencoded"))
            {
                Ok(CallbackEvent::Job(j)) => format!(
                    "job {}",
                    j.status.map(|s| s.to_string()).unwrap_or_default()
                ),
                Ok(CallbackEvent::Comment(_)) => "translator comment".into(),
                Ok(_) => "other".into(),
                Err(_) => "unreadable".into(),
            };
            *by_kind.entry(key).or_default() += 1;
        }
        by_kind
    }
}

/// What the demo shows at the end.
struct Report {
    orders: Orders,
    jobs: Vec<Job>,
    balance_before: gengo_core::Decimal,
    balance_after: gengo_core::Decimal,
    revisions: usize,
    by_kind: BTreeMap<String, usize>,
}

impl Report {
    fn print(&self, out: &Out, started: Instant) {
        let spent = self.balance_before - self.balance_after;
        if out.json {
            let list: Vec<serde_json::Value> = self
                .jobs
                .iter()
                .map(gengo_core::lenient::Lenient::to_json)
                .collect();
            println!(
                "{}",
                serde_json::json!({
                    "orders": [self.orders[0].1, self.orders[1].1], "jobs": list, "credits_spent": money(spent),
                    "balance": money(self.balance_after), "callbacks": self.by_kind,
                    "seconds": started.elapsed().as_secs_f64(),
                })
            );
            return;
        }
        println!();
        let mut rows: Vec<Vec<String>> = self
            .jobs
            .iter()
            .map(|j| {
                vec![
                    j.custom_data.clone().unwrap_or_default(),
                    format!(
                        "{}->{}",
                        j.lc_src.clone().unwrap_or_default(),
                        j.lc_tgt.clone().unwrap_or_default()
                    ),
                    j.tier.as_ref().map(|t| t.to_string()).unwrap_or_default(),
                    j.unit_count.map(|u| u.to_string()).unwrap_or_default(),
                    j.credits.map(money).unwrap_or_default(),
                    j.body_tgt.clone().unwrap_or_default(),
                ]
            })
            .collect();
        rows.sort();
        print!(
            "{}",
            table(
                &["job", "pair", "tier", "units", "credits", "translation"],
                &rows
            )
        );
        println!();
        println!(
            "credits spent: {} USD (balance {} -> {})",
            money(spent),
            money(self.balance_before),
            money(self.balance_after)
        );
        println!("the revised job has {} revisions", self.revisions);
        println!(
            "callbacks received: {}",
            self.by_kind
                .iter()
                .map(|(k, v)| format!("{v} x {k}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        println!("done in {:.1} s", started.elapsed().as_secs_f64());
    }
}

/// Runs the demo.
pub fn run(speed: f64, out: &Out) -> Result<()> {
    let mut demo = Demo::start(speed, out)?;
    let balance_before = demo.client.account_balance()?.credits.unwrap_or_default();
    let languages = demo.client.languages()?;
    let pairs = demo.client.language_pairs(None)?;
    demo.say(&format!(
        "{} languages, {} pairs and tiers; balance {} USD",
        languages.len(),
        pairs.len(),
        money(balance_before)
    ));
    let (website, menu) = demo.orders();
    let orders = demo.quote_and_order(&website, &menu)?;
    let (jobs, revised) = demo.review(&orders)?;
    let report = Report {
        orders,
        by_kind: demo.callbacks(),
        balance_after: demo.client.account_balance()?.credits.unwrap_or_default(),
        revisions: demo.client.job_revisions(revised)?.len(),
        jobs,
        balance_before,
    };
    report.print(out, demo.started);
    Ok(())
}
