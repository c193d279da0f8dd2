//! Cleaning stages that run before extraction, and main-content extraction from HTML.
//!
//! [`LineFlagsStage`] marks lines that are not part of the report: injected promotion ("Pl
//! watch republicpolicy.com YouTube channel for quality podcasts.") and site boilerplate ("Read
//! more:", newsletter prompts, share buttons, copyright lines, photo credits). Flagged text
//! stays in the document's frozen text, so every span stays valid, but later stages skip it.
//!
//! [`article`] finds the article body and the metadata of a news page (used by
//! `sitrep_ingest` when it reads HTML).

pub mod article;
mod flags;

pub use flags::{LineFlagger, LineFlagsConfig, LineFlagsStage};
