//! What is said about a job: comments, feedback and revisions.

use rust_decimal::Decimal;

use crate::lenient::{Time, model};

model! {
    /// A comment of a job or order thread.
    pub struct Comment {
        /// The text.
        body: String = "body",
        /// `customer`, `translator` (or older spellings, kept as sent).
        author: String = "author",
        /// Creation time.
        ctime: Time = "ctime",
        /// Job id (callbacks).
        job_id: u64 = "job_id",
        /// Custom data of the job (callbacks).
        custom_data: String = "custom_data",
        /// Translated file link (callbacks).
        file_url_tgt: String = "file_url_tgt",
    }
}

model! {
    /// `{"thread": [...]}`: job and order comments.
    pub struct Thread {
        /// The comments, oldest first.
        thread: Vec<Comment> = "thread",
    }
}

model! {
    /// A job's feedback.
    pub struct Feedback {
        /// Rating (1 to 5; older servers send `"3.0"`).
        rating: Decimal = "rating",
        /// The customer's words for the translator.
        for_translator: String = "for_translator",
    }
}

model! {
    /// `{"feedback": ...}`.
    pub struct FeedbackEnvelope {
        /// The feedback.
        feedback: Feedback = "feedback",
    }
}

model! {
    /// An entry of a job's revision list.
    pub struct RevisionRef {
        /// Revision id.
        rev_id: u64 = "rev_id",
        /// Creation time.
        ctime: Time = "ctime",
    }
}

model! {
    /// `{"job_id", "revisions": [...]}`.
    pub struct Revisions {
        /// The job id.
        job_id: u64 = "job_id",
        /// The revisions.
        revisions: Vec<RevisionRef> = "revisions",
    }
}

model! {
    /// One revision's text.
    pub struct Revision {
        /// Revision id, when sent.
        rev_id: u64 = "rev_id",
        /// Creation time.
        ctime: Time = "ctime",
        /// The translation at this revision.
        body_tgt: String = "body_tgt",
    }
}

model! {
    /// `{"revision": ...}`.
    pub struct RevisionEnvelope {
        /// The revision.
        revision: Revision = "revision",
    }
}
