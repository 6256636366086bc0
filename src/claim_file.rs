//! The claim file: one customer, their plan and what went wrong.
//!
//! [`ClaimFile`] is the document the CLI reads (TOML or JSON, the same fields
//! either way; see `CLAIM-FILE.md`). Unknown fields are refused, so a typo cannot
//! silently drop an outage. [`ClaimFile::validate`] checks every field once, at
//! the door, and names the field it refuses.

use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::at::At;
use crate::error::{Error, FieldPath, Result};
use crate::outage::{Activation, Appointment, Outage};
use crate::plan::{ServiceKind, ServicePlan};

/// The first year redress accepts: a date (an appointment's, an activation's) from
/// 1900-01-01, an instant from 1900-01-01T00:00:00Z.
///
/// An instant's year is its year in UTC, however its offset is written, so one moment
/// gets one answer: `1899-12-31T19:00:00-05:00` is `1900-01-01T00:00:00Z`, and is
/// accepted.
pub const FIRST_SUPPORTED_YEAR: i32 = 1900;
/// The last year redress accepts: a date up to 2199-12-31, an instant before
/// 2200-01-01T00:00:00Z.
///
/// An instant's year is its year in UTC, however its offset is written:
/// `2199-12-31T19:00:00-05:00` is `2200-01-01T00:00:00Z`, and is refused.
pub const LAST_SUPPORTED_YEAR: i32 = 2199;

/// The supported instants, as a message states them.
const SUPPORTED_INSTANTS: &str =
    "write an instant from 1900-01-01T00:00:00Z up to but not including 2200-01-01T00:00:00Z";

/// Residential or business: some policies cover only one.
///
/// # Example
/// ```
/// assert_eq!(redress::Segment::default(), redress::Segment::Residential);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Segment {
    /// A household.
    #[default]
    Residential,
    /// A business customer.
    Business,
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Segment::Residential => "residential",
            Segment::Business => "business",
        })
    }
}

/// Who the customer is (`[customer]`): needed for letters and regional rules.
///
/// # Example
/// ```
/// let c: redress::Customer = toml::from_str(r#"
///     name = "Jordan Smith"
///     region = "US-NY"
/// "#).unwrap();
/// assert_eq!(c.region.as_deref(), Some("US-NY"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    /// The customer's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The account number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The service address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// ISO 3166-1 or 3166-2 code: picks holidays and local policies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Residential or business.
    #[serde(default)]
    pub segment: Segment,
}

/// A whole claim file.
///
/// # Example
/// ```
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     policies = ["us-ny-psc-outage-credit"]
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "79.99"
///     [[outages]]
///     services = ["internet"]
///     start = "2024-10-01T06:00:00-04:00"
///     end = "2024-10-03T11:00:00-04:00"
/// "#).unwrap();
/// claim.validate()?;
/// assert_eq!(claim.outages.len(), 1);
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimFile {
    /// Which catalog policies to apply; absent: every policy that applies to the
    /// customer's region, the plan's services and the incidents' dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policies: Option<Vec<String>>,
    /// The instant at which ongoing outages are assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<DateTime<FixedOffset>>,
    /// Who the customer is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<Customer>,
    /// The service plan.
    pub plan: ServicePlan,
    /// Outages.
    #[serde(default)]
    pub outages: Vec<Outage>,
    /// Missed or late-cancelled appointments.
    #[serde(default)]
    pub appointments: Vec<Appointment>,
    /// Late activations.
    #[serde(default)]
    pub activations: Vec<Activation>,
}

impl ClaimFile {
    /// A claim with a plan and nothing gone wrong yet.
    ///
    /// # Example
    /// ```
    /// let plan = redress::ServicePlan::new(redress::Currency::EUR, chrono_tz::Europe::Berlin);
    /// let claim = redress::ClaimFile::new(plan);
    /// assert!(claim.outages.is_empty());
    /// ```
    pub fn new(plan: ServicePlan) -> ClaimFile {
        ClaimFile {
            policies: None,
            as_of: None,
            customer: None,
            plan,
            outages: Vec::new(),
            appointments: Vec::new(),
            activations: Vec::new(),
        }
    }

    /// The claim with one more outage.
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// let plan = redress::ServicePlan::new(redress::Currency::EUR, chrono_tz::Europe::Berlin);
    /// let start = DateTime::parse_from_rfc3339("2025-03-03T09:00:00+01:00").unwrap();
    /// let claim = redress::ClaimFile::new(plan)
    ///     .with_outage(redress::Outage::new(vec![redress::ServiceKind::Internet], start));
    /// assert_eq!(claim.outages.len(), 1);
    /// ```
    pub fn with_outage(mut self, outage: Outage) -> ClaimFile {
        self.outages.push(outage);
        self
    }

    /// The claim for a customer.
    ///
    /// # Example
    /// ```
    /// let plan = redress::ServicePlan::new(redress::Currency::GBP, chrono_tz::Europe::London);
    /// let customer = redress::Customer { region: Some("GB-ENG".into()), ..Default::default() };
    /// let claim = redress::ClaimFile::new(plan).for_customer(customer);
    /// assert_eq!(claim.region(), Some("GB-ENG"));
    /// ```
    pub fn for_customer(mut self, customer: Customer) -> ClaimFile {
        self.customer = Some(customer);
        self
    }

    /// The claim assessed at an instant.
    ///
    /// # Example
    /// ```
    /// let plan = redress::ServicePlan::new(redress::Currency::GBP, chrono_tz::Europe::London);
    /// let t = chrono::DateTime::parse_from_rfc3339("2025-03-10T12:00:00Z").unwrap();
    /// assert!(redress::ClaimFile::new(plan).at(t).as_of.is_some());
    /// ```
    pub fn at(mut self, as_of: DateTime<FixedOffset>) -> ClaimFile {
        self.as_of = Some(as_of);
        self
    }

    /// The customer's region code, if given.
    pub fn region(&self) -> Option<&str> {
        self.customer.as_ref().and_then(|c| c.region.as_deref())
    }

    /// The customer's segment (residential when not given).
    pub fn segment(&self) -> crate::claim_file::Segment {
        self.customer
            .as_ref()
            .map(|c| c.segment)
            .unwrap_or_default()
    }

    /// Checks every field once and names the first it refuses.
    ///
    /// # Errors
    /// [`Error::Invalid`] with the field's path: an end before its start, a report
    /// before the outage began, a service the plan lacks, a date outside 1900-01-01 to
    /// 2199-12-31 or an instant outside 1900-01-01T00:00:00Z up to 2200-01-01T00:00:00Z
    /// (see [`FIRST_SUPPORTED_YEAR`]), a billing day outside 1-31, a negative price, an
    /// empty service list or policy id.
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// let t = |s| DateTime::parse_from_rfc3339(s).unwrap();
    /// let plan = redress::ServicePlan::new(redress::Currency::USD, chrono_tz::America::New_York)
    ///     .with_service(redress::Service::new(redress::ServiceKind::Internet, 60.into()));
    /// let claim = redress::ClaimFile::new(plan).with_outage(
    ///     redress::Outage::new(vec![redress::ServiceKind::Internet], t("2024-10-03T00:00:00Z"))
    ///         .ended(t("2024-10-01T00:00:00Z")));
    /// let err = claim.validate().unwrap_err();
    /// assert_eq!(err.to_string(), "outages[0].end: 2024-10-01T00:00:00+00:00 is before the start 2024-10-03T00:00:00+00:00");
    /// ```
    pub fn validate(&self) -> Result<()> {
        crate::plan::validate_plan_parts(self.plan.billing_day, &self.plan.services, &|| {
            FieldPath::root("plan")
        })?;
        if let Some(as_of) = self.as_of {
            check_instant_year(as_of, &At::root("as_of"))?;
        }
        if let Some(policies) = &self.policies {
            for (i, id) in policies.iter().enumerate() {
                if id.trim().is_empty() {
                    return Err(Error::invalid(
                        FieldPath::root("policies").index(i),
                        "an empty policy id; write an id such as us-ny-psc-outage-credit, \
                         or leave `policies` out to use every catalog policy that applies",
                    ));
                }
            }
        }
        for (i, outage) in self.outages.iter().enumerate() {
            self.validate_outage(outage, &At::item("outages", i))?;
        }
        for (i, appointment) in self.appointments.iter().enumerate() {
            let path = At::item("appointments", i);
            check_year(appointment.date, &path.field("date"))?;
            self.check_services(&appointment.services, &path, false)?;
        }
        for (i, activation) in self.activations.iter().enumerate() {
            let path = At::item("activations", i);
            check_year(activation.promised, &path.field("promised"))?;
            if let Some(delivered) = activation.delivered {
                check_year(delivered, &path.field("delivered"))?;
            }
            self.check_services(&activation.services, &path, false)?;
        }
        Ok(())
    }

    fn validate_outage(&self, outage: &Outage, path: &At<'_>) -> Result<()> {
        self.check_services(&outage.services, path, true)?;
        check_instant_year(outage.start, &path.field("start"))?;
        if let Some(end) = outage.end {
            check_instant_year(end, &path.field("end"))?;
            if end < outage.start {
                return Err(Error::invalid(
                    path.field("end"),
                    format!(
                        "{} is before the start {}",
                        end.to_rfc3339(),
                        outage.start.to_rfc3339()
                    ),
                ));
            }
            if end == outage.start {
                return Err(Error::invalid(
                    path.field("end"),
                    "equals the start: an outage must last some time; write the instant \
                     service came back, or leave `end` out for an outage still going on",
                ));
            }
        }
        if let Some(reported) = outage.reported {
            check_instant_year(reported, &path.field("reported"))?;
            if reported < outage.start {
                return Err(Error::invalid(
                    path.field("reported"),
                    format!(
                        "{} is before the outage began at {}; a report comes at or after \
                         the start (is a date or an offset wrong?)",
                        reported.to_rfc3339(),
                        outage.start.to_rfc3339()
                    ),
                ));
            }
        }
        if let Some(restored) = outage.power_restored {
            check_instant_year(restored, &path.field("power_restored"))?;
            if restored < outage.start {
                return Err(Error::invalid(
                    path.field("power_restored"),
                    format!(
                        "{} is before the outage began at {}; power returns at or after \
                         the start (is a date or an offset wrong?)",
                        restored.to_rfc3339(),
                        outage.start.to_rfc3339()
                    ),
                ));
            }
        }
        if let (Some(as_of), None) = (self.as_of, outage.end) {
            if as_of <= outage.start {
                return Err(Error::invalid(
                    path.field("start"),
                    format!(
                        "the outage is ongoing but starts at or after as_of ({}); give the \
                         outage its `end`, or assess it as of a later instant",
                        as_of.to_rfc3339()
                    ),
                ));
            }
        }
        Ok(())
    }

    fn check_services(
        &self,
        services: &[ServiceKind],
        path: &At<'_>,
        required: bool,
    ) -> Result<()> {
        if required && services.is_empty() {
            return Err(Error::invalid(
                path.field("services"),
                "name at least one of the plan's services",
            ));
        }
        for (j, kind) in services.iter().enumerate() {
            if self.plan.service(kind).is_none() {
                let known: Vec<&str> = self.plan.services.iter().map(|s| s.kind.as_str()).collect();
                return Err(Error::invalid(
                    path.field("services").index(j),
                    if known.is_empty() {
                        format!(
                            "`{kind}` is not a service of the plan, which has none; add it \
                             to the plan's services with its monthly_price"
                        )
                    } else {
                        format!(
                            "`{kind}` is not a service of the plan (the plan has: {}); name \
                             one of those, or add `{kind}` to the plan's services",
                            known.join(", ")
                        )
                    },
                ));
            }
        }
        Ok(())
    }

    /// The `as_of` instant in UTC, if given.
    pub fn as_of_utc(&self) -> Option<DateTime<Utc>> {
        self.as_of.map(|t| t.with_timezone(&Utc))
    }
}

/// Why an instant is outside the supported range, or `None` when it is inside.
///
/// The range is of instants, not of how they are written: from 1900-01-01T00:00:00Z
/// up to but not including 2200-01-01T00:00:00Z, whatever the offset. (The date an
/// instant is written with depends on the offset its writer chose; the same moment
/// written with another offset must get the same answer.)
///
/// # Example
/// ```
/// use chrono::DateTime;
/// use redress::claim_file::instant_outside_supported_range;
/// let t = |s| DateTime::parse_from_rfc3339(s).unwrap();
/// // The same instant, however written, gets the same answer.
/// assert!(instant_outside_supported_range(t("2200-01-01T00:00:00Z")).is_some());
/// assert!(instant_outside_supported_range(t("2199-12-31T19:00:00-05:00")).is_some());
/// assert!(instant_outside_supported_range(t("2199-12-31T23:59:59Z")).is_none());
/// assert!(instant_outside_supported_range(t("1900-01-01T01:00:00+01:00")).is_none());
/// ```
pub fn instant_outside_supported_range(instant: DateTime<FixedOffset>) -> Option<String> {
    let utc = instant.naive_utc();
    if (FIRST_SUPPORTED_YEAR..=LAST_SUPPORTED_YEAR).contains(&utc.year()) {
        return None;
    }
    let written = if instant.offset().local_minus_utc() == 0 {
        String::new()
    } else {
        format!(
            " ({} is {}Z)",
            instant.to_rfc3339(),
            utc.format("%Y-%m-%dT%H:%M:%S")
        )
    };
    Some(format!(
        "{} is outside the supported years {FIRST_SUPPORTED_YEAR}-{LAST_SUPPORTED_YEAR}, \
         counted in UTC{written}; {SUPPORTED_INSTANTS}",
        utc.date()
    ))
}

/// [`instant_outside_supported_range`] as a field's error.
fn check_instant_year(instant: DateTime<FixedOffset>, path: &At<'_>) -> Result<()> {
    match instant_outside_supported_range(instant) {
        None => Ok(()),
        Some(problem) => Err(Error::invalid(path, problem)),
    }
}

fn check_year(date: NaiveDate, path: &At<'_>) -> Result<()> {
    if (FIRST_SUPPORTED_YEAR..=LAST_SUPPORTED_YEAR).contains(&date.year()) {
        Ok(())
    } else {
        Err(Error::invalid(
            path,
            format!(
                "{date} is outside the supported years {FIRST_SUPPORTED_YEAR}-{LAST_SUPPORTED_YEAR}; \
                 write a date from {FIRST_SUPPORTED_YEAR}-01-01 to {LAST_SUPPORTED_YEAR}-12-31"
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::ClaimFile;

    fn outage_starting(start: &str) -> ClaimFile {
        toml::from_str(&format!(
            r#"
            [plan]
            currency = "USD"
            time_zone = "UTC"
            [[plan.services]]
            kind = "internet"
            monthly_price = "50"
            [[outages]]
            services = ["internet"]
            start = "{start}"
            "#
        ))
        .unwrap()
    }

    /// The supported years are of the instant, counted in UTC, not of the date it is
    /// written with: from 1900-01-01T00:00:00Z up to but not including
    /// 2200-01-01T00:00:00Z. (This test once held the opposite rule, the local date as
    /// written, under which `2200-01-01T00:00:00Z` was refused but the same instant
    /// written `2199-12-31T19:00:00-05:00` was accepted: one moment, two answers,
    /// chosen by the writer's offset.) Each edge is tried with several offsets, a
    /// second either side.
    #[test]
    fn supported_years_are_of_the_instant_in_utc() {
        let cases = [
            // The first instant, written four ways: all accepted.
            ("1900-01-01T00:00:00Z", true),
            ("1899-12-31T19:00:00-05:00", true),
            ("1900-01-01T05:30:00+05:30", true),
            ("1899-12-31T00:00:00-23:59", false),
            ("1899-12-31T00:01:00-23:59", true),
            // A second before it, written four ways: all refused.
            ("1899-12-31T23:59:59Z", false),
            ("1899-12-31T18:59:59-05:00", false),
            ("1900-01-01T05:29:59+05:30", false),
            ("1900-01-01T13:59:59+14:00", false),
            // The last second, written four ways: all accepted.
            ("2199-12-31T23:59:59Z", true),
            ("2199-12-31T18:59:59-05:00", true),
            ("2200-01-01T05:29:59+05:30", true),
            ("2200-01-01T13:59:59+14:00", true),
            // The first instant after the range, written four ways: all refused.
            ("2200-01-01T00:00:00Z", false),
            ("2199-12-31T19:00:00-05:00", false),
            ("2200-01-01T05:30:00+05:30", false),
            ("2199-12-31T10:00:00-14:00", false),
            ("2024-10-01T06:00:00-04:00", true),
        ];
        for (start, valid) in cases {
            let result = outage_starting(start).validate();
            assert_eq!(result.is_ok(), valid, "{start}: {result:?}");
            if let Err(e) = result {
                let text = e.to_string();
                assert!(text.starts_with("outages[0].start: "), "{start}: {text}");
                assert!(
                    text.contains("up to but not including 2200-01-01T00:00:00Z"),
                    "{start}: {text}"
                );
            }
        }
    }

    /// A refused instant written with an offset is shown in UTC too, so the reader sees
    /// why a date inside the years is refused.
    #[test]
    fn a_refused_instant_is_shown_in_utc() {
        let err = outage_starting("2199-12-31T19:00:00-05:00")
            .validate()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "outages[0].start: 2200-01-01 is outside the supported years 1900-2199, counted \
             in UTC (2199-12-31T19:00:00-05:00 is 2200-01-01T00:00:00Z); write an instant \
             from 1900-01-01T00:00:00Z up to but not including 2200-01-01T00:00:00Z"
        );
    }
}
