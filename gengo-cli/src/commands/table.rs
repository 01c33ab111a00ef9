//! The operation table from the shell: `call` (any operation, JSON in and out) and
//! `operations`.

use std::path::PathBuf;

use clap::Args;
use serde_json::Value;

use crate::output;
use crate::{Ctx, read_json};

/// The arguments of `gengo call`.
#[derive(Args)]
pub struct Call {
    /// Operation (`get_job`, `getTranslationJob`, ...).
    pub operation: String,
    /// Params as JSON, or @path to a JSON file.
    #[arg(default_value = "{}")]
    pub params: String,
}

impl Call {
    /// Runs `gengo call`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let Self { operation, params } = self;
        let p: Value = match params.strip_prefix('@') {
            Some(path) => read_json(&PathBuf::from(path))?,
            None => serde_json::from_str(params).map_err(|e| {
                gengo_core::Error::invalid_argument(format!("params are not JSON: {e}"))
            })?,
        };
        let v = ctx.client()?.call(operation, &p)?;
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        Ok(())
    }
}

/// The arguments of `gengo operations`.
#[derive(Args)]
pub struct Operations {}

impl Operations {
    /// Runs `gengo operations`.
    pub fn run(&self, ctx: &Ctx) -> gengo_core::Result<()> {
        let out = &ctx.out;
        let ops = gengo_core::ops::describe_all();
        let rows = ops
            .as_array()
            .into_iter()
            .flatten()
            .map(|o| {
                // Required parameters plain, optional ones in brackets.
                let params = o["params"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|p| {
                        let name = p["name"].as_str().unwrap_or_default();
                        if p["required"].as_bool().unwrap_or(false) {
                            name.to_string()
                        } else {
                            format!("[{name}]")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                vec![
                    output::v(&o["name"]),
                    output::v(&o["alias"]),
                    output::v(&o["method"]),
                    output::v(&o["path"]),
                    params,
                    output::v(&o["doc"]),
                ]
            })
            .collect();
        out.table(
            &ops,
            &[
                "operation",
                "official name",
                "method",
                "path",
                "parameters",
                "what",
            ],
            rows,
        );
        Ok(())
    }
}
