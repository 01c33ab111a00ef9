//! Orders: the receipt of an order and an order's state.

use rust_decimal::Decimal;

use super::ReceiptJobs;
use crate::lenient::model;

model! {
    /// The receipt of `order_jobs` (POST translate/jobs).
    pub struct OrderReceipt {
        /// The new order's id.
        order_id: u64 = "order_id",
        /// Number of jobs sent.
        job_count: i64 = "job_count",
        /// Credits charged.
        credits_used: Decimal = "credits_used",
        /// Currency.
        currency: String = "currency",
        /// Group id, when the jobs were grouped.
        group_id: u64 = "group_id",
        /// Old or repeated jobs returned instead of new ones.
        jobs: ReceiptJobs = "jobs",
    }
}

model! {
    /// An order and the ids of its jobs by status.
    pub struct Order {
        /// Order id.
        order_id: u64 = "order_id",
        /// Total credits.
        total_credits: Decimal = "total_credits",
        /// Currency.
        currency: String = "currency",
        /// Total billable units.
        total_units: i64 = "total_units",
        /// Total number of jobs.
        total_jobs: i64 = "total_jobs",
        /// Whether the jobs are grouped.
        as_group: bool = "as_group",
        /// Number of jobs still queued (0 when processed).
        jobs_queued: i64 = "jobs_queued",
        /// Ids of available jobs.
        jobs_available: Vec<u64> = "jobs_available",
        /// Ids of pending jobs.
        jobs_pending: Vec<u64> = "jobs_pending",
        /// Ids of reviewable jobs.
        jobs_reviewable: Vec<u64> = "jobs_reviewable",
        /// Ids of approved jobs.
        jobs_approved: Vec<u64> = "jobs_approved",
        /// Ids of revising jobs.
        jobs_revising: Vec<u64> = "jobs_revising",
        /// Ids of cancelled jobs.
        jobs_cancelled: Vec<u64> = "jobs_cancelled",
        /// Ids of held jobs.
        jobs_held: Vec<u64> = "jobs_held",
        /// Ids of rejected jobs.
        jobs_rejected: Vec<u64> = "jobs_rejected",
    }
}

impl Order {
    /// Whether Gengo has finished queueing the order (`jobs_queued` is 0).
    pub fn is_processed(&self) -> bool {
        self.jobs_queued == Some(0)
    }
    /// Whether any job still waits for Gengo or a translator (queued, available,
    /// pending or revising). Reviewable jobs wait for you, not for Gengo.
    pub fn in_progress(&self) -> bool {
        self.jobs_queued.unwrap_or(0) > 0
            || [
                &self.jobs_available,
                &self.jobs_pending,
                &self.jobs_revising,
            ]
            .into_iter()
            .any(|l| l.as_ref().is_some_and(|v| !v.is_empty()))
    }

    /// All job ids the order lists, in status order.
    pub fn job_ids(&self) -> Vec<u64> {
        [
            &self.jobs_available,
            &self.jobs_pending,
            &self.jobs_reviewable,
            &self.jobs_revising,
            &self.jobs_approved,
            &self.jobs_rejected,
            &self.jobs_cancelled,
            &self.jobs_held,
        ]
        .into_iter()
        .flatten()
        .flatten()
        .copied()
        .collect()
    }
}

model! {
    /// `{"order": ...}`: the response of `get_order`, and of `cancel_order` on servers
    /// that return the order (Decision D6; older servers return `{}`).
    pub struct OrderEnvelope {
        /// The order.
        order: Order = "order",
    }
}
