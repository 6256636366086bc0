//! Credit policies: who owes what, under which rule, cited to its source.
//!
//! A [`Policy`] is metadata (a stable id, title, jurisdiction, citation, how firm
//! its figures are) plus dated [`PolicyVersion`]s. A version holds
//! [`Provision`]s; a provision says what it is assessed over (each outage, each
//! billing period, each missed appointment…, its [`Subject`]), which outages count,
//! the [`Rule`] that prices it, and whether payment is automatic.
//!
//! Rules are a small tree ([`Rule`]): leaves that price one thing (a fixed sum,
//! units × rate, pro-rata of the price, a base plus steps, uptime tiers,
//! thresholds) and combinators (max-of, sum-of, cap, when, minimum payout). Every
//! convention is an enum documented where it is declared.

mod amount;
mod condition;
mod escalating;
mod file;
mod per_unit;
mod pro_rata;
mod rule;
mod tiers;
mod uptime;

pub use amount::{Amount, DayCount};
pub use condition::{Assumption, Condition};
pub use escalating::Escalating;
pub use per_unit::{
    Band, Clock, ClockStart, Counting, DayKind, Grace, LastDay, PerUnit, UnitCount,
};
pub use pro_rata::{PriceSource, ProRata, ProRataBasis};
pub use rule::Rule;
pub use tiers::{Measure, ThresholdTier, Tiers};
pub use uptime::{Inclusion, Tier, UptimeTiers};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::claim_file::Segment;
use crate::money::{Currency, Rounding};
use crate::outage::Cause;
use crate::plan::ServiceKind;

/// How firm a policy's figures are, as graded in the policy sources.
///
/// # Example
/// ```
/// assert_eq!(redress::policy::Evidence::Primary.to_string(), "[P] primary source");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Evidence {
    /// \[P\] read in the statute, regulation, regulator's page or the provider's own terms.
    Primary,
    /// \[S\] read in a secondary source only (press, blogs, copies).
    Secondary,
    /// \[M\] from memory, not confirmed in any source seen.
    Memory,
}

impl std::fmt::Display for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Evidence::Primary => "[P] primary source",
            Evidence::Secondary => "[S] secondary source only",
            Evidence::Memory => "[M] from memory, unconfirmed",
        })
    }
}

/// Which date of an incident picks the policy version in force.
///
/// An outage is dated as a whole, whatever the billing day: one that runs across the
/// start of a billing period or a year is priced in each period it touches, under the
/// version its date picks, and records merged into one outage are dated as that outage.
///
/// # Example
/// ```
/// assert_eq!(redress::policy::Dating::default(), redress::policy::Dating::OutageStart);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Dating {
    /// The local date the outage began (and the appointment's date, the promised activation date).
    #[default]
    OutageStart,
    /// The local date the customer reported the outage (Ofcom: "the issue occurs" when reported).
    Report,
}

/// A credit policy: a statute, scheme, contract or goodwill gesture, in dated versions.
///
/// # Example
/// ```
/// use redress::policy::*;
/// use redress::{Currency, ServiceKind, Span};
/// // "One 30th of the monthly price for each started 24 hours" (the New York PSC shape).
/// let policy = Policy::new("my-credit", "My provider's outage credit", Currency::USD)
///     .with_services(vec![ServiceKind::Internet])
///     .with_version(PolicyVersion::always(vec![Provision::new(
///         "outage credit",
///         Subject::outages(),
///         Rule::PerUnit(PerUnit::new(
///             UnitCount::Blocks { length: Span::hours(24), counting: Counting::Started },
///             Amount::DailyRate(DayCount::Fixed(30)),
///         )),
///     )]));
/// assert_eq!(policy.versions.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Policy {
    /// Stable id; users type it and files store it.
    pub id: String,
    /// A short human title.
    pub title: String,
    /// Where it applies, as an ISO 3166 code (`GB`, `DE`, `US-NY`), or `*` for anywhere.
    pub jurisdiction: String,
    /// The statute, regulation or contract clause, and where it was published.
    pub citation: String,
    /// How firm the figures are.
    pub evidence: Evidence,
    /// The services it covers; empty means every service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<ServiceKind>,
    /// The customer segments it covers; empty means every segment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<Segment>,
    /// Regions inside the jurisdiction that it does not cover (Ofgem's standards are
    /// Great Britain's: `GB` less `GB-NIR`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_regions: Vec<String>,
    /// The providers it binds (a contract or a goodwill gesture), matched against the
    /// plan's `provider` case-insensitively; empty means any provider (a statute).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub providers: Vec<String>,
    /// The currency its fixed amounts are in; a plan in another currency cannot use it.
    /// Absent: a policy of shares of the price only, usable in any currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// Which date picks the version in force.
    #[serde(default)]
    pub dated_by: Dating,
    /// Readings taken where the source is ambiguous, in plain words (shown in claims).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<String>,
    /// Readings that bear only on some claims (New York's, on an outage after a loss of
    /// commercial power): shown in a claim only when it has what they bear on, so a
    /// claim is not read as depending on them.
    ///
    /// Written in a policy file as `[[readings_for]]` tables of `bears_on` and `reading`.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        with = "file::readings_for"
    )]
    pub readings_for: Vec<(Bearing, String)>,
    /// The reading options chosen other than the catalog's, in plain words (`month =
    /// 30-days (default: calendar-month)`), each noted on every claim under the policy;
    /// set by [`crate::catalog::with_options`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chosen_options: Vec<String>,
    /// Whether this is a provider's announced offer rather than a rule the customer can
    /// claim under: its claim is compared with the rules' (`redress::shortfall`), never
    /// counted the most generous and never cited as a rule. Default `false`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub offer: bool,
    /// The versions, each in force over its own dates.
    pub versions: Vec<PolicyVersion>,
}

/// What a reading of a policy bears on, when it does not bear on every claim
/// ([`Policy::readings_for`]).
///
/// # Example
/// ```
/// use redress::policy::{Bearing, Policy};
/// use redress::{Cause, Currency};
/// let mut policy = Policy::new("x", "X", Currency::USD);
/// policy.readings_for.push((
///     Bearing::Cause(Cause::Power),
///     "the credit period starts 24 hours after power returns".to_owned(),
/// ));
/// assert_eq!(policy.readings_for[0].0, Bearing::Cause(Cause::Power));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Bearing {
    /// An outage with this cause, of a service the policy covers.
    Cause(Cause),
    /// A severe-weather outage that gives this category (`weather_category`), of a
    /// service the policy covers.
    WeatherCategory(crate::outage::WeatherCategory),
    /// A missed appointment.
    Appointments,
    /// A late activation.
    Activations,
}

impl Policy {
    /// A policy with an id, a title and a currency, and nothing else yet.
    ///
    /// # Example
    /// ```
    /// let p = redress::policy::Policy::new("x", "X", redress::Currency::EUR);
    /// assert_eq!(p.jurisdiction, "*");
    /// ```
    pub fn new(id: &str, title: &str, currency: Currency) -> Policy {
        Policy {
            id: id.to_owned(),
            title: title.to_owned(),
            jurisdiction: "*".to_owned(),
            citation: String::new(),
            evidence: Evidence::Primary,
            services: Vec::new(),
            segments: Vec::new(),
            excluded_regions: Vec::new(),
            providers: Vec::new(),
            currency: Some(currency),
            dated_by: Dating::OutageStart,
            readings: Vec::new(),
            readings_for: Vec::new(),
            chosen_options: Vec::new(),
            offer: false,
            versions: Vec::new(),
        }
    }

    /// The policy covering these services.
    ///
    /// # Example
    /// ```
    /// let p = redress::policy::Policy::new("x", "X", redress::Currency::EUR)
    ///     .with_services(vec![redress::ServiceKind::Phone]);
    /// assert_eq!(p.services.len(), 1);
    /// ```
    pub fn with_services(mut self, services: Vec<ServiceKind>) -> Policy {
        self.services = services;
        self
    }

    /// The policy with one more version.
    ///
    /// # Example
    /// ```
    /// use redress::policy::{Policy, PolicyVersion};
    /// let p = Policy::new("x", "X", redress::Currency::EUR)
    ///     .with_version(PolicyVersion::always(vec![]));
    /// assert_eq!(p.versions.len(), 1);
    /// ```
    pub fn with_version(mut self, version: PolicyVersion) -> Policy {
        self.versions.push(version);
        self
    }

    /// Whether the policy covers a service.
    ///
    /// # Example
    /// ```
    /// let p = redress::policy::Policy::new("x", "X", redress::Currency::EUR);
    /// assert!(p.covers(&redress::ServiceKind::Tv)); // no list: every service
    /// ```
    pub fn covers(&self, service: &ServiceKind) -> bool {
        self.services.is_empty() || self.services.contains(service)
    }

    /// The version in force on a date, if any.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use redress::policy::{Policy, PolicyVersion};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let p = Policy::new("x", "X", redress::Currency::GBP)
    ///     .with_version(PolicyVersion::from_date(d(2019, 4, 1), vec![]).with_end_date(d(2021, 4, 1)))
    ///     .with_version(PolicyVersion::from_date(d(2021, 4, 1), vec![]));
    /// assert_eq!(p.version_on(d(2021, 3, 31)).unwrap().effective_from, d(2019, 4, 1));
    /// assert_eq!(p.version_on(d(2021, 4, 1)).unwrap().effective_from, d(2021, 4, 1));
    /// assert!(p.version_on(d(2019, 3, 31)).is_none());
    /// ```
    pub fn version_on(&self, date: NaiveDate) -> Option<&PolicyVersion> {
        self.versions.iter().find(|v| v.in_force_on(date))
    }
}

/// One dated version of a policy: the provisions in force from one date until
/// (not including) another.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// let v = redress::policy::PolicyVersion::from_date(NaiveDate::from_ymd_opt(2023, 9, 1).unwrap(), vec![]);
/// assert!(v.in_force_on(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PolicyVersion {
    /// First date in force (inclusive); absent in a policy file: in force from the
    /// earliest date redress knows ([`PolicyVersion::always`]).
    #[serde(default = "file::earliest", skip_serializing_if = "file::is_earliest")]
    pub effective_from: NaiveDate,
    /// First date no longer in force (exclusive); absent while current.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_until: Option<NaiveDate>,
    /// A short label such as "2025-26 amounts".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// How each claim line is rounded; absent: half away from zero to the currency's minor unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<Rounding>,
    /// What the version grants.
    pub provisions: Vec<Provision>,
}

impl PolicyVersion {
    /// A version in force from a date, open-ended.
    ///
    /// # Example
    /// ```
    /// let v = redress::policy::PolicyVersion::always(vec![]);
    /// assert!(v.effective_until.is_none());
    /// ```
    pub fn from_date(effective_from: NaiveDate, provisions: Vec<Provision>) -> PolicyVersion {
        PolicyVersion {
            effective_from,
            effective_until: None,
            label: String::new(),
            rounding: None,
            provisions,
        }
    }

    /// A version in force always: from the earliest date redress knows, open-ended.
    ///
    /// # Example
    /// ```
    /// let v = redress::policy::PolicyVersion::always(vec![]);
    /// assert!(v.in_force_on(chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap()));
    /// assert!(v.effective_until.is_none());
    /// ```
    pub fn always(provisions: Vec<Provision>) -> PolicyVersion {
        PolicyVersion::from_date(NaiveDate::MIN, provisions)
    }

    /// The version ending before a date.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// let end = NaiveDate::from_ymd_opt(2023, 9, 1).unwrap();
    /// let v = redress::policy::PolicyVersion::always(vec![]).with_end_date(end);
    /// assert!(!v.in_force_on(end));
    /// ```
    pub fn with_end_date(mut self, date: NaiveDate) -> PolicyVersion {
        self.effective_until = Some(date);
        self
    }

    /// The version with a label.
    ///
    /// # Example
    /// ```
    /// let v = redress::policy::PolicyVersion::always(vec![]).with_label("2025");
    /// assert_eq!(v.label, "2025");
    /// ```
    pub fn with_label(mut self, label: &str) -> PolicyVersion {
        self.label = label.to_owned();
        self
    }

    /// The version with its own rounding rule.
    ///
    /// # Example
    /// ```
    /// use redress::{Rounding, RoundingMode};
    /// let r = Rounding { scale: 2, mode: RoundingMode::HalfEven };
    /// let v = redress::policy::PolicyVersion::always(vec![]).with_rounding(r);
    /// assert_eq!(v.rounding, Some(r));
    /// ```
    pub fn with_rounding(mut self, rounding: Rounding) -> PolicyVersion {
        self.rounding = Some(rounding);
        self
    }

    /// Whether the version is in force on a date: `effective_from <= date < effective_until`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.effective_from <= date && self.effective_until.is_none_or(|until| date < until)
    }
}

/// One thing a policy grants: what it is assessed over, which outages count, its
/// rule and how it is paid.
///
/// # Example
/// ```
/// use redress::policy::*;
/// let p = Provision::new("missed appointment", Subject::Appointments, Rule::Fixed { amount: Amount::Fixed("30.49".parse().unwrap()) });
/// assert_eq!(p.payment, Payment::Automatic);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Provision {
    /// A short name: "delayed repair", "missed appointment".
    pub name: String,
    /// The clause it comes from, such as "§58(3)"; shown on each line.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub clause: String,
    /// What it is assessed over.
    pub subject: Subject,
    /// The services it is for, among those the policy covers; empty means all of them
    /// (RD 899/2009: art. 15 for telephone, art. 16 for internet).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<ServiceKind>,
    /// Which outages count by severity.
    #[serde(default)]
    pub counts: Severity,
    /// Outages with these causes earn nothing under this provision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_causes: Vec<Cause>,
    /// Outages with these causes are exempt only where the provider notified an
    /// exemption covering them (the outage's `exemption_notice` and its window): the
    /// days counted inside the notice's window earn nothing, the others are paid. With
    /// no notice recorded the outage is paid as any other, with a note.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notified_exemptions: Vec<Cause>,
    /// How it is priced.
    pub rule: Rule,
    /// Whether it is paid without a request.
    #[serde(default)]
    pub payment: Payment,
    /// By when a request must be made (or a credit is due), if the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<ClaimDeadline>,
    /// Whose monthly charges a missed appointment or late activation is priced on.
    #[serde(default, skip_serializing_if = "Charges::is_named")]
    pub charges: Charges,
}

/// Whose monthly charges price a missed appointment or a late activation (a share of the
/// monthly charges, a daily rate). Outages are priced by their provision's scope instead.
///
/// # Example
/// ```
/// assert_eq!(redress::policy::Charges::default(), redress::policy::Charges::Named);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Charges {
    /// The services the appointment or activation names (all covered services when it
    /// names none).
    #[default]
    Named,
    /// Every plan service the provision covers, whatever the record names (TKG §58(4):
    /// the contract's monthly charges, as for an outage).
    AllCovered,
}

impl Charges {
    fn is_named(&self) -> bool {
        *self == Charges::Named
    }
}

impl Provision {
    /// A provision paid automatically, counting full losses of service of any cause.
    ///
    /// # Example
    /// ```
    /// use redress::policy::*;
    /// let p = Provision::new("goodwill", Subject::account(), Rule::Fixed { amount: Amount::Fixed(5.into()) });
    /// assert!(p.excluded_causes.is_empty());
    /// ```
    pub fn new(name: &str, subject: Subject, rule: Rule) -> Provision {
        Provision {
            name: name.to_owned(),
            clause: String::new(),
            subject,
            services: Vec::new(),
            counts: Severity::FullLoss,
            excluded_causes: Vec::new(),
            notified_exemptions: Vec::new(),
            rule,
            payment: Payment::Automatic,
            deadline: None,
            charges: Charges::Named,
        }
    }

    /// The provision for some of the policy's services only.
    ///
    /// # Example
    /// ```
    /// use redress::{policy::*, ServiceKind};
    /// let p = Provision::new("x", Subject::outages(), Rule::Fixed { amount: Amount::Fixed(1.into()) })
    ///     .with_services(vec![ServiceKind::Phone]);
    /// assert!(p.covers(&ServiceKind::Phone));
    /// assert!(!p.covers(&ServiceKind::Internet));
    /// ```
    pub fn with_services(mut self, services: Vec<ServiceKind>) -> Provision {
        self.services = services;
        self
    }

    /// Whether the provision is for a service (every service when it names none; the
    /// policy's own list applies as well).
    pub fn covers(&self, service: &ServiceKind) -> bool {
        self.services.is_empty() || self.services.contains(service)
    }

    /// The provision citing a clause.
    ///
    /// # Example
    /// ```
    /// use redress::policy::*;
    /// let p = Provision::new("x", Subject::Appointments, Rule::Fixed { amount: Amount::Fixed(10.into()) }).with_clause("§58(4)");
    /// assert_eq!(p.clause, "§58(4)");
    /// ```
    pub fn with_clause(mut self, clause: &str) -> Provision {
        self.clause = clause.to_owned();
        self
    }

    /// The provision paid on these terms.
    ///
    /// # Example
    /// ```
    /// use redress::policy::*;
    /// let p = Provision::new("x", Subject::Appointments, Rule::Fixed { amount: Amount::Fixed(10.into()) })
    ///     .with_payment(Payment::OnRequest);
    /// assert_eq!(p.payment, Payment::OnRequest);
    /// ```
    pub fn with_payment(mut self, payment: Payment) -> Provision {
        self.payment = payment;
        self
    }

    /// The provision with a claim deadline.
    ///
    /// # Example
    /// ```
    /// use redress::policy::*;
    /// let p = Provision::new("x", Subject::outages(), Rule::Fixed { amount: Amount::Fixed(10.into()) })
    ///     .with_deadline(ClaimDeadline::DaysAfterIncident { days: 30 });
    /// assert!(p.deadline.is_some());
    /// ```
    pub fn with_deadline(mut self, deadline: ClaimDeadline) -> Provision {
        self.deadline = Some(deadline);
        self
    }

    /// The provision pricing appointments and activations on these charges.
    ///
    /// # Example
    /// ```
    /// use redress::policy::*;
    /// let p = Provision::new("x", Subject::Appointments, Rule::Fixed { amount: Amount::ShareOfMonthly("0.2".parse().unwrap()) })
    ///     .with_charges(Charges::AllCovered);
    /// assert_eq!(p.charges, Charges::AllCovered);
    /// ```
    pub fn with_charges(mut self, charges: Charges) -> Provision {
        self.charges = charges;
        self
    }

    /// The provision ignoring outages with these causes.
    ///
    /// # Example
    /// ```
    /// use redress::{policy::*, Cause};
    /// let p = Provision::new("x", Subject::outages(), Rule::Fixed { amount: Amount::Fixed(1.into()) })
    ///     .with_excluded_causes(&[Cause::Customer]);
    /// assert_eq!(p.excluded_causes, vec![Cause::Customer]);
    /// ```
    pub fn with_excluded_causes(mut self, causes: &[Cause]) -> Provision {
        self.excluded_causes = causes.to_vec();
        self
    }

    /// The provision exempting outages with these causes only where the provider
    /// notified an exemption (see [`notified_exemptions`](Self::notified_exemptions)).
    ///
    /// # Example
    /// ```
    /// use redress::{policy::*, Cause};
    /// let p = Provision::new("x", Subject::outages(), Rule::Fixed { amount: Amount::Fixed(1.into()) })
    ///     .with_notified_exemptions(&[Cause::SevereWeather]);
    /// assert_eq!(p.notified_exemptions, vec![Cause::SevereWeather]);
    /// ```
    pub fn with_notified_exemptions(mut self, causes: &[Cause]) -> Provision {
        self.notified_exemptions = causes.to_vec();
        self
    }

    /// The provision counting outages of this severity.
    ///
    /// # Example
    /// ```
    /// use redress::policy::*;
    /// let p = Provision::new("x", Subject::outages(), Rule::Fixed { amount: Amount::Fixed(1.into()) })
    ///     .with_severity(Severity::FullOrDegraded);
    /// assert_eq!(p.counts, Severity::FullOrDegraded);
    /// ```
    pub fn with_severity(mut self, severity: Severity) -> Provision {
        self.counts = severity;
        self
    }
}

/// What a provision is assessed over; each item gets its own lines.
///
/// # Example
/// ```
/// use redress::policy::{Subject, ServiceScope};
/// assert_eq!(Subject::outages(), Subject::Outages { scope: ServiceScope::EachService });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "each", deny_unknown_fields)]
#[non_exhaustive]
pub enum Subject {
    /// Each outage (overlapping and touching records merged into one).
    Outages {
        /// Per service, or all covered services together.
        scope: ServiceScope,
    },
    /// Each billing period that outages touch, with the outages clipped to it.
    BillingPeriods {
        /// Per service, or all covered services together.
        scope: ServiceScope,
    },
    /// Each year (starting in `first_month`, local dates) that outages touch.
    Years {
        /// The month the year starts: 1 for calendar years, 7 for Australia's financial year.
        first_month: u32,
        /// Per service, or all covered services together.
        scope: ServiceScope,
    },
    /// The account as a whole: one item if any covered outage happened.
    Account {
        /// Per service, or all covered services together.
        scope: ServiceScope,
    },
    /// Each missed appointment.
    Appointments,
    /// Each late activation.
    Activations,
}

impl Subject {
    /// Each outage, per service.
    pub fn outages() -> Subject {
        Subject::Outages {
            scope: ServiceScope::EachService,
        }
    }

    /// Each billing period, per service.
    pub fn billing_periods() -> Subject {
        Subject::BillingPeriods {
            scope: ServiceScope::EachService,
        }
    }

    /// The account as a whole, all covered services together.
    pub fn account() -> Subject {
        Subject::Account {
            scope: ServiceScope::Together,
        }
    }
}

/// Whether a provision looks at each service on its own or at the covered services together.
///
/// # Example
/// ```
/// assert_ne!(redress::policy::ServiceScope::EachService, redress::policy::ServiceScope::Together);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ServiceScope {
    /// Each affected service separately, priced at its own monthly price
    /// ("1/30 of the monthly rate for all services rendered useless").
    EachService,
    /// The covered services as one line: an outage of any of them is an outage of
    /// the line, priced at the sum of the covered services' monthly prices in the
    /// plan ("one daily rate per line whether broadband, phone or both are down";
    /// TKG's "contractually agreed monthly charges").
    Together,
}

/// Which outages a provision counts.
///
/// # Example
/// ```
/// assert_eq!(redress::policy::Severity::default(), redress::policy::Severity::FullLoss);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Severity {
    /// Only total loss of service (`degraded = false`).
    #[default]
    FullLoss,
    /// Total loss and impaired service alike ("useless or substantially impaired").
    FullOrDegraded,
    /// Only impaired service (AGCOM's "irregular service").
    DegradedOnly,
}

/// Whether a provision pays without the customer asking.
///
/// # Example
/// ```
/// use redress::policy::{Payment, Condition};
/// let p = Payment::AutomaticIf(Condition::DurationAtLeast(redress::Span::hours(24)));
/// assert_ne!(p, Payment::OnRequest);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Payment {
    /// Paid without a request.
    #[default]
    Automatic,
    /// Owed only when the customer asks.
    OnRequest,
    /// Automatic when the condition holds for the item, otherwise on request.
    AutomaticIf(Condition),
}

/// By when a request must reach the provider (or an automatic credit is due).
///
/// # Example
/// ```
/// let d = redress::policy::ClaimDeadline::EndOfBillingCyclesAfter { cycles: 2 };
/// assert_ne!(d, redress::policy::ClaimDeadline::DaysAfterIncident { days: 30 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[non_exhaustive]
pub enum ClaimDeadline {
    /// A number of calendar days after the incident ends (the outage's restoration,
    /// the appointment's date, the activation).
    DaysAfterIncident {
        /// Calendar days.
        days: u32,
    },
    /// The last day of the `cycles`-th billing period after the one the incident fell in
    /// (AWS: "by the end of the second billing cycle after the incident").
    EndOfBillingCyclesAfter {
        /// Billing periods after the incident's own.
        cycles: u32,
    },
}
