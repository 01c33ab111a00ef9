//! What every binding reads the same way from gengo-core's definitions: which parameters
//! a method takes positionally, and which models the operations return.

use std::collections::BTreeSet;

use gengo_core::lenient::{ModelShape, Shape};
use gengo_core::models::model_shapes;
use gengo_core::ops::{OPERATIONS, Operation, Param};

/// `approve_job` -> `approveJob`.
pub fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in snake.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `JobStatus` -> `JOB_STATUS`, `Queued` -> `QUEUED`.
pub fn upper_snake(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_uppercase());
    }
    out
}

/// The params a method takes positionally: the required ones, but not a fixed action.
pub fn positional(op: &Operation) -> Vec<&'static Param> {
    op.params
        .iter()
        .filter(|p| p.required && !(p.name == "action" && op.action.is_some()))
        .collect()
}

/// The params a method takes by name: every other documented one but the action.
pub fn optional(op: &Operation) -> Vec<&'static Param> {
    let pos = positional(op);
    op.params
        .iter()
        .filter(|p| !pos.iter().any(|q| q.name == p.name) && p.name != "action")
        .collect()
}

/// The models a binding meets: those the operations return, the callback event, and the
/// models they hold,
/// each once, every model after the models it holds.
pub fn reachable_models() -> Vec<ModelShape> {
    let all = model_shapes();
    let find = |name: &str| {
        all.iter()
            .find(|m| m.name == name)
            .unwrap_or_else(|| panic!("model {name} is not in models::model_shapes()"))
            .clone()
    };
    let mut out: Vec<ModelShape> = Vec::new();
    let mut seen = BTreeSet::new();
    fn visit(
        m: ModelShape,
        find: &dyn Fn(&str) -> ModelShape,
        seen: &mut BTreeSet<&'static str>,
        out: &mut Vec<ModelShape>,
    ) {
        if !seen.insert(m.name) {
            return;
        }
        for f in &m.fields {
            for held in held_models(&f.shape) {
                visit(find(held), find, seen, out);
            }
        }
        out.push(m);
    }
    for op in OPERATIONS {
        if let Some(m) = op.result.model() {
            visit(m, &find, &mut seen, &mut out);
        }
    }
    // What a callback URL receives (gengo_core::parse_callback).
    visit(find("CallbackEvent"), &find, &mut seen, &mut out);
    out
}

/// The models a shape holds.
pub fn held_models(shape: &Shape) -> Vec<&'static str> {
    match shape {
        Shape::Model(m) => vec![m],
        Shape::List(s) | Shape::Keyed(s) => held_models(s),
        _ => Vec::new(),
    }
}
