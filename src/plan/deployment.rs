//! How a cloud compute service is deployed (`deployment` on a plan's service): the
//! fact a cloud SLA's commitment depends on (Microsoft's SLA for Virtual Machines
//! promises 99.99 % across Availability Zones, 99.95 % in an Availability Set, 99.9 %
//! for a single instance on Premium SSD). A word redress does not know is refused,
//! naming the nearest it does.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::suggest::nearest;
use crate::visible::visible;

/// How a compute service is deployed, as a claim file writes it
/// (`deployment = "availability-set"` on a `[[plan.services]]` entry).
///
/// The words are read in any letter case, with spaces or underscores for hyphens
/// (`"Availability Set"`); any other word is refused, naming the nearest.
///
/// # Example
/// ```
/// use redress::Deployment;
/// assert_eq!("availability-set".parse::<Deployment>()?, Deployment::AvailabilitySet);
/// assert_eq!("Single Instance Premium SSD".parse::<Deployment>()?, Deployment::SingleInstancePremiumSsd);
/// let err = "availability-zone".parse::<Deployment>().unwrap_err();
/// assert!(err.to_string().contains("did you mean `availability-zones`?"));
/// assert_eq!(Deployment::AvailabilityZones.to_string(), "availability-zones");
/// # Ok::<(), redress::plan::DeploymentError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Deployment {
    /// Two or more instances across two or more Availability Zones of one region.
    AvailabilityZones,
    /// Two or more instances in one Availability Set (or dedicated host group).
    AvailabilitySet,
    /// A single instance with Premium SSD or Ultra Disk for every OS and data disk.
    SingleInstancePremiumSsd,
    /// A single instance with Standard SSD disks.
    SingleInstanceStandardSsd,
    /// A single instance with Standard HDD disks.
    SingleInstanceStandardHdd,
}

/// Every deployment with its word, in the order the documentation lists them.
const WORDS: [(&str, Deployment); 5] = [
    ("availability-zones", Deployment::AvailabilityZones),
    ("availability-set", Deployment::AvailabilitySet),
    (
        "single-instance-premium-ssd",
        Deployment::SingleInstancePremiumSsd,
    ),
    (
        "single-instance-standard-ssd",
        Deployment::SingleInstanceStandardSsd,
    ),
    (
        "single-instance-standard-hdd",
        Deployment::SingleInstanceStandardHdd,
    ),
];

/// The single-instance words without `instance`, as some summaries write them: never
/// read as a deployment, but close enough to suggest the word meant.
const SHORT: [(&str, Deployment); 3] = [
    ("single-premium-ssd", Deployment::SingleInstancePremiumSsd),
    ("single-standard-ssd", Deployment::SingleInstanceStandardSsd),
    ("single-standard-hdd", Deployment::SingleInstanceStandardHdd),
];

impl Deployment {
    /// The deployment's word, as a claim file writes it.
    ///
    /// # Example
    /// ```
    /// assert_eq!(redress::Deployment::SingleInstanceStandardHdd.as_str(), "single-instance-standard-hdd");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Deployment::AvailabilityZones => "availability-zones",
            Deployment::AvailabilitySet => "availability-set",
            Deployment::SingleInstancePremiumSsd => "single-instance-premium-ssd",
            Deployment::SingleInstanceStandardSsd => "single-instance-standard-ssd",
            Deployment::SingleInstanceStandardHdd => "single-instance-standard-hdd",
        }
    }

    /// Every deployment's word, in the order the documentation lists them.
    ///
    /// # Example
    /// ```
    /// assert_eq!(redress::Deployment::words().next(), Some("availability-zones"));
    /// ```
    pub fn words() -> impl Iterator<Item = &'static str> {
        WORDS.iter().map(|(word, _)| *word)
    }
}

impl fmt::Display for Deployment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A deployment redress does not know: the word as written (shown safely) and the
/// nearest known one, if any is close.
///
/// # Example
/// ```
/// let err = "single-premium-ssd".parse::<redress::Deployment>().unwrap_err();
/// assert_eq!(err.nearest(), Some("single-instance-premium-ssd"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeploymentError {
    given: String,
    nearest: Option<&'static str>,
}

impl DeploymentError {
    /// The known deployment nearest to the word, if one is close.
    pub fn nearest(&self) -> Option<&'static str> {
        self.nearest
    }
}

impl fmt::Display for DeploymentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is not a deployment redress knows", self.given)?;
        if let Some(near) = self.nearest {
            write!(f, " (did you mean `{near}`?)")?;
        }
        let words: Vec<&str> = Deployment::words().collect();
        write!(f, "; write one of {}", words.join(", "))
    }
}

impl std::error::Error for DeploymentError {}

/// A word folded for comparison: lower case, spaces and underscores read as hyphens,
/// runs of them as one.
fn folded(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.trim().chars() {
        let c = if c == ' ' || c == '_' { '-' } else { c };
        if c == '-' && out.ends_with('-') {
            continue;
        }
        out.extend(c.to_lowercase());
    }
    out
}

impl FromStr for Deployment {
    type Err = DeploymentError;

    fn from_str(word: &str) -> Result<Self, Self::Err> {
        let folded = folded(word);
        if let Some((_, deployment)) = WORDS.iter().find(|(w, _)| *w == folded) {
            return Ok(*deployment);
        }
        let all = WORDS.iter().chain(SHORT.iter());
        let near = nearest(&folded, all.clone().map(|(w, _)| *w))
            .and_then(|w| all.clone().find(|(known, _)| *known == w))
            .map(|(_, deployment)| deployment.as_str());
        Err(DeploymentError {
            given: format!("`{}`", visible(word)),
            nearest: near,
        })
    }
}

impl Serialize for Deployment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Deployment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let word = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        word.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_reads_back_as_its_deployment() {
        for (word, deployment) in WORDS {
            assert_eq!(word.parse::<Deployment>(), Ok(deployment));
            assert_eq!(deployment.to_string(), word);
        }
    }

    #[test]
    fn an_unknown_word_names_the_nearest_and_every_word() {
        let err = "availabilty-set".parse::<Deployment>().unwrap_err();
        assert_eq!(err.nearest(), Some("availability-set"));
        assert!(err
            .to_string()
            .starts_with("`availabilty-set` is not a deployment"));
        assert!(
            err.to_string().ends_with("single-instance-standard-hdd"),
            "{err}"
        );
        let far = "kubernetes".parse::<Deployment>().unwrap_err();
        assert_eq!(far.nearest(), None);
    }
}
