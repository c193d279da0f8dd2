//! Per-document annotators.
//!
//! Each annotator family lives in its own module with a user-facing `...Config` (serde), a
//! `build()` step producing the runtime component, and a pipeline stage wrapping it:
//!
//! - [`dates`]: temporal expressions (TIMEX3 types and values) normalised against the
//!   publication date, each with the inclusive calendar interval it covers.

pub mod dates;
