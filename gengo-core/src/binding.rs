//! The one door every binding goes through (the C ABI, the Python wheel, the JSON
//! dispatcher [`Client::call`](crate::Client::call)): name an operation, hand over its
//! params as the binding holds them, and get back the normalised result or the payload as
//! sent.
//!
//! ```text
//! binding::prepare(name, params) -> Request   the operation looked up once; its params
//!                                             streamed job by job into the request when
//!                                             the row says so (order_jobs), else checked
//!                                             and encoded as one tree
//! Client::send(request, want)    -> Reply     sent (retries, one deadline, secrets
//!                                             redacted), the answer read as wanted
//! ```
//!
//! A binding implements [`Params`] for what it holds (a JSON text, its own dicts) and
//! never asks which operation streams: the row decides. The two halves are apart so that a
//! binding can prepare while it holds its interpreter's lock and send without it.
//!
//! # One parameter's walk
//!
//! Python's `client.approve_job(42, rating=5)`: the generated method hands `{"id": 42,
//! "rating": 5}` to the native `call_obj`, which calls [`prepare`] with the dict.
//! [`prepare`] looks `approve_job` up once ([`ops::lookup`]); its row does not stream, so
//! the dict becomes one JSON object ([`Params::into_value`]) and [`wire::prepare_owned`]
//! checks it once (`validate::check`: `rating` is 1 to 5), puts `id` in the path and
//! encodes `rating` into the body once. [`Client::send`](crate::Client::send) signs and
//! sends it ([`crate::transport`]: retries resend the same bytes), reads the envelope once
//! ([`crate::envelope`]) and the payload once, as wanted ([`crate::normal`]). The C ABI's
//! `gengo_client_call("approve_job", "{\"id\":42,\"rating\":5}")` is the same walk with
//! [`JsonText`] as the params (and an order's JSON text is streamed job by job into its
//! request instead of parsed into a tree: [`OrderStream`]). No module is entered twice, and
//! no operation is looked up twice.

use serde_json::{Map, Value};

use crate::client::Output;
use crate::ops::{self, Operation};
use crate::wire::{self, Prepared};
use crate::{Error, Result};

pub use crate::normal::{JsonSink, Normalized, emit_response};
pub use crate::wire::OrderStream;

/// A call's params as a binding holds them.
pub trait Params {
    /// What reading the params can fail with besides gengo-core's own errors (a binding's
    /// own exception, say).
    type Error: From<Error>;

    /// The params as one JSON object (`null` for none).
    fn into_value(self) -> std::result::Result<Value, Self::Error>;

    /// Writes an order's jobs into `order`, in order, and returns the order's other
    /// fields, in order, when the params are an object whose first key is `jobs` holding
    /// jobs by key. `Ok(None)` (the default) leaves it to the tree ([`Params::into_value`]),
    /// which decides and gives any error. Asked only of an operation whose row streams.
    fn stream_into(
        &mut self,
        order: &mut OrderStream,
    ) -> std::result::Result<Option<Map<String, Value>>, Self::Error> {
        let _ = order;
        Ok(None)
    }

    /// About how many bytes of JSON the params hold (for capacity only).
    fn size_hint(&self) -> usize {
        0
    }
}

impl Params for Value {
    type Error = Error;
    fn into_value(self) -> Result<Value> {
        Ok(self)
    }
}

/// Params given as JSON text (the C ABI): streamed when the row says so, else parsed once.
#[derive(Debug, Clone, Copy)]
pub struct JsonText<'a> {
    text: &'a str,
    what: &'static str,
}

impl<'a> JsonText<'a> {
    /// `text`, named `what` in errors (`params_json is not valid JSON: ...`).
    pub fn new(text: &'a str, what: &'static str) -> JsonText<'a> {
        JsonText { text, what }
    }
}

impl Params for JsonText<'_> {
    type Error = Error;
    fn into_value(self) -> Result<Value> {
        serde_json::from_str(self.text)
            .map_err(|e| Error::invalid_argument(format!("{} is not valid JSON: {e}", self.what)))
    }
    fn stream_into(&mut self, order: &mut OrderStream) -> Result<Option<Map<String, Value>>> {
        Ok(wire::order_from_json(self.text, order))
    }
    fn size_hint(&self) -> usize {
        self.text.len()
    }
}

/// A call ready to send: its operation looked up, its params checked and encoded. Nothing
/// has been sent.
#[derive(Debug)]
pub struct Request {
    prepared: Prepared,
    streamed: bool,
}

impl Request {
    /// The operation.
    pub fn operation(&self) -> &'static Operation {
        self.prepared.op
    }

    /// Whether the params were streamed into the request (no tree of them was built).
    pub fn streamed(&self) -> bool {
        self.streamed
    }

    pub(crate) fn into_prepared(self) -> Prepared {
        self.prepared
    }
}

/// Prepares a call of the operation `name` (canonical, or the official clients' alias):
/// the operation is looked up once; its params are streamed into the request when its row
/// says they stream and the params let them, else checked and encoded as one tree. Errors
/// (an unknown operation, bad params) come before anything is sent.
pub fn prepare<P: Params>(name: &str, mut params: P) -> std::result::Result<Request, P::Error> {
    let op = ops::lookup(name)?;
    if op.streams {
        let mut order = OrderStream::new(params.size_hint());
        if let Some(rest) = params.stream_into(&mut order)?
            && let Some(prepared) = order.finish(op, rest)
        {
            return Ok(Request {
                prepared,
                streamed: true,
            });
        }
    }
    let mut prepared = wire::prepare_owned(op, params.into_value()?)?;
    prepared.freeze();
    Ok(Request {
        prepared,
        streamed: false,
    })
}

/// What a binding wants back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// The normalised result (ids and counts as integers, money as decimal strings,
    /// flags as booleans, statuses canonical; bytes as `{content_type, size, base64}`).
    Normalized,
    /// The payload exactly as the server sent it (for compatibility layers).
    AsSent,
}

/// What came back.
#[derive(Debug)]
pub enum Reply {
    /// [`Want::Normalized`]: typed payloads are read straight from the body and written
    /// as text ([`Normalized::to_json_string`]) or events ([`Normalized::emit`]) without a
    /// tree.
    Normalized(Normalized),
    /// [`Want::AsSent`], a clean success: the body, unread (its envelope's `response` is
    /// the payload; [`emit_response`] writes it as events).
    Body(Vec<u8>),
    /// [`Want::AsSent`], anything else: the payload as sent, or a file's bytes.
    Output(Output),
}
