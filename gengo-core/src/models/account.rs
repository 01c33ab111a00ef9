//! The account: statistics, balance, the user, preferred translators; glossaries,
//! job groups, acknowledgements and downloads.

use rust_decimal::Decimal;
use serde_json::Value;

use super::{JobSummary, Tier};
use crate::lenient::{Time, model};

model! {
    /// Account statistics.
    pub struct AccountStats {
        /// Credits spent so far.
        credits_spent: Decimal = "credits_spent",
        /// Account creation time.
        user_since: Time = "user_since",
        /// Currency.
        currency: String = "currency",
        /// Billing type (`Pre-pay`, ...).
        billing_type: String = "billing_type",
        /// Customer type (`Retail`, ...).
        customer_type: String = "customer_type",
    }
}

model! {
    /// The account balance.
    pub struct Balance {
        /// Credits available.
        credits: Decimal = "credits",
        /// Currency.
        currency: String = "currency",
    }
}

model! {
    /// The account's own details.
    pub struct Me {
        /// E-mail address.
        email: String = "email",
        /// Full name.
        full_name: String = "full_name",
        /// Display name.
        display_name: String = "display_name",
        /// Preferred language.
        language_code: String = "language_code",
    }
}

model! {
    /// A preferred translator.
    pub struct Translator {
        /// Translator id.
        id: u64 = "id",
        /// Jobs this translator did for the account.
        number_of_jobs: i64 = "number_of_jobs",
        /// Last login time.
        last_login: Time = "last_login",
    }
}

model! {
    /// Preferred translators for one pair and tier.
    pub struct PreferredTranslators {
        /// Source language.
        lc_src: String = "lc_src",
        /// Target language.
        lc_tgt: String = "lc_tgt",
        /// Tier.
        tier: Tier = "tier",
        /// The translators.
        translators: Vec<Translator> = "translators",
    }
}

model! {
    /// A glossary.
    pub struct Glossary {
        /// Glossary id.
        id: u64 = "id",
        /// Status code.
        status: i64 = "status",
        /// Source language code (`en-US`).
        source_language_code: String = "source_language_code",
        /// Source language id.
        source_language_id: u64 = "source_language_id",
        /// Description.
        description: String = "description",
        /// Title (file name).
        title: String = "title",
        /// Target languages as `[id, code]` pairs.
        target_languages: Value = "target_languages",
        /// Whether the glossary is public.
        is_public: bool = "is_public",
        /// Number of entries.
        unit_count: i64 = "unit_count",
        /// Owner id.
        customer_user_id: u64 = "customer_user_id",
        /// Creation time.
        ctime: Time = "ctime",
    }
}

model! {
    /// A legacy job group (`job_group`).
    pub struct JobGroup {
        /// The group's jobs.
        jobs: Vec<JobSummary> = "jobs",
        /// Creation time.
        ctime: Time = "ctime",
    }
}

model! {
    /// An empty success (`{}`), with anything a server added kept in `extra`.
    pub struct Ack {}
}

/// Raw bytes returned by `download_glossary` and `job_preview`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    /// The response's `Content-Type`, when sent.
    pub content_type: Option<String>,
    /// The body, unmodified.
    pub bytes: Vec<u8>,
}
