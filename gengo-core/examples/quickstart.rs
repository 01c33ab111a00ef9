//! The README's Rust quickstart, run by CI against `gengo sandbox` exactly as the README
//! shows it (tests/readme_blocks.py checks the two are the same text).
//!
//!     GENGO_BASE_URL=... GENGO_PUBLIC_KEY=... GENGO_PRIVATE_KEY=... cargo run -p gengo-core --example quickstart

fn main() -> Result<(), gengo_core::Error> {
    // quickstart:start
    use gengo_core::{
        Client, Config, Wait,
        models::Tier,
        requests::{Approval, NewJob, OrderRequest},
    };
    use std::time::Duration;

    let client = Client::new(Config::from_env()?); // GENGO_PUBLIC_KEY, GENGO_PRIVATE_KEY, GENGO_BASE_URL
    let receipt = client.order_jobs(&OrderRequest::new([(
        "greeting",
        NewJob::text("Hello, world", "en", "ja", Tier::Standard).custom_data("row-17"),
    )]))?;
    let order_id = receipt.order_id.expect("an order id");
    // Translators take minutes to days: wait (or take callbacks), then review.
    let order = client.wait_for_order(order_id, &Wait::up_to(Duration::from_secs(600)), |_| {})?;
    for id in order.jobs_reviewable.unwrap_or_default() {
        let job = client.get_job(id)?;
        println!(
            "{} -> {}",
            job.body_src.unwrap_or_default(),
            job.body_tgt.unwrap_or_default()
        );
        client.approve_job(id, &Approval::rated(5))?;
    }
    // Any operation by canonical name or the official clients' name, JSON in and out:
    let order = client.call(
        "getTranslationOrderJobs",
        &serde_json::json!({"id": order_id}),
    )?;
    println!("approved: {}", order["order"]["jobs_approved"]);
    // quickstart:end
    Ok(())
}
