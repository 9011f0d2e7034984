//! Field types shared by several content kinds.

use chrono::NaiveDate;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Date(pub NaiveDate);

impl Date {
    pub(crate) fn year(&self) -> i32 {
        chrono::Datelike::year(&self.0)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD, e.g. 2024-03-31")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Date, E> {
                let ok_shape = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
                match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                    Ok(d) if ok_shape => Ok(Date(d)),
                    _ => Err(E::custom(format!(
                        "invalid date `{s}`{}write it as YYYY-MM-DD, e.g. 2024-03-31",
                        crate::source::typed::HELP_MARK
                    ))),
                }
            }
        }
        d.deserialize_str(V)
    }
}

/// Text fields that people sometimes write as a bare number (`period: 2020`).
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum T {
        S(String),
        I(i64),
        F(f64),
    }
    Ok(match T::deserialize(d)? {
        T::S(s) => s,
        T::I(i) => i.to_string(),
        T::F(f) => f.to_string(),
    })
}

pub(crate) fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    text(d).map(Some)
}

/// A resource's `kind:`; zone pages list resources under each kind's label, in `ALL` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ResourceKind {
    Webinar,
    Toolkit,
    Course,
    Guide,
    Literature,
    Dataset,
    Template,
    Network,
    Event,
}

impl ResourceKind {
    pub(crate) const ALL: [ResourceKind; 9] = [
        ResourceKind::Guide,
        ResourceKind::Toolkit,
        ResourceKind::Course,
        ResourceKind::Webinar,
        ResourceKind::Dataset,
        ResourceKind::Template,
        ResourceKind::Literature,
        ResourceKind::Network,
        ResourceKind::Event,
    ];

    pub(crate) fn label(self) -> &'static str {
        match self {
            ResourceKind::Webinar => "Webinars",
            ResourceKind::Toolkit => "Toolkits",
            ResourceKind::Course => "Courses",
            ResourceKind::Guide => "Guides",
            ResourceKind::Literature => "Literature",
            ResourceKind::Dataset => "Data sets",
            ResourceKind::Template => "Templates",
            ResourceKind::Network => "Networks",
            ResourceKind::Event => "Events",
        }
    }

    pub(crate) fn key(self) -> &'static str {
        match self {
            ResourceKind::Webinar => "webinar",
            ResourceKind::Toolkit => "toolkit",
            ResourceKind::Course => "course",
            ResourceKind::Guide => "guide",
            ResourceKind::Literature => "literature",
            ResourceKind::Dataset => "dataset",
            ResourceKind::Template => "template",
            ResourceKind::Network => "network",
            ResourceKind::Event => "event",
        }
    }
}

/// A learning resource listed on a zone or under a basket topic.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Resource {
    pub(crate) title: String,
    pub(crate) kind: ResourceKind,
    pub(crate) provider: Option<String>,
    /// Checked by `link::rules` (only http, https and mailto), where the error can name the
    /// value's line and column; serde would place it at the start of the entry.
    pub(crate) url: Option<String>,
    pub(crate) summary: Option<String>,
}

/// Fields every content item may carry; each kind's struct repeats them (serde cannot flatten
/// and deny unknown fields at once) and exposes them through this view.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Common {
    /// Who keeps the item up to date, such as a board team.
    pub owner: Option<String>,
    pub(crate) updated: Option<Date>,
    pub(crate) review_by: Option<Date>,
    /// Keys of `hub.yaml` `sources:` the item credits, at the foot of its page; an unknown key
    /// is an error.
    pub sources: Vec<String>,
}

/// A front-matter struct's four common fields, read the same way whatever its kind.
pub trait HasCommon {
    /// Its `owner`, `updated`, `review_by` and `sources`, copied out.
    fn common(&self) -> Common;
}

/// Implements `HasCommon` for a front-matter struct with the four common fields.
macro_rules! impl_common {
    ($($t:ty),*) => {$(
        impl $crate::content::common::HasCommon for $t {
            fn common(&self) -> $crate::content::common::Common {
                $crate::content::common::Common {
                    owner: self.owner.clone(),
                    updated: self.updated,
                    review_by: self.review_by,
                    sources: self.sources.clone(),
                }
            }
        }
    )*};
}
pub(crate) use impl_common;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real_and_iso_shaped() {
        let ok: Date = serde_yaml::from_str("2024-02-29").unwrap();
        assert_eq!(ok.to_string(), "2024-02-29");
        for bad in ["2023-02-29", "2024-2-3", "31/03/2024", "2024-13-01"] {
            let e = serde_yaml::from_str::<Date>(bad).unwrap_err().to_string();
            assert!(e.contains("YYYY-MM-DD"), "{bad}: {e}");
        }
    }
}
