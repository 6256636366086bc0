//! Compiling a policy for a case: every version, provision and item turned into a
//! [`Program`] of notes and priced items, in the order a claim shows them.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

use chrono::NaiveDate;
use smallvec::SmallVec;

use super::context::Context;
use super::exposure::{self, in_version, BySpell, Frame, Item, What};
use super::program::{ItemProgram, LineFacts, OutcomeExpr, Paid, Program};
use super::rules::{amount, condition, escalating, per_unit, pro_rata, tiers, uptime};
use crate::calendar::{self, HolidayCalendar};
use crate::case::Case;
use crate::civil::{add_days, local_date};
use crate::claim::Window;
use crate::error::Result;
use crate::outage::Cause;
use crate::plan::ServiceKind;
use crate::policy::{
    Bearing, ClaimDeadline, Payment, Policy, PolicyVersion, Provision, Rule, Subject,
};
use crate::timeline::Spell;

/// How a policy's readings are introduced in a claim's notes.
const READING: &str = "Reading taken: ";

/// How a reading option chosen other than the catalog's is introduced in a claim's notes.
const OPTION: &str = "Option chosen: ";

/// Why a policy cannot apply to a case at all: it pays in another currency, or covers
/// none of the plan's services.
pub(crate) fn not_applicable(case: &Case, policy: &Policy) -> Option<String> {
    if let Some(currency) = policy.currency {
        if currency != case.currency {
            return Some(format!(
                "it pays in {currency}, but the plan is priced in {}",
                case.currency
            ));
        }
    }
    if case.services.iter().any(|s| policy.covers(&s.kind)) {
        return None;
    }
    let covered: Vec<&str> = policy.services.iter().map(ServiceKind::as_str).collect();
    let has: Vec<&str> = case.services.iter().map(|s| s.kind.as_str()).collect();
    Some(format!(
        "it covers {}, and the plan has {}",
        covered.join(", "),
        if has.is_empty() {
            "no services".to_owned()
        } else {
            has.join(", ")
        }
    ))
}

/// A policy compiled for a case. With `explain`, the program keeps every note and the
/// facts each line's words are made of; without, it prices only.
///
/// The caller has checked that the policy can apply ([`not_applicable`]).
pub(crate) fn compile(case: &Case, policy: &Policy, explain: bool) -> Result<Program> {
    let mut program = Program::default();
    let note = |program: &mut Program, text: &dyn Fn() -> String| {
        if explain {
            program.note(text());
        }
    };
    if !policy.segments.is_empty() && !policy.segments.contains(&case.segment) {
        note(&mut program, &|| {
            let segments: Vec<String> = policy.segments.iter().map(|s| s.to_string()).collect();
            format!(
                "This policy covers {} customers only; the customer is {}.",
                segments.join(" and "),
                case.segment
            )
        });
        return Ok(program);
    }
    // Only a rule that counts working days needs the region's holidays.
    let needs_calendar = uses_working_days(policy);
    let regional = if needs_calendar {
        case.region.as_deref().and_then(regional_calendar)
    } else {
        None
    };
    if needs_calendar && regional.is_none() {
        note(&mut program, &|| match case.region.as_deref() {
            Some(r) => format!(
                "No holiday calendar is known for region {r}; working days are Monday to Friday."
            ),
            None => {
                "No customer region was given; working days are Monday to Friday, without holidays."
                    .to_owned()
            }
        });
    }
    if let Some(caveat) = regional.as_deref().and_then(HolidayCalendar::note) {
        note(&mut program, &|| caveat.to_owned());
    }
    let calendar: &HolidayCalendar = regional.as_deref().unwrap_or_else(|| weekends_only());
    // The notes on outages no version counts come first, once the versions have said
    // which they count.
    let notes_before = program.notes.len();
    let mut dated = explain.then(|| Dated::new(case));
    // Dated versions mostly repeat their provisions with other amounts: their spells
    // are worked out once and shared. A policy of one version works each out in place.
    let mut shared: Option<Vec<Spells<'_, '_>>> = (policy.versions.len() > 1)
        .then(|| Vec::with_capacity(policy.versions.iter().map(|v| v.provisions.len()).sum()));
    for (v, version) in policy.versions.iter().enumerate() {
        for (p, provision) in version.provisions.iter().enumerate() {
            let ctx = Context {
                policy,
                provision,
                place: (v, p),
                zone: case.zone,
                cycle: case.billing,
                calendar,
                segment: case.segment,
                outages: &case.outages,
                currency: case.currency,
                services: &case.services,
                explain,
            };
            let dated = dated.as_mut();
            compile_provision(case, &ctx, version, (shared.as_mut(), dated), &mut program)?;
        }
    }
    if let Some(dated) = dated {
        let notes = note_out_of_force(case, policy, &dated);
        program.notes.splice(
            notes_before..notes_before,
            notes.into_iter().map(|n| (0, n)),
        );
    }
    if explain {
        note_readings(case, policy, &mut program);
    }
    Ok(program)
}

/// Notes the options chosen other than their defaults, the policy's readings, and those
/// that bear on the case.
fn note_readings(case: &Case, policy: &Policy, program: &mut Program) {
    for chosen in &policy.chosen_options {
        program.note(format!("{OPTION}{chosen}"));
    }
    let readings = policy.readings.iter().chain(
        policy
            .readings_for
            .iter()
            .filter(|(bearing, _)| bears_on(case, policy, *bearing))
            .map(|(_, reading)| reading),
    );
    for reading in readings {
        let mut text = String::with_capacity(READING.len() + reading.len());
        text.push_str(READING);
        text.push_str(reading);
        program.note(text);
    }
}

/// Whether a case has what a reading bears on: an outage of that cause (of a service
/// the policy covers), a missed appointment, a late activation.
fn bears_on(case: &Case, policy: &Policy, bearing: Bearing) -> bool {
    match bearing {
        Bearing::Cause(cause) => case
            .outages
            .iter()
            .any(|o| o.cause == cause && o.services.iter().any(|s| policy.covers(s))),
        Bearing::WeatherCategory(category) => case.outages.iter().any(|o| {
            o.cause == Cause::SevereWeather
                && o.weather_category == Some(category)
                && o.services.iter().any(|s| policy.covers(s))
        }),
        Bearing::Appointments => !case.appointments.is_empty(),
        Bearing::Activations => !case.activations.is_empty(),
    }
}

/// The spells a provision counts, and the outages it excludes by their cause: shared by
/// the provisions that pick outages alike (the same services, the same severity, the
/// same causes excluded), as a policy's dated versions mostly do.
struct Spells<'c, 'p> {
    provision: &'p Provision,
    by_service: BySpell<'c>,
    together: OnceCell<Vec<Spell>>,
    excluded: Vec<(usize, Cause)>,
}

impl<'c> Spells<'c, '_> {
    /// Works out the spells, in place: they are not small to move.
    fn pick(&mut self, case: &'c Case, ctx: &Context<'_>) {
        let Spells {
            provision,
            by_service,
            excluded,
            ..
        } = self;
        exposure::spells_by_service(
            case,
            ctx.policy,
            provision,
            &mut |i, cause| excluded.push((i, cause)),
            by_service,
        );
    }

    fn picks_as(&self, provision: &Provision) -> bool {
        let seen = self.provision;
        seen.services == provision.services
            && seen.counts == provision.counts
            && seen.excluded_causes == provision.excluded_causes
    }
}

/// One provision's items under one version, appended to the program.
fn compile_provision<'c, 'p>(
    case: &'c Case,
    ctx: &Context<'p>,
    version: &PolicyVersion,
    (shared, mut dated): (Option<&mut Vec<Spells<'c, 'p>>>, Option<&mut Dated>),
    program: &mut Program,
) -> Result<()> {
    let provision = ctx.provision;
    let picks_outages = !matches!(
        provision.subject,
        Subject::Appointments | Subject::Activations
    );
    let mut own = Spells {
        provision,
        by_service: SmallVec::new(),
        together: OnceCell::new(),
        excluded: Vec::new(),
    };
    let spells: &Spells<'_, '_> = match shared {
        _ if !picks_outages => &own,
        None => {
            own.pick(case, ctx);
            &own
        }
        Some(shared) => {
            let at = match shared.iter().position(|spells| spells.picks_as(provision)) {
                Some(at) => at,
                None => {
                    shared.push(own);
                    let at = shared.len() - 1;
                    if let Some(spells) = shared.get_mut(at) {
                        spells.pick(case, ctx);
                    }
                    at
                }
            };
            match shared.get(at) {
                Some(spells) => spells,
                None => return Ok(()),
            }
        }
    };
    if ctx.explain && picks_outages {
        for (i, cause) in &spells.excluded {
            program.note(format!(
                "Outage {} earns nothing under “{}”: its cause ({cause}) is excluded.",
                i + 1,
                provision.name
            ));
        }
    }
    let (by_service, together) = (&spells.by_service, &spells.together);
    let frame = Frame {
        policy: ctx.policy,
        provision,
        zone: ctx.zone,
        cycle: ctx.cycle,
    };
    let mut items = SmallVec::new();
    exposure::items(case, &frame, by_service, together, &mut items)?;
    program.items.reserve(items.len());
    for item in &items {
        let kept = in_version(item, version, ctx.policy, ctx.zone);
        if let Some(dated) = dated.as_deref_mut() {
            dated.mark(item, kept.as_deref(), ctx);
        }
        let Some(item) = kept else {
            continue;
        };
        program.items.push(compile_item(ctx, version, &item)?);
    }
    Ok(())
}

/// One item: its outcome, how it is paid, by when, and how its lines are rounded.
fn compile_item(
    ctx: &Context<'_>,
    version: &PolicyVersion,
    item: &Item<'_>,
) -> Result<ItemProgram> {
    let outcome = best_cause(ctx, item)?;
    let (paid, paid_notes) = match &ctx.provision.payment {
        Payment::Automatic => (Paid::Automatic, Vec::new()),
        Payment::OnRequest => (Paid::OnRequest, Vec::new()),
        Payment::AutomaticIf(test) => {
            let (test, notes) = condition::payment(test, ctx, item)?;
            let paid = match test {
                // Decided from the outages alone: the same for any credit.
                super::program::Test::Holds(true) => Paid::Automatic,
                super::program::Test::Holds(false) => Paid::OnRequest,
                open => Paid::When(open),
            };
            (paid, notes)
        }
    };
    // A deadline is words on a line and in a note: figures alone need none.
    let deadline = match (ctx.provision.deadline, ctx.explain) {
        (Some(deadline), true) => Some(deadline_date(deadline, ctx, item)?),
        _ => None,
    };
    Ok(ItemProgram {
        outcome,
        paid,
        // Where a version names no rule: half away from zero to the currency's minor unit.
        rounding: version.rounding.unwrap_or_else(|| ctx.currency.rounding()),
        facts: ctx
            .explain
            .then(|| Box::new(facts(ctx, item, paid_notes, deadline))),
    })
}

/// What a line's words and references are made of.
fn facts(
    ctx: &Context<'_>,
    item: &Item<'_>,
    paid_notes: Vec<String>,
    deadline: Option<NaiveDate>,
) -> LineFacts {
    let (outages, appointment, activation, period) = match &item.what {
        What::Incident(spell) => (spell.sources.to_vec(), None, None, None),
        What::Window {
            start, end, spells, ..
        } => {
            let mut sources: Vec<usize> = spells
                .iter()
                .flat_map(|s| s.sources.iter().copied())
                .collect();
            sources.sort_unstable();
            sources.dedup();
            (
                sources,
                None,
                None,
                Some(Window {
                    start: *start,
                    end: *end,
                }),
            )
        }
        What::Appointment { index, .. } => (Vec::new(), Some(*index), None, None),
        What::Activation { index, .. } => (Vec::new(), None, Some(*index), None),
    };
    LineFacts {
        provision: ctx.place,
        services: item.services.iter().cloned().collect(),
        described: item.described(),
        zone: ctx.zone,
        outages,
        appointment,
        activation,
        period,
        paid_notes,
        deadline,
    }
}

/// An item's rule; an outage whose merged records disagree on the cause is compiled
/// under each cause, to pay the best at the prices.
fn best_cause(ctx: &Context<'_>, item: &Item<'_>) -> Result<OutcomeExpr> {
    let What::Incident(spell) = &item.what else {
        return rule(&ctx.provision.rule, ctx, item);
    };
    if spell.other_causes.is_empty() {
        return rule(&ctx.provision.rule, ctx, item);
    }
    let causes: Vec<crate::outage::Cause> = std::iter::once(spell.cause)
        .chain(spell.other_causes.iter().copied())
        .collect();
    let mut options = Vec::with_capacity(causes.len());
    for cause in &causes {
        let mut variant = Spell::clone(spell);
        variant.cause = *cause;
        variant.other_causes.clear();
        let candidate = Item {
            what: What::Incident(Cow::Owned(variant)),
            services: item.services.clone(),
            price: item.price.clone(),
            anchor: item.anchor,
        };
        options.push(rule(&ctx.provision.rule, ctx, &candidate)?);
    }
    Ok(OutcomeExpr::BestCause {
        options,
        causes,
        label: ctx.label(item),
    })
}

/// A rule for one item.
pub(crate) fn rule(rule_: &Rule, ctx: &Context<'_>, item: &Item<'_>) -> Result<OutcomeExpr> {
    Ok(match rule_ {
        Rule::Fixed { amount } => {
            let mut lines = SmallVec::new();
            lines.push(super::line::LineExpr::Fixed(amount::figure(
                amount, ctx, item,
            )?));
            OutcomeExpr::Lines {
                notes: Vec::new(),
                lines,
            }
        }
        Rule::PerUnit(r) => per_unit::compile(r, ctx, item)?,
        Rule::ProRata(r) => pro_rata::compile(r, ctx, item)?,
        Rule::Escalating(r) => escalating::compile(r, ctx, item)?,
        Rule::UptimeTiers(r) => uptime::compile(r, ctx, item)?,
        Rule::Tiers(r) => tiers::compile(r, ctx, item)?,
        Rule::SumOf { rules } => OutcomeExpr::Seq(
            rules
                .iter()
                .map(|r| rule(r, ctx, item))
                .collect::<Result<_>>()?,
        ),
        Rule::MaxOf { rules } => {
            if rules.is_empty() {
                return Err(ctx.invalid_rule("max-of needs at least one rule"));
            }
            OutcomeExpr::GreatestOf {
                options: rules
                    .iter()
                    .map(|r| rule(r, ctx, item))
                    .collect::<Result<_>>()?,
                label: ctx.label(item),
            }
        }
        Rule::Cap { limit, rule: inner } => {
            let inner = rule(inner, ctx, item)?;
            OutcomeExpr::Capped {
                limit: amount::figure(limit, ctx, item)?,
                inner: Box::new(inner),
            }
        }
        Rule::When {
            condition: test,
            then,
            otherwise,
        } => {
            let verdict = condition::test(test, ctx, item)?;
            let outcome = if verdict.holds {
                rule(then, ctx, item)?
            } else if let Some(otherwise) = otherwise {
                rule(otherwise, ctx, item)?
            } else {
                let mut notes = Vec::new();
                ctx.note(&mut notes, || {
                    format!(
                        "{}: nothing is owed under this rule, which needs {}.",
                        item.label(ctx.zone),
                        test.describe()
                    )
                });
                OutcomeExpr::notes(notes)
            };
            if verdict.assumptions.is_empty() {
                outcome
            } else {
                OutcomeExpr::Seq(vec![OutcomeExpr::notes(verdict.assumptions), outcome])
            }
        }
        Rule::MinimumPayout {
            more_than,
            rule: inner,
        } => OutcomeExpr::MinimumPayout {
            more_than: *more_than,
            inner: Box::new(rule(inner, ctx, item)?),
            label: ctx.label(item),
        },
    })
}

/// By when an item's lines must be claimed (or are due).
fn deadline_date(deadline: ClaimDeadline, ctx: &Context<'_>, item: &Item<'_>) -> Result<NaiveDate> {
    match deadline {
        ClaimDeadline::DaysAfterIncident { days } => {
            let ended = match &item.what {
                What::Incident(spell) => local_date(spell.end, ctx.zone),
                What::Window { end, .. } => local_date(*end, ctx.zone),
                What::Appointment { appointment, .. } => appointment.date,
                What::Activation { activation, .. } => activation.until,
            };
            add_days(ended, i64::from(days))
        }
        ClaimDeadline::EndOfBillingCyclesAfter { cycles } => {
            let mut period = ctx.cycle.period_containing(item.anchor)?;
            for _ in 0..cycles.min(1200) {
                period = ctx.cycle.period_containing(period.end)?;
            }
            Ok(period.last_day())
        }
    }
}

fn uses_working_days(policy: &Policy) -> bool {
    policy
        .versions
        .iter()
        .any(|v| v.provisions.iter().any(|p| p.rule.uses_working_days()))
}

/// A region's holiday calendar, built once per process and shared: building one
/// (its rules, names and dated days) costs more than the assessment that uses it.
/// Only known regions are kept, so the cache is as small as the list of regions,
/// whatever codes the input holds; an unusable lock only means building afresh.
fn regional_calendar(region: &str) -> Option<Arc<HolidayCalendar>> {
    type Cache = RwLock<HashMap<String, Arc<HolidayCalendar>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Cache::default);
    let code = region.trim().to_ascii_uppercase();
    if let Some(found) = cache.read().ok().and_then(|c| c.get(&code).cloned()) {
        return Some(found);
    }
    let built = Arc::new(calendar::for_region(&code)?);
    if let Ok(mut c) = cache.write() {
        c.insert(code, Arc::clone(&built));
    }
    Some(built)
}

/// The calendar used where a region has none: Monday to Friday, no holidays.
fn weekends_only() -> &'static HolidayCalendar {
    static WEEKENDS: OnceLock<HolidayCalendar> = OnceLock::new();
    WEEKENDS.get_or_init(|| HolidayCalendar::new("weekends", "Weekends only, no holidays"))
}

/// What the versions made of each outage of the case, for the notes: the date of the
/// incident an item held it in (records merged into one outage are dated as one), and
/// whether a version counted it.
struct Dated {
    held: Vec<Option<NaiveDate>>,
    counted: Vec<bool>,
}

impl Dated {
    fn new(case: &Case) -> Dated {
        Dated {
            held: vec![None; case.outages.len()],
            counted: vec![false; case.outages.len()],
        }
    }

    /// Marks the outages an item holds, and those the version kept of it.
    fn mark(&mut self, item: &Item<'_>, kept: Option<&Item<'_>>, ctx: &Context<'_>) {
        for (spell, began) in item.dated_spells() {
            let at = exposure::dated_at(ctx.policy, spell.reported, began);
            for i in &spell.sources {
                if let Some(held @ None) = self.held.get_mut(*i) {
                    *held = Some(local_date(at, ctx.zone));
                }
            }
        }
        for i in kept
            .iter()
            .flat_map(|k| k.spells())
            .flat_map(|s| &s.sources)
        {
            if let Some(counted) = self.counted.get_mut(*i) {
                *counted = true;
            }
        }
    }
}

/// Notes every outage, appointment and activation that no version of the policy
/// covers, and every outage assessed while still ongoing. An outage is dated as the
/// versions dated it: by the incident it was merged into, whatever the billing day.
fn note_out_of_force(case: &Case, policy: &Policy, dated: &Dated) -> Vec<String> {
    let zone = case.zone;
    let mut notes = Vec::new();
    for (i, outage) in case.outages.iter().enumerate() {
        if !outage.services.iter().any(|s| policy.covers(s)) {
            notes.push(uncovered(i, &outage.services, policy));
            continue;
        }
        let own = local_date(
            exposure::dated_at(policy, outage.reported, outage.start),
            zone,
        );
        let date = dated.held.get(i).copied().flatten().unwrap_or(own);
        let counted = dated.counted.get(i).copied().unwrap_or(false);
        if !counted && policy.version_on(date).is_none() {
            let n = i + 1;
            let in_force = in_force_text(policy);
            notes.push(if date == own {
                format!("Outage {n} ({date}) earns nothing under this policy: it is in force {in_force}.")
            } else {
                format!(
                    "Outage {n} ({own}) earns nothing under this policy: it is part of an outage \
                     dated {date}, and the policy is in force {in_force}."
                )
            });
        }
        if let (true, Some(as_of)) = (outage.ongoing, case.as_of) {
            notes.push(format!(
                "Outage {} is still ongoing; it is assessed as of {}.",
                i + 1,
                as_of.with_timezone(&zone).format("%Y-%m-%d %H:%M %Z")
            ));
        }
    }
    note_dated_days(case, policy, &mut notes);
    notes
}

/// Notes every appointment and activation on a date no version covers.
fn note_dated_days(case: &Case, policy: &Policy, notes: &mut Vec<String>) {
    for (i, appointment) in case.appointments.iter().enumerate() {
        if policy.version_on(appointment.date).is_none() {
            notes.push(format!(
                "The appointment of {} (appointment {}) earns nothing under this policy: it is in force {}.",
                appointment.date,
                i + 1,
                in_force_text(policy)
            ));
        }
    }
    for (i, activation) in case.activations.iter().enumerate() {
        if policy.version_on(activation.promised).is_none() {
            notes.push(format!(
                "The activation promised for {} (activation {}) earns nothing under this policy: it is in force {}.",
                activation.promised,
                i + 1,
                in_force_text(policy)
            ));
        }
    }
}

/// The note on an outage of services the policy does not cover at all (New Jersey's
/// cable rule and an internet-only outage): it earns nothing, and the claim says why.
fn uncovered(i: usize, services: &[ServiceKind], policy: &Policy) -> String {
    let out: Vec<&str> = services.iter().map(ServiceKind::as_str).collect();
    let covered: Vec<&str> = policy.services.iter().map(ServiceKind::as_str).collect();
    format!(
        "Outage {} ({}) earns nothing under this policy: it covers {} only.",
        i + 1,
        out.join(", "),
        covered.join(", ")
    )
}

fn in_force_text(policy: &Policy) -> String {
    let from = policy.versions.iter().map(|v| v.effective_from).min();
    let open = policy.versions.iter().any(|v| v.effective_until.is_none());
    let until = policy
        .versions
        .iter()
        .filter_map(|v| v.effective_until)
        .max();
    match (from, open, until) {
        (Some(NaiveDate::MIN), true, _) => "always".to_owned(),
        (Some(NaiveDate::MIN), false, Some(until)) => format!("until {until}"),
        (Some(from), true, _) => format!("from {from}"),
        (Some(from), false, Some(until)) => format!("from {from} until {until}"),
        _ => "on no date".to_owned(),
    }
}
