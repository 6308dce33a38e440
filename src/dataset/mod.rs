//! The curated dataset of cited figures: format, strict loading, and the lookup index.

pub mod index;
pub mod load;
pub mod model;

pub use load::{DatasetError, DatasetErrors, builtin, json_schema, load_str, merge};
pub use model::{Confidence, Dataset, DatasetFile, Direction, Figure, Source};
