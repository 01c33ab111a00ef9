//! The fast lane of `order_jobs`: an order streamed job by job straight into its encoded
//! form (from a typed order, a binding's own objects or JSON text), without a tree of the
//! whole order. Every job goes through the same rule as [`super::prepare()`]'s; anything the
//! stream cannot say exactly is left to that path, which decides (and gives the error).

use serde_json::{Map, Value};

use super::Prepared;
use super::encoding::form_bytes_into;
use super::preparing::check_reserved;
use crate::ops::Operation;
use crate::validate;

/// `order_jobs` for a typed order without a tree of the whole order: the order-level
/// fields and then each job go through the same rules as [`prepare()`](super::prepare())'s (each job as its
/// own short list of fields, validated, written into the `data` text and dropped), so a 10,000-job
/// order never exists as one `serde_json::Value`. `None` whenever [`prepare()`](super::prepare()) must decide
/// (any rule refuses, a job key repeats, no jobs, an extra field named like a known one):
/// the caller then prepares the order the usual way, which gives the error. `Some` is the
/// request [`prepare()`](super::prepare()) + [`Prepared::freeze`] give, byte for byte.
pub fn prepare_order(order: &crate::requests::OrderRequest) -> Option<Prepared> {
    if order.jobs.is_empty() {
        return None;
    }
    let mut keys = std::collections::HashSet::with_capacity(order.jobs.len());
    if !order.jobs.iter().all(|(k, _)| keys.insert(k.as_str())) {
        return None;
    }
    // The order without its jobs, serialised as the whole order would be (its `jobs`
    // first, here empty): the same fields in the same order.
    // (Field by field: `..order.clone()` would copy the jobs too.)
    let rest = crate::requests::OrderRequest {
        jobs: Vec::new(),
        as_group: order.as_group,
        comment: order.comment.clone(),
        attachments: order.attachments.clone(),
        tone: order.tone.clone(),
        purpose: order.purpose.clone(),
        reference_id: order.reference_id,
        extra: order.extra.clone(),
    };
    let Ok(Value::Object(mut top)) = serde_json::to_value(&rest) else {
        return None;
    };
    // `jobs` must be the empty map `rest` wrote, and first (an extra field named `jobs`
    // replaces the jobs in the whole order's tree).
    if order.extra.contains_key("jobs") || top.keys().next().map(String::as_str) != Some("jobs") {
        return None;
    }
    match top.shift_remove("jobs") {
        Some(Value::Object(m)) if m.is_empty() => {}
        _ => return None,
    }
    // No other row of the generic checks applies: `jobs` is the only required param
    // (present) and the order has no id lists.
    let texts: usize = order
        .jobs
        .iter()
        .map(|(k, j)| {
            k.len()
                + [
                    &j.body_src,
                    &j.custom_data,
                    &j.comment,
                    &j.slug,
                    &j.callback_url,
                ]
                .into_iter()
                .flatten()
                .map(String::len)
                .sum::<usize>()
        })
        .sum();
    let mut w = OrderForm::new(3 * texts + 512 * order.jobs.len() + 4096);
    for (key, job) in &order.jobs {
        w.job(key, crate::fields::FieldList::of(job)?)?;
    }
    w.finish(&crate::ops::ORDER_JOBS, top)
}

/// Writes an order's `data` straight into its form encoding, a job at a time, so neither
/// the whole order's tree nor its JSON text exists: `data=` and the percent-encoded
/// `{"jobs":{...},<order-level fields>}`. Each job is checked by the same rule as the tree
/// path's ([`validate::order_job`]).
struct OrderForm {
    form: Vec<u8>,
    scratch: Vec<u8>,
    jobs: usize,
}

impl OrderForm {
    /// `capacity` is reserved generously: capacity that is never written costs no memory.
    fn new(capacity: usize) -> OrderForm {
        let mut w = OrderForm {
            form: Vec::with_capacity(capacity),
            scratch: Vec::with_capacity(1024),
            jobs: 0,
        };
        w.form.extend_from_slice(b"data=");
        w.put_scratch_of(b"{\"jobs\":{");
        w
    }

    fn put_scratch_of(&mut self, text: &[u8]) {
        form_bytes_into(&mut self.form, text);
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.scratch);
        self.put_scratch_of(&text);
        self.scratch = text;
        self.scratch.clear();
    }

    /// One job: checked (and normalised) as the tree path does, then written.
    fn job<F: crate::fields::Fields + serde::Serialize>(
        &mut self,
        key: &str,
        mut job: F,
    ) -> Option<()> {
        validate::order_job(&mut job, key).ok()?;
        if self.jobs > 0 {
            self.scratch.push(b',');
        }
        serde_json::to_writer(&mut self.scratch, key).ok()?;
        self.scratch.push(b':');
        serde_json::to_writer(&mut self.scratch, &job).ok()?;
        self.flush();
        self.jobs += 1;
        Some(())
    }

    /// The order-level fields (checked here, as the tree path checks them) after the jobs;
    /// the request of `op` (`order_jobs`).
    fn finish(mut self, op: &'static Operation, mut top: Map<String, Value>) -> Option<Prepared> {
        if self.jobs == 0 {
            return None;
        }
        check_reserved(&top).ok()?;
        validate::order_fields(&mut top).ok()?;
        self.scratch.push(b'}');
        for (k, v) in &top {
            self.scratch.push(b',');
            serde_json::to_writer(&mut self.scratch, k).ok()?;
            self.scratch.push(b':');
            serde_json::to_writer(&mut self.scratch, v).ok()?;
        }
        self.scratch.push(b'}');
        self.flush();
        Some(Prepared {
            op,
            path: op.path.to_string(),
            query: Vec::new(),
            data: None,
            data_json: None,
            data_form: Some(self.form),
            files: Vec::new(),
        })
    }
}

/// `order_jobs` params fed a job at a time (a binding walking its own objects, or a
/// stream of JSON text), written straight into the request without a tree of the whole
/// order. Each job goes through the same rules as [`prepare()`](super::prepare())'s; the order-level fields
/// come last, to [`OrderStream::finish`]. Any `None` means the tree path must decide
/// (the caller then prepares the whole params the usual way, which gives the error): a
/// job that is not an object, a repeated key, no jobs, a rule refusing. `Some` from
/// `finish` is the request [`prepare()`](super::prepare()) + [`Prepared::freeze`] give for params whose first
/// key is `jobs` (the jobs in the order fed) followed by the order-level fields, byte for
/// byte.
pub struct OrderStream {
    form: OrderForm,
    keys: std::collections::HashSet<String>,
}

impl OrderStream {
    /// A stream for an order of about `size_hint` bytes of JSON (capacity only).
    pub fn new(size_hint: usize) -> OrderStream {
        OrderStream {
            form: OrderForm::new(size_hint.saturating_mul(2).saturating_add(4096)),
            keys: std::collections::HashSet::new(),
        }
    }

    /// The next job, under its caller-chosen key: checked, normalised and written.
    pub fn job(&mut self, key: String, job: Value) -> Option<()> {
        let Value::Object(job) = job else {
            return None;
        };
        self.job_fields(key, job)
    }

    /// [`OrderStream::job`] for a job given as its fields in order (as a binding walking
    /// its own object has them): no map is built for it.
    pub fn job_fields(
        &mut self,
        key: String,
        fields: impl IntoIterator<Item = (String, Value)>,
    ) -> Option<()> {
        self.job_list(key, crate::fields::FieldList::from_entries(fields))
    }

    fn job_list(&mut self, key: String, job: crate::fields::FieldList) -> Option<()> {
        self.form.job(&key, job)?;
        self.keys.insert(key).then_some(())
    }

    /// The order-level fields (everything but `jobs`, in the params' order): checked as
    /// the tree path checks them; the request of `op`, a row whose params stream
    /// (`order_jobs`).
    pub fn finish(self, op: &'static Operation, rest: Map<String, Value>) -> Option<Prepared> {
        if rest.contains_key("jobs") || !op.streams {
            return None;
        }
        self.form.finish(op, rest)
    }
}

/// `order_jobs` params given as JSON text (the C ABI), without a tree of the whole order:
/// [`order_from_json`] into an [`OrderStream`]. `Some` is the request
/// [`prepare()`](super::prepare()) + [`Prepared::freeze`] give for the parsed text, byte for
/// byte; `None` whenever the tree path must decide.
pub fn prepare_order_json(text: &str) -> Option<Prepared> {
    let mut order = OrderStream::new(text.len());
    let rest = order_from_json(text, &mut order)?;
    order.finish(&crate::ops::ORDER_JOBS, rest)
}

/// Reads order params given as JSON text as a stream, each job into `order`; returns the
/// order-level fields (in their order). `None` whenever the tree path must decide: not
/// JSON, `jobs` not the first key or not an object of job objects, a repeated key, any
/// rule refusing a job (the tree path then gives the error).
pub fn order_from_json(text: &str, order: &mut OrderStream) -> Option<Map<String, Value>> {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};

    struct Top<'a>(&'a mut OrderStream);
    struct Jobs<'a>(&'a mut OrderStream);

    fn bail<E: serde::de::Error>() -> E {
        E::custom(crate::lenient::BAIL)
    }

    impl<'de> DeserializeSeed<'de> for Jobs<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
            d.deserialize_map(self)
        }
    }
    impl<'de> Visitor<'de> for Jobs<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("jobs keyed by the caller's keys")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
            while let Some(k) = map.next_key::<String>()? {
                let job = map.next_value::<crate::fields::FieldList>()?;
                self.0.job_list(k, job).ok_or_else(bail)?;
            }
            Ok(())
        }
    }
    impl<'de> Visitor<'de> for Top<'_> {
        type Value = Map<String, Value>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("order params")
        }
        fn visit_map<A: MapAccess<'de>>(
            self,
            mut map: A,
        ) -> std::result::Result<Map<String, Value>, A::Error> {
            if map.next_key::<String>()?.as_deref() != Some("jobs") {
                return Err(bail());
            }
            map.next_value_seed(Jobs(self.0))?;
            let mut top = Map::new();
            while let Some(k) = map.next_key::<String>()? {
                let v: Value = map.next_value()?;
                if k == "jobs" || top.insert(k, v).is_some() {
                    return Err(bail());
                }
            }
            Ok(top)
        }
    }

    let mut de = serde_json::Deserializer::from_str(text);
    let top = (&mut de).deserialize_map(Top(order)).ok()?;
    de.end().ok()?;
    Some(top)
}
