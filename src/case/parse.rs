//! Reading a claim file into a [`Case`]: every field checked once, with the path of the
//! field refused, and converted to what the engine works in.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};
use chrono_tz::Tz;

use super::{Case, Downtime, LateActivation, MissedAppointment};
use crate::at::At;
use crate::civil::{
    instant_outside_supported_range, local_date, zone_note, When, FIRST_SUPPORTED_YEAR,
    LAST_SUPPORTED_YEAR,
};
use crate::claim_file::ClaimFile;
use crate::error::{Error, FieldPath, Result};
use crate::outage::Outage;
use crate::plan::{check_price_marks, validate_plan_parts, BillingCycle, Service, ServiceKind};

/// [`Case::from_file`].
pub(super) fn case(file: &ClaimFile) -> Result<Case> {
    let plan = &file.plan;
    validate_plan_parts(plan.billing_day, &plan.services, &|| {
        FieldPath::root("plan")
    })?;
    check_price_marks(plan.currency, &plan.services, &|| FieldPath::root("plan"))?;
    let billing = BillingCycle::new(plan.billing_day, plan.time_zone)?;
    let mut notes: Vec<String> = zone_note(plan.time_zone).into_iter().collect();
    let as_of = match &file.as_of {
        Some(written) => {
            let as_of = instant(
                written,
                plan.time_zone,
                "as_of",
                "as_of",
                &mut notes,
                &|| FieldPath::root("as_of"),
            )?;
            check_instant_year(as_of, &|| FieldPath::root("as_of"))?;
            Some(as_of)
        }
        None => None,
    };
    if let Some(policies) = &file.policies {
        check_policy_ids(policies)?;
    }
    let plan_services = PlanServices::new(&plan.services);
    let mut outages = Vec::with_capacity(file.outages.len());
    for (i, outage) in file.outages.iter().enumerate() {
        outages.push(downtime(
            outage,
            as_of,
            &plan_services,
            &At::item("outages", i),
            (plan.time_zone, &mut notes),
        )?);
    }
    let mut appointments = Vec::with_capacity(file.appointments.len());
    for (i, appointment) in file.appointments.iter().enumerate() {
        let path = At::item("appointments", i);
        check_year(appointment.date, &|| FieldPath::from(&path.field("date")))?;
        plan_services.check(&appointment.services, &path, false)?;
        appointments.push(MissedAppointment {
            date: appointment.date,
            services: appointment.services.clone(),
        });
    }
    let mut activations = Vec::with_capacity(file.activations.len());
    let until_as_of = as_of.map(|as_of| local_date(as_of.with_timezone(&Utc), plan.time_zone));
    for (i, activation) in file.activations.iter().enumerate() {
        activations.push(late_activation(activation, i, until_as_of, &plan_services)?);
    }
    let mut received = Vec::with_capacity(file.credits_received.len());
    for (i, credit) in file.credits_received.iter().enumerate() {
        received.push(super::received::credit(credit, plan.currency, i)?);
    }
    let customer = file.customer.as_ref();
    let region = match customer.and_then(|c| c.region.as_deref()) {
        Some(region) => Some(region_code(region)?),
        None => None,
    };
    Ok(Case {
        as_of: as_of.map(|t| t.with_timezone(&Utc)),
        region,
        segment: customer.map(|c| c.segment).unwrap_or_default(),
        provider: plan.provider.clone(),
        currency: plan.currency,
        zone: plan.time_zone,
        billing,
        services: plan.services.clone(),
        places: Case::places_of(&plan.services),
        outages,
        appointments,
        activations,
        policies: file.policies.clone(),
        received,
        notes,
    })
}

/// The customer's region as an ISO 3166 code, upper case ([`crate::region`]); anything
/// else is refused at `customer.region` with the code it may have meant.
fn region_code(region: &str) -> Result<String> {
    crate::region::canonical(region)
        .map(String::from)
        .map_err(|e| Error::invalid(FieldPath::root("customer").field("region"), e.to_string()))
}

/// Policy ids are checked against the catalog where they are used; here only that
/// none is blank, which would otherwise read as "no policy".
fn check_policy_ids(policies: &[String]) -> Result<()> {
    for (i, id) in policies.iter().enumerate() {
        if id.trim().is_empty() {
            return Err(Error::invalid(
                FieldPath::root("policies").index(i),
                "an empty policy id; write an id such as us-ny-psc-outage-credit, \
                 or leave `policies` out to use every catalog policy that applies",
            ));
        }
    }
    Ok(())
}

/// One activation of a claim file, checked; one not yet delivered is late until the
/// local date of `as_of`, which it then needs.
fn late_activation(
    activation: &crate::outage::Activation,
    i: usize,
    until_as_of: Option<NaiveDate>,
    plan: &PlanServices<'_>,
) -> Result<LateActivation> {
    let path = At::item("activations", i);
    check_year(activation.promised, &|| {
        FieldPath::from(&path.field("promised"))
    })?;
    if let Some(delivered) = activation.delivered {
        check_year(delivered, &|| FieldPath::from(&path.field("delivered")))?;
    }
    plan.check(&activation.services, &path, false)?;
    let until = match (activation.delivered, until_as_of) {
        (Some(delivered), _) => delivered,
        (None, Some(until)) => until,
        (None, None) => {
            return Err(Error::invalid(
                FieldPath::root("as_of"),
                format!(
                    "activation {} is not yet delivered, so the claim needs an as_of instant",
                    i + 1
                ),
            ))
        }
    };
    Ok(LateActivation {
        services: activation.services.clone(),
        promised: activation.promised,
        delivered: activation.delivered,
        until,
    })
}

/// One outage of a claim file, checked and converted: its times read in the plan's
/// zone, with a note for each written at an offset the zone did not have then.
fn downtime(
    outage: &Outage,
    as_of: Option<DateTime<FixedOffset>>,
    plan: &PlanServices<'_>,
    path: &At<'_>,
    (zone, notes): (Tz, &mut Vec<String>),
) -> Result<Downtime> {
    plan.check(&outage.services, path, true)?;
    let place = |field: &str| FieldPath::from(&path.field(field));
    let number = path_index(path);
    let mut read = |field: &str, written: &When| {
        let label = format!("{field} of outage {number}");
        instant(written, zone, field, &label, notes, &|| place(field)).map(When::Exact)
    };
    let mut exact = outage.clone();
    exact.start = read("start", &outage.start)?;
    exact.end = outage.end.as_ref().map(|t| read("end", t)).transpose()?;
    exact.reported = outage
        .reported
        .as_ref()
        .map(|t| read("reported", t))
        .transpose()?;
    exact.power_restored = (outage.power_restored.as_ref())
        .map(|t| read("power_restored", t))
        .transpose()?;
    outage_facts(&exact, exact.services.clone(), as_of, &place, number)
}

/// A written time as an instant in the plan's zone, the refusal naming the field; an
/// offset the zone did not have then adds a note, naming the field by `label`.
fn instant(
    written: &When,
    zone: Tz,
    field: &str,
    label: &str,
    notes: &mut Vec<String>,
    path: &dyn Fn() -> FieldPath,
) -> Result<DateTime<FixedOffset>> {
    let instant = written
        .resolve(zone, field)
        .map_err(|problem| Error::invalid(path(), problem))?;
    notes.extend(written.offset_note(zone, label));
    Ok(instant)
}

/// An outage's times, each written with its offset (a batch's outages always are; a
/// claim file's are read in the plan's zone before they get here).
struct Instants {
    start: DateTime<FixedOffset>,
    end: Option<DateTime<FixedOffset>>,
    reported: Option<DateTime<FixedOffset>>,
    power_restored: Option<DateTime<FixedOffset>>,
}

impl Instants {
    /// The outage's times, a time without an offset refused, naming its field.
    fn of(outage: &Outage, place: &dyn Fn(&str) -> FieldPath) -> Result<Instants> {
        let exact = |field: &str, written: &When| {
            written.exact().ok_or_else(|| {
                Error::invalid(
                    place(field),
                    format!(
                        "`{written}` has no offset; write the instant with its offset, such \
                         as 2024-10-01T06:00:00-04:00"
                    ),
                )
            })
        };
        Ok(Instants {
            start: exact("start", &outage.start)?,
            end: outage.end.as_ref().map(|t| exact("end", t)).transpose()?,
            reported: (outage.reported.as_ref())
                .map(|t| exact("reported", t))
                .transpose()?,
            power_restored: (outage.power_restored.as_ref())
                .map(|t| exact("power_restored", t))
                .transpose()?,
        })
    }
}

/// An outage's instants checked (each inside the supported years; the end after the
/// start, the report and the power's return not before it; an ongoing outage starting
/// before `as_of`) and converted, with `services` as the services it took down. Errors
/// name the field through `place`; `number` is the outage's 1-based number in messages.
pub(crate) fn outage_facts(
    outage: &Outage,
    services: Vec<ServiceKind>,
    as_of: Option<DateTime<FixedOffset>>,
    place: &dyn Fn(&str) -> FieldPath,
    number: usize,
) -> Result<Downtime> {
    check_times(outage, as_of, place)?;
    let exemption = super::exemption::checked_exemption(outage, place)?;
    let times = Instants::of(outage, place)?;
    let end = match (times.end, as_of) {
        (Some(end), _) => end,
        (None, Some(as_of)) => as_of,
        (None, None) => {
            return Err(Error::invalid(
                FieldPath::root("as_of"),
                format!(
                "outage {number} has no end, so the claim needs an as_of instant to assess it at"
            ),
            ))
        }
    };
    Ok(Downtime {
        services,
        start: times.start.with_timezone(&Utc),
        end: end.with_timezone(&Utc),
        ongoing: times.end.is_none(),
        reported: times.reported.map(|t| t.with_timezone(&Utc)),
        customers_affected: outage.customers_affected,
        cause: outage.cause,
        power_restored: times.power_restored.map(|t| t.with_timezone(&Utc)),
        degraded: outage.degraded,
        exemption,
        weather_category: outage.weather_category,
    })
}

/// The checks of [`outage_facts`], without converting.
pub(crate) fn check_times(
    outage: &Outage,
    as_of: Option<DateTime<FixedOffset>>,
    place: &dyn Fn(&str) -> FieldPath,
) -> Result<()> {
    let outage = Instants::of(outage, place)?;
    check_instant_year(outage.start, &|| place("start"))?;
    if let Some(end) = outage.end {
        check_instant_year(end, &|| place("end"))?;
        if end < outage.start {
            return Err(Error::invalid(
                place("end"),
                format!(
                    "{} is before the start {}",
                    end.to_rfc3339(),
                    outage.start.to_rfc3339()
                ),
            ));
        }
        if end == outage.start {
            return Err(Error::invalid(
                place("end"),
                "equals the start: an outage must last some time; write the instant \
                 service came back, or leave `end` out for an outage still going on",
            ));
        }
    }
    if let Some(reported) = outage.reported {
        check_instant_year(reported, &|| place("reported"))?;
        if reported < outage.start {
            return Err(Error::invalid(
                place("reported"),
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
        check_instant_year(restored, &|| place("power_restored"))?;
        if restored < outage.start {
            return Err(Error::invalid(
                place("power_restored"),
                format!(
                    "{} is before the outage began at {}; power returns at or after \
                     the start (is a date or an offset wrong?)",
                    restored.to_rfc3339(),
                    outage.start.to_rfc3339()
                ),
            ));
        }
    }
    if let (None, Some(as_of)) = (outage.end, as_of) {
        if as_of <= outage.start {
            return Err(Error::invalid(
                place("start"),
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

/// The 1-based number of the outage a path names, for messages ("outage 3").
fn path_index(path: &At<'_>) -> usize {
    path.item_index().map_or(1, |i| i + 1)
}

/// The plan's services, looked up by kind: a few are scanned, many are hashed, so a
/// plan of thousands of services is checked in time proportional to its size.
struct PlanServices<'a> {
    services: &'a [Service],
    index: Option<HashMap<&'a ServiceKind, usize>>,
}

impl<'a> PlanServices<'a> {
    fn new(services: &'a [Service]) -> PlanServices<'a> {
        let index = (services.len() > crate::plan::FEW_SERVICES).then(|| {
            services
                .iter()
                .enumerate()
                .map(|(i, s)| (&s.kind, i))
                .collect()
        });
        PlanServices { services, index }
    }

    fn has(&self, kind: &ServiceKind) -> bool {
        match &self.index {
            Some(index) => index.contains_key(kind),
            None => self.services.iter().any(|s| &s.kind == kind),
        }
    }

    /// Every kind named is one of the plan's; with `required`, at least one is named.
    fn check(&self, kinds: &[ServiceKind], path: &At<'_>, required: bool) -> Result<()> {
        if required && kinds.is_empty() {
            return Err(Error::invalid(
                path.field("services"),
                "name at least one of the plan's services",
            ));
        }
        for (j, kind) in kinds.iter().enumerate() {
            if !self.has(kind) {
                let known: Vec<&str> = self.services.iter().map(|s| s.kind.as_str()).collect();
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
}

/// [`instant_outside_supported_range`] as a field's error.
pub(crate) fn check_instant_year(
    instant: DateTime<FixedOffset>,
    path: &dyn Fn() -> FieldPath,
) -> Result<()> {
    match instant_outside_supported_range(instant) {
        None => Ok(()),
        Some(problem) => Err(Error::invalid(path(), problem)),
    }
}

pub(crate) fn check_year(date: NaiveDate, path: &dyn Fn() -> FieldPath) -> Result<()> {
    if (FIRST_SUPPORTED_YEAR..=LAST_SUPPORTED_YEAR).contains(&date.year()) {
        Ok(())
    } else {
        Err(Error::invalid(
            path(),
            format!(
                "{date} is outside the supported years {FIRST_SUPPORTED_YEAR}-{LAST_SUPPORTED_YEAR}; \
                 write a date from {FIRST_SUPPORTED_YEAR}-01-01 to {LAST_SUPPORTED_YEAR}-12-31"
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::{Case, ClaimFile};

    /// A claim with one outage from `start`, ended a nanosecond later at the same offset
    /// (an ongoing outage would need an `as_of`, whose own year is checked first).
    fn outage_starting(start: &str) -> ClaimFile {
        let end = chrono::DateTime::parse_from_rfc3339(start)
            .map(|t| (t + chrono::TimeDelta::nanoseconds(1)).to_rfc3339())
            .unwrap();
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
            end = "{end}"
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
            let result = Case::from_file(&outage_starting(start));
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
        let err = Case::from_file(&outage_starting("2199-12-31T19:00:00-05:00")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "outages[0].start: 2200-01-01 is outside the supported years 1900-2199, counted \
             in UTC (2199-12-31T19:00:00-05:00 is 2200-01-01T00:00:00Z); write an instant \
             from 1900-01-01T00:00:00Z up to but not including 2200-01-01T00:00:00Z"
        );
    }
    /// A claim in New York with one outage whose times are given as TOML values.
    fn ny(as_of: &str, start: &str, end: &str, reported: &str) -> ClaimFile {
        toml::from_str(&format!(
            r#"
            as_of = {as_of}
            [plan]
            currency = "USD"
            time_zone = "America/New_York"
            [[plan.services]]
            kind = "internet"
            monthly_price = "50"
            [[outages]]
            services = ["internet"]
            start = {start}
            end = {end}
            reported = {reported}
            "#
        ))
        .unwrap()
    }

    /// Times without an offset are read at New York's offset then: -04:00 in October,
    /// so 06:00 is 10:00 UTC; -05:00 in December, so 12:00 is 17:00 UTC. No notes.
    #[test]
    fn local_times_are_read_in_the_plans_zone() {
        let case = Case::from_file(&ny(
            "\"2024-12-05 12:00\"",
            "\"2024-10-01T06:00\"",
            "2024-10-02T12:00:00",
            "\"2024-10-01T06:30:00\"",
        ))
        .unwrap();
        let outage = &case.outages()[0];
        assert_eq!(outage.start.to_rfc3339(), "2024-10-01T10:00:00+00:00");
        assert_eq!(outage.end.to_rfc3339(), "2024-10-02T16:00:00+00:00");
        assert_eq!(
            outage.reported.map(|t| t.to_rfc3339()).as_deref(),
            Some("2024-10-01T10:30:00+00:00")
        );
        assert_eq!(
            case.as_of().map(|t| t.to_rfc3339()).as_deref(),
            Some("2024-12-05T17:00:00+00:00")
        );
        assert!(case.notes().is_empty(), "{:?}", case.notes());
    }

    /// Each refusal names its field: a fold in `end`, a gap in `as_of`, a date alone in
    /// `reported`.
    #[test]
    fn a_time_naming_no_one_instant_is_refused_at_its_field() {
        let ok = "\"2024-10-01T06:00\"";
        let err = |file: ClaimFile| Case::from_file(&file).unwrap_err().to_string();
        assert_eq!(
            err(ny(ok, ok, "\"2024-11-03T01:30\"", ok)),
            "outages[0].end: 2024-11-03T01:30 happened twice in America/New_York: write \
             2024-11-03T01:30-04:00 for the first or 2024-11-03T01:30-05:00 for the second"
        );
        assert!(err(ny("\"2024-03-10T02:00\"", ok, ok, ok))
            .starts_with("as_of: 2024-03-10T02:00 did not happen in America/New_York"));
        assert!(
            err(ny(ok, ok, "\"2024-10-02T06:00\"", "2024-10-01")).starts_with(
                "outages[0].reported: `2024-10-01` is a date; `reported` needs a time too"
            )
        );
    }

    /// Offsets New York did not have then are noted in the order of the file, each
    /// naming its field; a UTC time is not; the zone's own note comes first.
    #[test]
    fn offsets_the_zone_did_not_have_are_noted_in_order() {
        // as_of 11:00-05:00 is 16:00Z = 12:00-04:00; start 10:00Z is deliberate UTC;
        // end 13:00-05:00 is 18:00Z = 14:00-04:00; reported 07:00-04:00 is New York's own.
        let case = Case::from_file(&ny(
            "\"2024-10-05T11:00:00-05:00\"",
            "\"2024-10-01T10:00:00Z\"",
            "2024-10-02T13:00:00-05:00",
            "\"2024-10-01T07:00:00-04:00\"",
        ))
        .unwrap();
        assert_eq!(
            case.notes(),
            [
                "as_of was written -05:00 (2024-10-05T11:00-05:00); New York \
                 (America/New_York) was at -04:00 then, so it is taken as that instant, \
                 2024-10-05T12:00-04:00 there",
                "end of outage 1 was written -05:00 (2024-10-02T13:00-05:00); New York \
                 (America/New_York) was at -04:00 then, so it is taken as that instant, \
                 2024-10-02T14:00-04:00 there",
            ]
        );
        assert_eq!(
            case.outages()[0].end.to_rfc3339(),
            "2024-10-02T18:00:00+00:00"
        );
        let mut est = ny(
            "\"2024-10-05T11:00:00-05:00\"",
            "\"2024-10-01T05:00\"",
            "\"2024-10-02T05:00\"",
            "\"2024-10-01T05:00\"",
        );
        est.plan.time_zone = chrono_tz::EST;
        let case = Case::from_file(&est).unwrap();
        assert_eq!(case.notes().len(), 1, "{:?}", case.notes());
        assert!(case.notes()[0].starts_with("time_zone `EST` is a fixed offset"));
        // In EST, 05:00 is 10:00 UTC all year.
        assert_eq!(
            case.outages()[0].start.to_rfc3339(),
            "2024-10-01T10:00:00+00:00"
        );
    }
}
