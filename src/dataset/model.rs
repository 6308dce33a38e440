//! The dataset of cited figures, format version 1 (spec/dataset.md).
//!
//! These types are the format: serde reads them strictly (`deny_unknown_fields`) and schemars
//! derives the JSON Schema shipped in `schema/dataset.schema.json` from them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One dataset file as curators write it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "factcheck dataset, format 1")]
pub struct DatasetFile {
    /// Format version; only `1` exists.
    #[schemars(range(min = 1, max = 1))]
    pub format: u32,
    /// Short name shown in reports, e.g. `ai-industry`.
    #[schemars(length(min = 1))]
    pub name: String,
    /// What the dataset covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The cited figures; at least one.
    #[schemars(length(min = 1))]
    pub figures: Vec<Figure>,
}

/// One cited figure.
///
/// Exactly one of `value` or (`low` and/or `high`) is present; `low <= high`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend(
    "anyOf" = [{"required": ["value"]}, {"required": ["low"]}, {"required": ["high"]}],
    "not" = {"anyOf": [{"required": ["value", "low"]}, {"required": ["value", "high"]}]}
))]
pub struct Figure {
    /// Unique in the dataset; `[a-z0-9][a-z0-9._-]*`.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9._-]*$"))]
    pub id: String,
    /// What the figure is about, as an article would name it.
    #[schemars(length(min = 1))]
    pub entity: String,
    /// Other names for the entity; matched case-insensitively on word boundaries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(length(min = 1)))]
    pub aliases: Vec<String>,
    /// The entity this one belongs to (Llama 3.1 405B → Meta), so an article naming only the maker reaches it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub parent: Option<String>,
    /// Short human label ("training cost").
    #[schemars(length(min = 1))]
    pub metric: String,
    /// Words that signal this metric near a number; matched on word stems.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(length(min = 1)))]
    pub keywords: Vec<String>,
    /// The figure as a number: a magnitude (a fall is positive, with `direction: down`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 1e30))]
    pub value: Option<f64>,
    /// Lower end of a range; alone it means "at least".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 1e30))]
    pub low: Option<f64>,
    /// Upper end of a range; alone it means "at most".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 1e30))]
    pub high: Option<f64>,
    /// ISO 4217 code, `%`, `pp`, a duration, a measure, a rate `CUR/thing`, `x`, or a counted noun.
    #[schemars(length(min = 1))]
    pub unit: String,
    /// The date or period the figure describes: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))]
    pub as_of: Option<String>,
    /// `high` (a primary source), `medium`, `low` (an estimate); shown in reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// The primary source of the figure.
    pub source: Source,
    /// For a change: `down` (a fall, loss, cut) or `up` (a rise, gain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// Extra relative tolerance added on top of the rounding rules, e.g. `0.02`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub tolerance: Option<f64>,
    /// Free text shown in reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Where a figure comes from: `title` and `url` required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    #[schemars(length(min = 1))]
    pub title: String,
    /// An `http://` or `https://` URL.
    #[schemars(regex(pattern = r"^https?://\S+$"))]
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// When the source was published: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// How sure the source is: `high` (a primary source), `medium`, `low` (an estimate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

/// The direction of a change; values stay magnitudes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
}

/// A loaded, validated dataset with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub name: String,
    /// A path, a URL, or `<built-in>`.
    pub location: String,
    pub figures: Vec<Figure>,
}
