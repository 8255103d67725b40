//! The JSON Schema of the output record (`pressx schema`). It is written by
//! hand beside the serde types of `record.rs`; a test validates every
//! fixture's record against it, so the two cannot drift apart unnoticed.

/// The JSON Schema (draft 2020-12) of a "pressx/1" record.
pub const SCHEMA_JSON: &str = include_str!("../schema/pressx-1.schema.json");
