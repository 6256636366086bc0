//! What compiling one provision for one case knows besides the item at hand.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::calendar::HolidayCalendar;
use crate::case::Downtime;
use crate::claim::write_local;
use crate::claim_file::Segment;
use crate::error::Error;
use crate::money::Currency;
use crate::plan::{BillingCycle, Service};
use crate::policy::{Policy, Provision};

/// The policy and provision being compiled, and the case's zone, billing cycle,
/// working-day calendar and segment.
pub(crate) struct Context<'a> {
    pub policy: &'a Policy,
    pub provision: &'a Provision,
    /// The provision's place in the policy: its version's and its own.
    pub place: (usize, usize),
    pub zone: Tz,
    pub cycle: BillingCycle,
    pub calendar: &'a HolidayCalendar,
    pub segment: Segment,
    /// The case's outage records, which a spell's `sources` index.
    pub outages: &'a [Downtime],
    /// The plan's currency.
    pub currency: Currency,
    /// The case's services, for the facts a condition reads besides prices (an
    /// average bill given, a deployment). Prices are read at settlement, never here.
    pub services: &'a [Service],
    /// Whether the program explains itself (notes, the lines' words). A program that
    /// only prices formats no note; its figures are the same either way.
    pub explain: bool,
}

impl Context<'_> {
    pub fn invalid_rule(&self, problem: &str) -> Error {
        Error::InvalidRule {
            policy: self.policy.id.clone(),
            provision: self.provision.name.clone(),
            problem: problem.to_owned(),
        }
    }

    /// Adds a note, formatting it only when the program explains itself.
    pub fn note(&self, notes: &mut Vec<String>, text: impl FnOnce() -> String) {
        if self.explain {
            notes.push(text());
        }
    }

    /// An instant as local wall-clock text, for notes.
    pub fn local_text(&self, instant: DateTime<Utc>) -> String {
        let mut text = String::new();
        // Writing to a String cannot fail.
        let _ = write_local(&mut text, instant, self.zone);
        text
    }

    /// An item's short name for notes, written only when the program explains itself.
    pub fn label(&self, item: &super::exposure::Item<'_>) -> String {
        if self.explain {
            item.label(self.zone)
        } else {
            String::new()
        }
    }
}
