//! Per-document annotators.
//!
//! Each annotator family lives in its own module with a user-facing `...Config` (serde), a
//! `build()` step producing the runtime component, and a pipeline stage wrapping it:
//!
//! - [`dates`]: temporal expressions (TIMEX3 types and values) normalised against the
//!   publication date, each with the inclusive calendar interval it covers.
//! - [`places`]: toponyms resolved against an embedded GeoNames gazetteer using the
//!   document's own context (precision and confidence per record).
//! - [`entities`]: a trained name tagger (people, organisations, places, other names) with
//!   nationalities, roles and within-document clusters.

pub mod dates;
pub mod entities;
pub mod places;
pub mod quantities;
pub mod quotes;
