//! The engine: one short pipeline from a claim file and a policy to a [`Claim`].
//!
//! validate → timeline (per provision: filter, merge) → items (each outage, period,
//! appointment…) → rule evaluation (unrounded lines with working) → settlement
//! (round each line once, add the rounded lines).

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock, RwLock};

use smallvec::SmallVec;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::calendar::{self, HolidayCalendar};
use crate::claim::{Claim, CreditLine, Description, Totals, Window};
use crate::claim_file::ClaimFile;
use crate::error::{Error, FieldPath, Result};
use crate::outage::Cause;
use crate::plan::{KindLookup, KindSet, ServiceIndex, ServiceKind};
use crate::policy::eval::{Context, Item, Outcome, What};
use crate::policy::{
    ClaimDeadline, Dating, Payment, Policy, PolicyVersion, Provision, ServiceScope, Severity,
    Subject,
};
use crate::reprice::{PriceProgram, Recording};
use crate::timeline::{local_date, local_day_start, merge, Spell};

/// Assesses a claim under one policy.
///
/// # Errors
/// [`Error::Invalid`] for a claim file that fails validation (naming the field);
/// [`Error::PolicyNotApplicable`] when the policy pays in another currency than the
/// plan's or covers none of the plan's services; [`Error::InvalidRule`] for a
/// malformed rule tree; [`Error::Overflow`] when amounts leave `Decimal`'s range.
///
/// # Example
/// ```
/// let claim = redress::doc_example_claim()?;
/// assert_eq!(claim.lines.len(), 2);
/// # Ok::<(), redress::Error>(())
/// ```
pub fn assess(claim: &ClaimFile, policy: &Policy) -> Result<Claim> {
    claim.validate()?;
    assess_validated(claim, policy)
}

/// Assesses a claim under several policies, side by side, in the order given.
///
/// # Errors
/// As [`assess`], for the first policy that fails.
///
/// # Example
/// ```
/// # let (file, policy) = redress::doc_example_input();
/// let claims = redress::assess_each(&file, &[&policy, &policy])?;
/// assert_eq!(claims.len(), 2);
/// # Ok::<(), redress::Error>(())
/// ```
pub fn assess_each(claim: &ClaimFile, policies: &[&Policy]) -> Result<Vec<Claim>> {
    claim.validate()?;
    policies
        .iter()
        .map(|p| assess_validated(claim, p))
        .collect()
}

/// Assesses a claim under one policy for its figures only: the total and whether it
/// is all paid automatically, as [`assess`] would give them, without the working.
///
/// The evaluation is the same as [`assess`]'s (the same rules, rounding and
/// settlement), so the figures cannot differ; only the words are skipped: no line
/// descriptions, no notes. An application crediting many accounts after one outage
/// calls this per account and [`assess`] for the few it must explain.
///
/// # Errors
/// As [`assess`], the same error for the same input.
///
/// # Example
/// ```
/// # let (file, policy) = redress::doc_example_input();
/// let totals = redress::assess_totals(&file, &policy)?;
/// let claim = redress::assess(&file, &policy)?;
/// assert_eq!(totals, claim.totals());
/// assert_eq!(totals.total.to_string(), "14.50");
/// # Ok::<(), redress::Error>(())
/// ```
pub fn assess_totals(claim: &ClaimFile, policy: &Policy) -> Result<Totals> {
    claim.validate()?;
    assess_totals_validated(claim, policy)
}

/// Assesses a claim that has already passed [`ClaimFile::validate`].
pub(crate) fn assess_validated(claim: &ClaimFile, policy: &Policy) -> Result<Claim> {
    settle(claim, policy, Detail::Explained)
        .and_then(Settlement::finish)
        .map_err(|e| name_the_policy(e, policy))
}

/// [`assess_totals`] for a claim that has already passed [`ClaimFile::validate`].
pub(crate) fn assess_totals_validated(claim: &ClaimFile, policy: &Policy) -> Result<Totals> {
    settle(claim, policy, Detail::Totals)
        .and_then(|s| s.totals())
        .map_err(|e| name_the_policy(e, policy))
}

/// [`assess_totals_validated`], with the assessment's lines recorded as a
/// [`PriceProgram`] when they can be repriced (see [`crate::reprice`]).
pub(crate) fn assess_totals_recorded(
    claim: &ClaimFile,
    policy: &Policy,
) -> Result<(Totals, Option<PriceProgram>)> {
    settle(claim, policy, Detail::Recorded)
        .and_then(|s| {
            let totals = s.totals()?;
            Ok((totals, s.recording.and_then(Recording::finish)))
        })
        .map_err(|e| name_the_policy(e, policy))
}

/// How much of its working an assessment keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// The figures only.
    Totals,
    /// The figures, and each line as a formula of the prices.
    Recorded,
    /// Every line with its working, and the notes.
    Explained,
}

/// An overflow says which policy it happened under and what the user can change.
fn name_the_policy(error: Error, policy: &Policy) -> Error {
    match error {
        Error::Overflow { context } => Error::overflow(format!(
            "under `{}`, {context}: the plan's prices or the outages' lengths are too large to compute",
            policy.id
        )),
        other => other,
    }
}

/// How a policy's readings are introduced in a claim's notes.
const READING: &str = "Reading taken: ";

/// The one evaluation behind [`assess`] and [`assess_totals`]: every item priced,
/// rounded and added up; with `explain`, the lines and notes are kept too.
fn settle<'p>(claim: &ClaimFile, policy: &'p Policy, detail: Detail) -> Result<Settlement<'p>> {
    check_applicable(claim, policy)?;
    let explain = detail == Detail::Explained;
    let mut settlement = Settlement::new(claim, policy, detail);
    if !policy.segments.is_empty() && !policy.segments.contains(&claim.segment()) {
        settlement.note(|| {
            let segments: Vec<String> = policy.segments.iter().map(|s| s.to_string()).collect();
            format!(
                "This policy covers {} customers only; the customer is {}.",
                segments.join(" and "),
                claim.segment()
            )
        });
        return Ok(settlement);
    }
    let zone = claim.plan.time_zone;
    let cycle = claim.plan.billing_cycle()?;
    let region = claim.region();
    // Only a rule that counts working days needs the region's holidays; the rest skip
    // building a calendar.
    let needs_calendar = uses_working_days(policy);
    let regional = if needs_calendar {
        region.and_then(regional_calendar)
    } else {
        None
    };
    if needs_calendar && regional.is_none() {
        settlement.note(|| match region {
            Some(r) => format!(
                "No holiday calendar is known for region {r}; working days are Monday to Friday."
            ),
            None => {
                "No customer region was given; working days are Monday to Friday, without holidays."
                    .to_owned()
            }
        });
    }
    let calendar: &HolidayCalendar = regional.as_deref().unwrap_or_else(|| weekends_only());
    let as_of = claim.as_of_utc();
    if explain {
        note_out_of_force(claim, policy, zone, as_of, &mut settlement);
    }
    let setting = Setting {
        claim,
        policy,
        zone,
        cycle,
        calendar,
        as_of,
        explain,
        working: detail != Detail::Totals,
    };
    // A policy in dated versions repeats its provisions in each (Ofcom's amounts of each
    // year): the outages such provisions pick and group are the same, and are worked
    // out once for them all, each version then judging the items in its dates.
    let shared = if policy.versions.len() > 1 {
        shared_provisions(policy)
    } else {
        Vec::new()
    };
    if !shared.is_empty() {
        settle_shared_provisions(&setting, &shared, &mut settlement)?;
    } else {
        for version in &policy.versions {
            for provision in &version.provisions {
                settle_provision(&setting, version, provision, &mut settlement)?;
            }
        }
    }
    for note in &policy.readings {
        settlement.note(|| {
            let mut text = String::with_capacity(READING.len() + note.len());
            text.push_str(READING);
            text.push_str(note);
            text
        });
    }
    Ok(settlement)
}

/// What every provision of an assessment is settled with.
struct Setting<'c, 'p> {
    claim: &'c ClaimFile,
    policy: &'p Policy,
    zone: chrono_tz::Tz,
    cycle: crate::plan::BillingCycle,
    calendar: &'p HolidayCalendar,
    as_of: Option<DateTime<Utc>>,
    explain: bool,
    working: bool,
}

impl<'p> Setting<'_, 'p> {
    #[inline(always)]
    fn context(&self, provision: &'p Provision) -> Context<'p> {
        Context {
            policy: self.policy,
            provision,
            zone: self.zone,
            cycle: self.cycle,
            calendar: self.calendar,
            segment: self.claim.segment(),
            explain: self.explain,
            working: self.working,
        }
    }
}

/// Settles one provision of a version, its outages worked out for it alone.
#[inline(always)]
fn settle_provision(
    setting: &Setting<'_, '_>,
    version: &PolicyVersion,
    provision: &Provision,
    settlement: &mut Settlement,
) -> Result<()> {
    let Setting {
        claim,
        policy,
        as_of,
        ..
    } = *setting;
    let ctx = setting.context(provision);
    // The spells are built once per provision and the items borrow them (and the
    // claim's service kinds), so an item costs no copy of either. Both are filled in
    // place: returned through a `Result`, each (a few hundred bytes inline) was copied
    // once more.
    let mut by_service = SmallVec::new();
    if !matches!(
        provision.subject,
        Subject::Appointments | Subject::Activations
    ) {
        spells_by_service(claim, policy, provision, as_of, settlement, &mut by_service)?;
    }
    let mut items = SmallVec::new();
    items_for(
        claim,
        policy,
        provision,
        &ctx,
        as_of,
        &by_service,
        &mut items,
    )?;
    settle_items(&ctx, version, &items, settlement)
}

/// Settles each provision of each version, the outages of provisions that pick alike
/// (`shared`, see [`shared_provisions`]) worked out once, when the first of them is
/// settled, so the notes on them come where they would.
fn settle_shared_provisions(
    setting: &Setting<'_, '_>,
    shared: &[&Provision],
    settlement: &mut Settlement,
) -> Result<()> {
    let Setting {
        claim,
        policy,
        as_of,
        ..
    } = *setting;
    let spells: Vec<OnceCell<BySpell>> = shared.iter().map(|_| OnceCell::new()).collect();
    let items: Vec<OnceCell<SmallVec<[Item; 2]>>> =
        shared.iter().map(|_| OnceCell::new()).collect();
    for version in &policy.versions {
        for provision in &version.provisions {
            let slot = shared.iter().position(|p| picks_alike(p, provision));
            let (Some(spells), Some(items)) = (
                slot.and_then(|i| spells.get(i)),
                slot.and_then(|i| items.get(i)),
            ) else {
                settle_provision(setting, version, provision, settlement)?;
                continue;
            };
            let ctx = setting.context(provision);
            if spells.get().is_none() {
                let mut by_service = SmallVec::new();
                if !matches!(
                    provision.subject,
                    Subject::Appointments | Subject::Activations
                ) {
                    spells_by_service(
                        claim,
                        policy,
                        provision,
                        as_of,
                        settlement,
                        &mut by_service,
                    )?;
                }
                let _ = spells.set(by_service);
            }
            if let (Some(by_service), None) = (spells.get(), items.get()) {
                let mut built = SmallVec::new();
                items_for(
                    claim, policy, provision, &ctx, as_of, by_service, &mut built,
                )?;
                let _ = items.set(built);
            }
            let items = items.get().map(SmallVec::as_slice).unwrap_or_default();
            settle_items(&ctx, version, items, settlement)?;
        }
    }
    Ok(())
}

/// Settles a provision's items under a version: each item judged where it lies (most
/// are kept whole, and moving one, a spell and its services, costs more than the
/// judgement).
#[inline(always)]
fn settle_items(
    ctx: &Context<'_>,
    version: &PolicyVersion,
    items: &[Item<'_>],
    settlement: &mut Settlement,
) -> Result<()> {
    for item in items {
        let Some(item) = in_version(item, version, ctx.policy, ctx.zone) else {
            continue;
        };
        settle_item(ctx, version, &item, settlement)?;
    }
    Ok(())
}

/// Whether two provisions pick the same outages and group them into the same items:
/// the same subject, services, severity and excluded causes (and the same name, which
/// the notes on excluded outages give).
fn picks_alike(a: &Provision, b: &Provision) -> bool {
    a.subject == b.subject
        && a.services == b.services
        && a.counts == b.counts
        && a.excluded_causes == b.excluded_causes
        && a.name == b.name
}

/// The policy's provisions, each once among those that pick alike, when some version
/// repeats a provision of another; none (without allocating) for a policy of one
/// version, or whose versions' provisions all differ.
fn shared_provisions(policy: &Policy) -> Vec<&Provision> {
    let all = || policy.versions.iter().flat_map(|v| v.provisions.iter());
    let repeated = |(i, p): (usize, &Provision)| all().take(i).any(|q| picks_alike(p, q));
    if policy.versions.len() < 2 || !all().enumerate().any(repeated) {
        return Vec::new();
    }
    let mut shared: Vec<&Provision> = Vec::new();
    for provision in all() {
        if !shared.iter().any(|p| picks_alike(p, provision)) {
            shared.push(provision);
        }
    }
    shared
}

fn check_applicable(claim: &ClaimFile, policy: &Policy) -> Result<()> {
    if let Some(currency) = policy.currency {
        if currency != claim.plan.currency {
            return Err(Error::PolicyNotApplicable {
                policy: policy.id.clone(),
                reason: format!(
                    "it pays in {currency}, but the plan is priced in {}",
                    claim.plan.currency
                ),
            });
        }
    }
    let covers_any = claim.plan.services.iter().any(|s| policy.covers(&s.kind));
    if !covers_any {
        let covered: Vec<&str> = policy.services.iter().map(ServiceKind::as_str).collect();
        let has: Vec<&str> = claim
            .plan
            .services
            .iter()
            .map(|s| s.kind.as_str())
            .collect();
        return Err(Error::PolicyNotApplicable {
            policy: policy.id.clone(),
            reason: format!(
                "it covers {}, and the plan has {}",
                covered.join(", "),
                if has.is_empty() {
                    "no services".to_owned()
                } else {
                    has.join(", ")
                }
            ),
        });
    }
    Ok(())
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

fn uses_working_days(policy: &Policy) -> bool {
    policy
        .versions
        .iter()
        .any(|v| v.provisions.iter().any(|p| p.rule.uses_working_days()))
}

/// Notes every outage, appointment and activation that no version of the policy covers.
fn note_out_of_force(
    claim: &ClaimFile,
    policy: &Policy,
    zone: chrono_tz::Tz,
    as_of: Option<DateTime<Utc>>,
    settlement: &mut Settlement,
) {
    for (i, outage) in claim.outages.iter().enumerate() {
        if !outage.services.iter().any(|s| policy.covers(s)) {
            continue;
        }
        let instant = match (policy.dated_by, outage.reported) {
            (Dating::Report, Some(reported)) => reported,
            _ => outage.start,
        };
        let date = local_date(instant.with_timezone(&Utc), zone);
        if policy.version_on(date).is_none() {
            settlement.note(|| {
                format!(
                    "Outage {} ({date}) earns nothing under this policy: it is in force {}.",
                    i + 1,
                    in_force_text(policy)
                )
            });
        }
        if outage.end.is_none() {
            if let Some(as_of) = as_of {
                settlement.note(|| {
                    format!(
                        "Outage {} is still ongoing; it is assessed as of {}.",
                        i + 1,
                        as_of.with_timezone(&zone).format("%Y-%m-%d %H:%M %Z")
                    )
                });
            }
        }
    }
    for (i, appointment) in claim.appointments.iter().enumerate() {
        if policy.version_on(appointment.date).is_none() {
            settlement.note(|| format!(
                "The appointment of {} (appointment {}) earns nothing under this policy: it is in force {}.",
                appointment.date,
                i + 1,
                in_force_text(policy)
            ));
        }
    }
    for (i, activation) in claim.activations.iter().enumerate() {
        if policy.version_on(activation.promised).is_none() {
            settlement.note(|| format!(
                "The activation promised for {} (activation {}) earns nothing under this policy: it is in force {}.",
                activation.promised,
                i + 1,
                in_force_text(policy)
            ));
        }
    }
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
        (Some(from), true, _) => format!("from {from}"),
        (Some(from), false, Some(until)) => format!("from {from} until {until}"),
        _ => "on no date".to_owned(),
    }
}

/// Whether a version is in force for an outage: on the local date of its start (or
/// of its report, for a policy dated by reports).
///
/// A zone's offset from UTC is less than a day either way, so the local date is the
/// UTC date or a day either side: when those three days all fall inside the version,
/// or all outside it on the same side, so does the local date, and the zone need not
/// be consulted.
fn spell_in_force(
    spell: &Spell,
    version: &PolicyVersion,
    policy: &Policy,
    zone: chrono_tz::Tz,
) -> bool {
    let instant = match (policy.dated_by, spell.reported) {
        (Dating::Report, Some(reported)) => reported,
        _ => spell.start,
    };
    let utc = instant.date_naive();
    let (Some(day_before), Some(day_after)) = (utc.pred_opt(), utc.succ_opt()) else {
        return version.in_force_on(local_date(instant, zone));
    };
    let after_start = version.effective_from <= day_before;
    let before_end = version
        .effective_until
        .is_none_or(|until| day_after < until);
    if after_start && before_end {
        return true;
    }
    let too_early = day_after < version.effective_from;
    let too_late = version
        .effective_until
        .is_some_and(|until| until <= day_before);
    !(too_early || too_late) && version.in_force_on(local_date(instant, zone))
}

/// The item as a version sees it: an outage, appointment or activation dated within
/// the version's dates, or a period holding only the outages dated within them (so a
/// billing period that began before a policy came into force still counts the outages
/// after it, under the version in force for each); `None` when nothing is left. A period
/// that lost earlier outages is anchored (for daily rates and deadlines) at its first
/// outage the version counts.
fn in_version<'i, 'a>(
    item: &'i Item<'a>,
    version: &PolicyVersion,
    policy: &Policy,
    zone: chrono_tz::Tz,
) -> Option<Cow<'i, Item<'a>>> {
    let date = match &item.what {
        What::Incident(spell) => {
            return spell_in_force(spell, version, policy, zone).then_some(Cow::Borrowed(item));
        }
        What::Appointment { appointment, .. } => appointment.date,
        What::Activation { activation, .. } => activation.promised,
        What::Window { start, end, spells } => {
            // Most periods lie wholly inside one version: they are judged where they lie.
            let in_force = |s: &Spell| spell_in_force(s, version, policy, zone);
            if !spells.is_empty() && spells.iter().all(in_force) {
                return Some(Cow::Borrowed(item));
            }
            let kept: Vec<Spell> = spells.iter().filter(|s| in_force(s)).cloned().collect();
            let first_kept = kept.iter().map(|s| s.start).min()?;
            // A daily rate's month (and a deadline's billing period) must not come from an
            // earlier outage the version does not count: an account-wide item is anchored at
            // its first outage, which may be months before the version's own.
            let dropped_earlier = spells.iter().any(|s| s.start < first_kept && !in_force(s));
            let anchor = if dropped_earlier {
                item.anchor.max(first_kept)
            } else {
                item.anchor
            };
            return Some(Cow::Owned(Item {
                what: What::Window {
                    start: *start,
                    end: *end,
                    spells: kept,
                },
                anchor,
                services: item.services.clone(),
                monthly_price: item.monthly_price,
                priced_from: item.priced_from,
            }));
        }
    };
    version.in_force_on(date).then_some(Cow::Borrowed(item))
}

/// Whether a provision counts a service: the policy covers it and so does the provision.
fn covered(policy: &Policy, provision: &Provision, service: &ServiceKind) -> bool {
    policy.covers(service) && provision.covers(service)
}

/// Spells by service (the claim's own kinds, with the service's monthly price in the
/// plan), in the order of the services. A plan has a handful of services and a
/// service usually one spell: small vectors kept inline do what a map of vectors
/// would, without allocating for them.
type BySpell<'c> = SmallVec<[ServiceSpells<'c>; 3]>;

/// One service's spells.
struct ServiceSpells<'c> {
    kind: &'c ServiceKind,
    /// The service's monthly price in the plan.
    price: Decimal,
    spells: SmallVec<[Spell; 1]>,
}

/// The spells a provision counts, per service, merged.
#[inline(always)]
fn spells_by_service<'c>(
    claim: &'c ClaimFile,
    policy: &Policy,
    provision: &Provision,
    as_of: Option<DateTime<Utc>>,
    settlement: &mut Settlement,
    by_service: &mut BySpell<'c>,
) -> Result<()> {
    let mut slots = Slots::default();
    for (i, outage) in claim.outages.iter().enumerate() {
        let counted = match provision.counts {
            Severity::FullLoss => !outage.degraded,
            Severity::FullOrDegraded => true,
            Severity::DegradedOnly => outage.degraded,
        };
        // Each covered service is found once: the first is kept by the peek.
        let mut services = outage
            .services
            .iter()
            .filter(|s| covered(policy, provision, s))
            .peekable();
        if !counted || services.peek().is_none() {
            continue;
        }
        if provision.excluded_causes.contains(&outage.cause) {
            settlement.note(|| {
                format!(
                    "Outage {} earns nothing under “{}”: its cause ({}) is excluded.",
                    i + 1,
                    provision.name,
                    outage.cause
                )
            });
            continue;
        }
        let end = match (outage.end, as_of) {
            (Some(end), _) => end.with_timezone(&Utc),
            (None, Some(as_of)) => as_of,
            (None, None) => {
                return Err(Error::invalid(
                    FieldPath::root("as_of"),
                    format!(
                        "outage {} has no end, so the claim needs an as_of instant to assess it at",
                        i + 1
                    ),
                ))
            }
        };
        let mut spell = Spell {
            start: outage.start.with_timezone(&Utc),
            end,
            ongoing: outage.end.is_none(),
            reported: outage.reported.map(|t| t.with_timezone(&Utc)),
            customers_affected: outage.customers_affected,
            cause: outage.cause,
            other_causes: Vec::new(),
            power_restored: outage.power_restored.map(|t| t.with_timezone(&Utc)),
            degraded: outage.degraded,
            sources: smallvec::smallvec![i],
        };
        while let Some(service) = services.next() {
            // The last service takes the spell itself; the others a copy.
            let spell = if services.peek().is_some() {
                spell.clone()
            } else {
                std::mem::replace(&mut spell, Spell::between(end, end))
            };
            match slots.find(by_service, service) {
                Some(at) => {
                    if let Some(entry) = by_service.get_mut(at) {
                        entry.spells.push(spell);
                    }
                }
                None => {
                    slots.added(service, by_service.len());
                    by_service.push(ServiceSpells {
                        kind: service,
                        price: slots.price(claim, service),
                        spells: smallvec::smallvec![spell],
                    });
                }
            }
        }
    }
    // Services mostly come in order, and then are already sorted.
    if !by_service.is_sorted_by(|a, b| a.kind <= b.kind) {
        by_service.sort_unstable_by(|a, b| a.kind.cmp(b.kind));
    }
    for entry in by_service.iter_mut() {
        if entry.spells.len() > 1 {
            entry.spells = SmallVec::from_vec(merge(entry.spells.drain(..).collect()));
        }
    }
    Ok(())
}

/// Where each service's spells are in [`BySpell`] as it is filled, and its price in
/// the plan: a claim names a handful of services, found by comparing each in turn;
/// one naming many (a business account's hundreds of lines) finds them by hash, so
/// that an outage of them all costs as much per service as an outage of one.
#[derive(Default)]
struct Slots<'c> {
    /// Each service's index, once there are more than [`Slots::FEW`].
    by_kind: Option<HashMap<&'c ServiceKind, usize, foldhash::fast::RandomState>>,
    /// The plan's services by kind, once there are more than [`Slots::FEW`].
    plan: Option<ServiceIndex<'c>>,
}

impl<'c> Slots<'c> {
    /// Up to this many services are compared in turn.
    const FEW: usize = 8;

    #[inline]
    fn find(&mut self, by_service: &BySpell<'c>, service: &ServiceKind) -> Option<usize> {
        if by_service.len() <= Self::FEW {
            return by_service.iter().position(|entry| entry.kind == service);
        }
        self.by_kind
            .get_or_insert_with(|| {
                by_service
                    .iter()
                    .enumerate()
                    .map(|(i, entry)| (entry.kind, i))
                    .collect()
            })
            .get(service)
            .copied()
    }

    /// Notes a service added at `index`.
    #[inline]
    fn added(&mut self, service: &'c ServiceKind, index: usize) {
        if let Some(by_kind) = &mut self.by_kind {
            by_kind.insert(service, index);
        }
    }

    /// A service's monthly price in the plan (nothing for a kind it does not have).
    #[inline]
    fn price(&mut self, claim: &'c ClaimFile, service: &ServiceKind) -> Decimal {
        let found = match (&self.plan, &self.by_kind) {
            (Some(plan), _) => plan.get(service),
            (None, Some(_)) => self.plan.insert(claim.plan.index()).get(service),
            (None, None) => claim.plan.service(service),
        };
        found.map(|s| s.monthly_price).unwrap_or_default()
    }
}

/// The services a group of spells concerns, their monthly price (and the kinds whose
/// prices it adds up), and the spells: borrowed for one service, merged (owned) for
/// services taken together.
type Group<'b> = (
    Cow<'b, [ServiceKind]>,
    Decimal,
    Option<KindSet>,
    Cow<'b, [Spell]>,
);

/// Groups of spells by the provision's service scope: one per service, made as they
/// are taken (a provision usually has one), or one for the services taken together.
fn scoped<'b>(
    claim: &ClaimFile,
    policy: &Policy,
    provision: &Provision,
    scope: ServiceScope,
    by_service: &'b BySpell<'_>,
) -> Result<Groups<'b>> {
    match scope {
        ServiceScope::EachService => Ok(Groups::EachService(by_service.iter())),
        ServiceScope::Together => {
            if by_service.is_empty() {
                return Ok(Groups::Together(None));
            }
            let mut price = Decimal::ZERO;
            let mut priced_from = Some(0);
            for service in claim
                .plan
                .services
                .iter()
                .filter(|s| covered(policy, provision, &s.kind))
            {
                price = price
                    .checked_add(service.monthly_price)
                    .ok_or_else(|| Error::overflow("monthly price of the covered services"))?;
                priced_from = priced_from
                    .zip(service.kind.bit())
                    .map(|(set, bit)| set | bit);
            }
            let kinds: Vec<ServiceKind> = by_service.iter().map(|e| e.kind.clone()).collect();
            let all = merge(
                by_service
                    .iter()
                    .flat_map(|e| e.spells.iter().cloned())
                    .collect(),
            );
            Ok(Groups::Together(Some((
                Cow::Owned(kinds),
                price,
                priced_from,
                Cow::Owned(all),
            ))))
        }
    }
}

/// The groups [`scoped`] gives.
enum Groups<'b> {
    /// Each service's spells, priced at the service's own price.
    EachService(std::slice::Iter<'b, ServiceSpells<'b>>),
    /// The services together, if any.
    Together(Option<Group<'b>>),
}

impl<'b> Iterator for Groups<'b> {
    type Item = Group<'b>;

    fn next(&mut self) -> Option<Group<'b>> {
        match self {
            Groups::EachService(services) => {
                let entry = services.next()?;
                let kinds = Cow::Borrowed(std::slice::from_ref(entry.kind));
                Some((
                    kinds,
                    entry.price,
                    entry.kind.bit(),
                    Cow::Borrowed(entry.spells.as_slice()),
                ))
            }
            Groups::Together(group) => group.take(),
        }
    }
}

/// The services among `among` (sorted, as [`BySpell`] is) that a spell's outage
/// records name, sorted, each once.
fn services_of(claim: &ClaimFile, spell: &Spell, among: &[ServiceKind]) -> Vec<ServiceKind> {
    let mut kinds: Vec<ServiceKind> = spell
        .sources
        .iter()
        .filter_map(|i| claim.outages.get(*i))
        .flat_map(|o| o.services.iter())
        .filter(|k| among.binary_search(k).is_ok())
        .cloned()
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

#[inline(always)]
fn items_for<'a>(
    claim: &'a ClaimFile,
    policy: &Policy,
    provision: &Provision,
    ctx: &Context<'_>,
    as_of: Option<DateTime<Utc>>,
    by_service: &'a BySpell<'_>,
    items: &mut SmallVec<[Item<'a>; 2]>,
) -> Result<()> {
    let zone = ctx.zone;
    match provision.subject {
        Subject::Appointments => {
            for (index, appointment) in claim.appointments.iter().enumerate() {
                let services: Vec<ServiceKind> = appointment
                    .services
                    .iter()
                    .filter(|s| covered(policy, provision, s))
                    .cloned()
                    .collect();
                if !appointment.services.is_empty() && services.is_empty() {
                    continue;
                }
                items.push(Item {
                    monthly_price: price_of(claim, policy, provision, &services)?,
                    priced_from: None,
                    services: Cow::Owned(services),
                    anchor: local_day_start(appointment.date, zone)?,
                    what: What::Appointment { index, appointment },
                });
            }
        }
        Subject::Activations => {
            for (index, activation) in claim.activations.iter().enumerate() {
                let services: Vec<ServiceKind> = activation
                    .services
                    .iter()
                    .filter(|s| covered(policy, provision, s))
                    .cloned()
                    .collect();
                if !activation.services.is_empty() && services.is_empty() {
                    continue;
                }
                let until = match (activation.delivered, as_of) {
                    (Some(delivered), _) => delivered,
                    (None, Some(as_of)) => local_date(as_of, zone),
                    (None, None) => {
                        return Err(Error::invalid(
                            FieldPath::root("as_of"),
                            format!(
                                "activation {} is not yet delivered, so the claim needs an as_of instant",
                                index + 1
                            ),
                        ))
                    }
                };
                items.push(Item {
                    monthly_price: price_of(claim, policy, provision, &services)?,
                    priced_from: None,
                    services: Cow::Owned(services),
                    anchor: local_day_start(activation.promised, zone)?,
                    what: What::Activation {
                        index,
                        activation,
                        until,
                    },
                });
            }
        }
        Subject::Outages { scope } => {
            for (kinds, price, priced_from, spells) in
                scoped(claim, policy, provision, scope, by_service)?
            {
                let mut push = |spell: Cow<'a, Spell>| {
                    let services = if kinds.len() > 1 {
                        Cow::Owned(services_of(claim, &spell, &kinds))
                    } else {
                        kinds.clone()
                    };
                    items.push(Item {
                        services,
                        monthly_price: price,
                        priced_from,
                        anchor: spell.start,
                        what: What::Incident(spell),
                    });
                };
                match spells {
                    Cow::Borrowed(spells) => spells.iter().map(Cow::Borrowed).for_each(&mut push),
                    Cow::Owned(spells) => spells.into_iter().map(Cow::Owned).for_each(&mut push),
                }
            }
        }
        Subject::BillingPeriods { scope } => {
            for (kinds, price, priced_from, spells) in
                scoped(claim, policy, provision, scope, by_service)?
            {
                let mut periods: BTreeMap<DateTime<Utc>, (DateTime<Utc>, Vec<Spell>)> =
                    BTreeMap::new();
                for spell in spells.iter() {
                    for period in ctx.cycle.periods_between(spell.start, spell.end)? {
                        if let Some(piece) = spell.clip(period.start, period.end) {
                            periods
                                .entry(period.start)
                                .or_insert_with(|| (period.end, Vec::new()))
                                .1
                                .push(piece);
                        }
                    }
                }
                push_windows(items, kinds, (price, priced_from), periods);
            }
        }
        Subject::Years { first_month, scope } => {
            for (kinds, price, priced_from, spells) in
                scoped(claim, policy, provision, scope, by_service)?
            {
                let mut years: BTreeMap<DateTime<Utc>, (DateTime<Utc>, Vec<Spell>)> =
                    BTreeMap::new();
                for spell in spells.iter() {
                    let mut year_start = year_start_containing(spell.start, first_month, zone)?;
                    loop {
                        let next = year_start_after(year_start, first_month, zone)?;
                        if let Some(piece) = spell.clip(year_start, next) {
                            years
                                .entry(year_start)
                                .or_insert_with(|| (next, Vec::new()))
                                .1
                                .push(piece);
                        }
                        if next >= spell.end {
                            break;
                        }
                        year_start = next;
                    }
                }
                push_windows(items, kinds, (price, priced_from), years);
            }
        }
        Subject::Account { scope } => {
            for (kinds, price, priced_from, spells) in
                scoped(claim, policy, provision, scope, by_service)?
            {
                let (Some(first), Some(last)) = (
                    spells.iter().map(|s| s.start).min(),
                    spells.iter().map(|s| s.end).max(),
                ) else {
                    continue;
                };
                items.push(window_item(
                    &kinds,
                    (price, priced_from),
                    first,
                    last,
                    spells.into_owned(),
                ));
            }
        }
    }
    Ok(())
}

/// One item per window (billing period, year), in order, with the outages inside it.
fn push_windows<'a>(
    items: &mut SmallVec<[Item<'a>; 2]>,
    kinds: Cow<'a, [ServiceKind]>,
    price: (Decimal, Option<KindSet>),
    windows: BTreeMap<DateTime<Utc>, (DateTime<Utc>, Vec<Spell>)>,
) {
    for (start, (end, spells)) in windows {
        items.push(window_item(&kinds, price, start, end, spells));
    }
}

fn window_item<'a>(
    kinds: &Cow<'a, [ServiceKind]>,
    (price, priced_from): (Decimal, Option<KindSet>),
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    spells: Vec<Spell>,
) -> Item<'a> {
    Item {
        services: kinds.clone(),
        monthly_price: price,
        priced_from,
        anchor: start,
        what: What::Window { start, end, spells },
    }
}

fn year_start_containing(
    instant: DateTime<Utc>,
    first_month: u32,
    zone: chrono_tz::Tz,
) -> Result<DateTime<Utc>> {
    let date = local_date(instant, zone);
    let year = if date.month() >= first_month {
        date.year()
    } else {
        date.year() - 1
    };
    let first = NaiveDate::from_ymd_opt(year, first_month, 1).ok_or_else(|| {
        Error::invalid(
            FieldPath::root("first_month"),
            format!("{first_month} is not a month"),
        )
    })?;
    local_day_start(first, zone)
}

fn year_start_after(
    start: DateTime<Utc>,
    first_month: u32,
    zone: chrono_tz::Tz,
) -> Result<DateTime<Utc>> {
    let year = local_date(start, zone).year();
    let first = year
        .checked_add(1)
        .and_then(|y| NaiveDate::from_ymd_opt(y, first_month, 1))
        .ok_or_else(|| Error::overflow("the next year"))?;
    local_day_start(first, zone)
}

/// The monthly price of some services (all covered services of the plan when none are named).
fn price_of(
    claim: &ClaimFile,
    policy: &Policy,
    provision: &Provision,
    services: &[ServiceKind],
) -> Result<Decimal> {
    let mut price = Decimal::ZERO;
    let named = KindLookup::new(services);
    for service in claim.plan.services.iter() {
        let counted = if services.is_empty() {
            covered(policy, provision, &service.kind)
        } else {
            named.contains(&service.kind)
        };
        if counted {
            price = price
                .checked_add(service.monthly_price)
                .ok_or_else(|| Error::overflow("monthly price"))?;
        }
    }
    Ok(price)
}

/// Evaluates an item's rule; an outage whose merged records disagree on the cause is
/// evaluated under each cause, and the one paying most is kept (the first on a tie).
fn evaluate_best_cause(ctx: &Context<'_>, item: &Item<'_>) -> Result<Outcome> {
    let What::Incident(spell) = &item.what else {
        return ctx.provision.rule.evaluate(ctx, item);
    };
    if spell.other_causes.is_empty() {
        return ctx.provision.rule.evaluate(ctx, item);
    }
    let causes: Vec<Cause> = std::iter::once(spell.cause)
        .chain(spell.other_causes.iter().copied())
        .collect();
    let mut best: Option<(Decimal, Cause, Outcome)> = None;
    for cause in &causes {
        let mut variant = Spell::clone(spell);
        variant.cause = *cause;
        variant.other_causes.clear();
        let candidate = Item {
            what: What::Incident(Cow::Owned(variant)),
            services: item.services.clone(),
            monthly_price: item.monthly_price,
            priced_from: item.priced_from,
            anchor: item.anchor,
        };
        let outcome = ctx.provision.rule.evaluate(ctx, &candidate)?;
        let total = outcome.total()?;
        if best.as_ref().is_none_or(|(b, _, _)| total > *b) {
            best = Some((total, *cause, outcome));
        }
    }
    let Some((_, chosen, mut outcome)) = best else {
        return ctx.provision.rule.evaluate(ctx, item);
    };
    ctx.note(&mut outcome.notes, || {
        let named: Vec<String> = causes.iter().map(|c| c.to_string()).collect();
        format!(
            "{}: the outage records name different causes ({}); it is assessed as {chosen}, which pays the customer most.",
            item.label(ctx),
            named.join(", ")
        )
    });
    Ok(outcome)
}

fn settle_item(
    ctx: &Context<'_>,
    version: &PolicyVersion,
    item: &Item<'_>,
    settlement: &mut Settlement,
) -> Result<()> {
    if let (Some(recording), What::Incident(spell)) = (&mut settlement.recording, &item.what) {
        // Which cause is assessed depends on what each pays.
        if !spell.other_causes.is_empty() {
            recording.unpriceable();
        }
    }
    let mut outcome = evaluate_best_cause(ctx, item)?;
    for note in std::mem::take(&mut outcome.notes) {
        settlement.note(|| note);
    }
    if outcome.drafts.is_empty() {
        return Ok(());
    }
    let item_total = outcome.total()?;
    let automatic = match &ctx.provision.payment {
        Payment::Automatic => true,
        Payment::OnRequest => false,
        Payment::AutomaticIf(condition) => {
            let verdict = condition.test(ctx, item, Some(item_total))?;
            for note in verdict.assumptions {
                settlement.note(|| note);
            }
            verdict.holds
        }
    };
    let deadline = match ctx.provision.deadline {
        Some(deadline) => Some(deadline_date(deadline, ctx, item)?),
        None => None,
    };
    let rounding = version
        .rounding
        .unwrap_or_else(|| ctx.policy_currency_rounding(settlement.currency));
    if !settlement.explain {
        for draft in &outcome.drafts {
            settlement.add(rounding.apply_checked(draft.amount)?, automatic, deadline);
        }
        if let Some(recording) = &mut settlement.recording {
            recording.record(item.priced_from, &outcome.drafts, automatic, rounding);
        }
        return Ok(());
    }
    let service = match &*item.services {
        [only] => Some(only.clone()),
        _ => None,
    };
    let (appointment, activation, period) = match &item.what {
        What::Incident(_) => (None, None, None),
        What::Window { start, end, .. } => (
            None,
            None,
            Some(Window {
                start: *start,
                end: *end,
            }),
        ),
        What::Appointment { index, .. } => (Some(*index), None, None),
        What::Activation { index, .. } => (None, Some(*index), None),
    };
    // A line lists the outage records behind it: its own outage's, for a line priced
    // for one outage of a period, so that a period's many outages are not listed
    // again on each of its lines.
    let mut whole_item: Option<Vec<usize>> = None;
    for draft in outcome.drafts {
        let outages = match (&item.what, draft.about) {
            (What::Incident(spell), _) => spell.sources.to_vec(),
            (What::Window { spells, .. }, Some(i)) => spells
                .get(i)
                .map(|s| s.sources.to_vec())
                .unwrap_or_default(),
            _ => whole_item
                .get_or_insert_with(|| outage_sources(item))
                .clone(),
        };
        let amount = rounding.apply_checked(draft.amount)?;
        settlement.add(amount, automatic, deadline);
        settlement.lines.push(CreditLine {
            description: Description::from_parts(
                &ctx.provision.name,
                &ctx.provision.clause,
                &item.services,
                item.described(),
                ctx.zone,
            ),
            provision: ctx.provision.name.clone(),
            clause: ctx.provision.clause.clone(),
            service: service.clone(),
            outages,
            appointment,
            activation,
            period,
            amount,
            unrounded: draft.amount,
            basis: draft.basis,
            adjustments: draft.adjustments,
            automatic,
            deadline,
        });
    }
    Ok(())
}

/// The outage records behind an item, each once, in order.
fn outage_sources(item: &Item<'_>) -> Vec<usize> {
    match &item.what {
        What::Incident(spell) => spell.sources.to_vec(),
        What::Window { spells, .. } => {
            let mut sources: Vec<usize> = spells
                .iter()
                .flat_map(|s| s.sources.iter().copied())
                .collect();
            sources.sort_unstable();
            sources.dedup();
            sources
        }
        What::Appointment { .. } | What::Activation { .. } => Vec::new(),
    }
}

fn deadline_date(deadline: ClaimDeadline, ctx: &Context<'_>, item: &Item<'_>) -> Result<NaiveDate> {
    match deadline {
        ClaimDeadline::DaysAfterIncident { days } => {
            let ended = match &item.what {
                What::Incident(spell) => local_date(spell.end, ctx.zone),
                What::Window { end, .. } => local_date(*end, ctx.zone),
                What::Appointment { appointment, .. } => appointment.date,
                What::Activation { until, .. } => *until,
            };
            crate::timeline::add_days(ended, i64::from(days))
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

impl Context<'_> {
    fn policy_currency_rounding(&self, currency: crate::money::Currency) -> crate::money::Rounding {
        currency.rounding()
    }
}

/// What one policy owes, added up as each line is settled; with `explain`, the lines
/// and notes too, settled into a [`Claim`].
struct Settlement<'p> {
    policy: &'p Policy,
    currency: crate::money::Currency,
    explain: bool,
    lines: Vec<CreditLine>,
    notes: Notes,
    tally: Tally,
    /// The earliest deadline of a line with an amount owed on request.
    request_deadline: Option<NaiveDate>,
    /// The lines as formulas of the prices, when they are recorded.
    recording: Option<Recording>,
}

impl<'p> Settlement<'p> {
    fn new(claim: &ClaimFile, policy: &'p Policy, detail: Detail) -> Settlement<'p> {
        Settlement {
            policy,
            currency: claim.plan.currency,
            explain: detail == Detail::Explained,
            lines: Vec::new(),
            notes: Notes::default(),
            tally: Tally::default(),
            request_deadline: None,
            recording: (detail == Detail::Recorded).then(Recording::default),
        }
    }

    /// Adds a note once (formatting it only when the assessment explains itself).
    fn note(&mut self, text: impl FnOnce() -> String) {
        if !self.explain {
            return;
        }
        self.notes.add(text());
    }

    /// Adds one rounded line's amount.
    fn add(&mut self, amount: Decimal, automatic: bool, deadline: Option<NaiveDate>) {
        self.tally.add(amount, automatic);
        if let (false, false, Some(deadline)) = (amount.is_zero(), automatic, deadline) {
            self.request_deadline =
                Some(self.request_deadline.map_or(deadline, |d| d.min(deadline)));
        }
    }

    /// The total (to the currency's minor units) and whether it is all automatic.
    fn totals(&self) -> Result<Totals> {
        self.tally.totals(self.currency)
    }

    fn finish(self) -> Result<Claim> {
        let totals = self.totals()?;
        let mut notes = self.notes.into_vec();
        if let Some(deadline) = self.request_deadline {
            notes.push(format!(
                "Lines owed on request must be claimed by {deadline}."
            ));
        }
        Ok(Claim {
            policy: self.policy.id.clone(),
            title: self.policy.title.clone(),
            citation: self.policy.citation.clone(),
            currency: totals.currency,
            total: totals.total,
            automatic: totals.automatic,
            lines: self.lines,
            notes,
        })
    }
}

/// A claim's notes in the order first written, each once: an outage after another
/// may give the same note again ("the incident's size was not given"), and the
/// customer reads it once.
///
/// A claim has a handful of notes, compared in turn; one with many outages may have
/// one or more for each, found by their hash, so that noting costs the same whether
/// a claim has ten notes or a hundred thousand.
#[derive(Debug, Default)]
struct Notes {
    notes: Vec<String>,
    /// The notes' indices by their hash, once there are more than [`Notes::FEW`].
    /// Seeded afresh, so no input can be written to make its notes collide; built
    /// only for a claim of many notes.
    by_hash: Option<HashMap<u64, usize, foldhash::fast::RandomState>>,
}

impl Notes {
    /// Up to this many notes are compared in turn, without hashing.
    const FEW: usize = 8;

    /// Adds a note unless it is already there.
    fn add(&mut self, note: String) {
        if self.notes.len() < Self::FEW {
            if !self.notes.contains(&note) {
                self.notes.push(note);
            }
            return;
        }
        use std::hash::BuildHasher;
        let by_hash = self.by_hash.get_or_insert_with(|| {
            let mut by_hash: HashMap<u64, usize, foldhash::fast::RandomState> = HashMap::default();
            for (i, known) in self.notes.iter().enumerate() {
                let hash = by_hash.hasher().hash_one(known);
                by_hash.entry(hash).or_insert(i);
            }
            by_hash
        });
        let hash = by_hash.hasher().hash_one(&note);
        match by_hash.get(&hash) {
            // The same note, or (very rarely) another with the same hash, which is then
            // looked for among them all.
            Some(&i) if self.notes.get(i) == Some(&note) => {}
            Some(_) if self.notes.contains(&note) => {}
            Some(_) => self.notes.push(note),
            None => {
                by_hash.insert(hash, self.notes.len());
                self.notes.push(note);
            }
        }
    }

    fn into_vec(self) -> Vec<String> {
        self.notes
    }
}

/// Rounded line amounts added up: the one place a claim's total and its "all
/// automatic" are worked out, for an assessment and for a repriced one alike.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// The sum of the rounded amounts so far.
    total: Decimal,
    /// The sum left `Decimal`'s range, or had too many digits to keep every place of
    /// its lines: the claim total is an overflow error.
    overflowed: bool,
    /// Some line has an amount.
    owed: bool,
    /// Some line with an amount is owed only on request.
    some_on_request: bool,
}

impl Tally {
    /// Adds one rounded line's amount.
    pub(crate) fn add(&mut self, amount: Decimal, automatic: bool) {
        // An exact sum keeps the places of the more precise of the two; `Decimal` gives
        // one with fewer where the digits do not fit, rounding the cents away.
        match self.total.checked_add(amount) {
            Some(sum) if sum.scale() >= self.total.scale().max(amount.scale()) => self.total = sum,
            _ => self.overflowed = true,
        }
        if amount.is_zero() {
            return;
        }
        self.owed = true;
        self.some_on_request |= !automatic;
    }

    /// The total (to the currency's minor units) and whether it is all automatic.
    pub(crate) fn totals(&self, currency: crate::money::Currency) -> Result<Totals> {
        if self.overflowed {
            return Err(Error::overflow(
                "the claim total (the sum of its lines) has too many digits to be kept to \
                 the currency's minor units (an amount holds about 28 digits)",
            ));
        }
        Ok(Totals {
            currency,
            total: currency.to_minor_units(self.total)?,
            automatic: self.owed && !self.some_on_request,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::policy::*;
    use crate::{assess, ClaimFile, Currency};

    /// Notes are kept once each, in the order first written, whether a claim has a few
    /// (compared in turn) or many (found by hash): the same as keeping a note only when
    /// no earlier one is equal, over sequences of up to 200 notes from 1 to 60 texts.
    #[test]
    fn notes_are_kept_once_in_the_order_first_written() {
        use proptest::prelude::*;
        let mut runner = proptest::test_runner::TestRunner::default();
        let notes = (1usize..60).prop_flat_map(|texts| proptest::collection::vec(0..texts, 0..200));
        runner
            .run(&notes, |written| {
                let mut notes = super::Notes::default();
                let mut expected: Vec<String> = Vec::new();
                for n in written {
                    let text = format!("note {n}");
                    if !expected.contains(&text) {
                        expected.push(text.clone());
                    }
                    notes.add(text);
                }
                prop_assert_eq!(notes.into_vec(), expected);
                Ok(())
            })
            .unwrap();
    }

    /// The shortcuts that skip the zone when the UTC date is a day clear of a
    /// version's ends (inside it, or before or after it) agree with the local date,
    /// quarter-hour by quarter-hour for 60 hours either side of both ends, in the zones
    /// furthest ahead of and behind UTC.
    #[test]
    fn a_version_is_in_force_on_the_local_date_with_or_without_the_zone() {
        use chrono::{Duration, NaiveDate, TimeZone, Utc};
        let from = NaiveDate::from_ymd_opt(2023, 1, 19).unwrap();
        let until = NaiveDate::from_ymd_opt(2024, 3, 10).unwrap();
        let policy = Policy::new("t", "t", Currency::USD);
        for version in [
            PolicyVersion::from_date(from, vec![]),
            PolicyVersion::from_date(from, vec![]).until(until),
        ] {
            for zone in [
                chrono_tz::Pacific::Kiritimati,
                chrono_tz::Pacific::Pago_Pago,
                chrono_tz::America::New_York,
                chrono_tz::Asia::Kathmandu,
                chrono_tz::UTC,
            ] {
                for day in [from, until] {
                    let midnight = Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap());
                    for quarter in -4 * 60..4 * 60 {
                        let start = midnight + Duration::minutes(15 * quarter);
                        let spell = crate::timeline::Spell::between(start, start);
                        let expected =
                            version.in_force_on(crate::timeline::local_date(start, zone));
                        assert_eq!(
                            super::spell_in_force(&spell, &version, &policy, zone),
                            expected,
                            "{start} in {zone}"
                        );
                    }
                }
            }
        }
    }

    /// A policy in force from 14 Nov 2022 over billing periods starting on the 1st:
    /// the November 2022 period began before it, but its outage of 20 Nov is after it
    /// and counts; the outage of 5 Nov is before it and does not. €72 over 720 h is
    /// €0.10 an hour; 30 h after the date → €3.00 (before the fix: nothing at all,
    /// without a note, since the period was dated by its first day).
    #[test]
    fn a_period_straddling_the_start_of_a_policy_counts_the_outages_after_it() {
        let claim: ClaimFile = toml::from_str(
            r#"
            [plan]
            currency = "EUR"
            time_zone = "Europe/Lisbon"
            [[plan.services]]
            kind = "internet"
            monthly_price = "72"
            [[outages]]
            services = ["internet"]
            start = "2022-11-05T08:00:00Z"
            end = "2022-11-06T14:00:00Z"
            [[outages]]
            services = ["internet"]
            start = "2022-11-20T08:00:00Z"
            end = "2022-11-21T14:00:00Z"
            "#,
        )
        .unwrap();
        let from = chrono::NaiveDate::from_ymd_opt(2022, 11, 14).unwrap();
        let policy = Policy::new("t", "t", Currency::EUR).with_version(PolicyVersion::from_date(
            from,
            vec![Provision::new(
                "pro rata",
                Subject::billing_periods(),
                Rule::ProRata(ProRata::new(ProRataBasis::ThirtyDays)),
            )],
        ));
        let claim = assess(&claim, &policy).unwrap();
        assert_eq!(claim.total.to_string(), "3.00", "{claim}");
        assert_eq!(claim.lines.len(), 1);
        assert!(
            claim.notes.iter().any(|n| n.starts_with("Outage 1 ")),
            "{claim}"
        );
    }

    /// A provision for the phone only prices phone outages, at the phone's price: a
    /// 24-hour outage of both at 1/30 a day pays 30/30 = 1.00 for the phone under the
    /// phone provision and 60/30 = 2.00 for the internet under the other; 3.00 in all.
    #[test]
    fn a_provision_for_some_services_prices_only_those() {
        let claim: ClaimFile = toml::from_str(
            r#"
            [plan]
            currency = "EUR"
            time_zone = "UTC"
            [[plan.services]]
            kind = "phone"
            monthly_price = "30"
            [[plan.services]]
            kind = "internet"
            monthly_price = "60"
            [[outages]]
            services = ["phone", "internet"]
            start = "2025-06-02T00:00:00Z"
            end = "2025-06-03T00:00:00Z"
            "#,
        )
        .unwrap();
        let day = || {
            Rule::PerUnit(PerUnit::new(
                UnitCount::PerIncident(1),
                Amount::DailyRate(DayCount::Fixed(30)),
            ))
        };
        let policy = Policy::new("t", "t", Currency::EUR).with_version(PolicyVersion::from_date(
            chrono::NaiveDate::MIN,
            vec![
                Provision::new("phone", Subject::outages(), day())
                    .for_services(vec![crate::ServiceKind::Phone]),
                Provision::new("internet", Subject::outages(), day())
                    .for_services(vec![crate::ServiceKind::Internet]),
            ],
        ));
        let claim = assess(&claim, &policy).unwrap();
        let lines: Vec<(String, String)> = claim
            .lines
            .iter()
            .map(|l| (l.provision.clone(), l.amount.to_string()))
            .collect();
        assert_eq!(
            lines,
            vec![
                ("phone".to_owned(), "1.00".to_owned()),
                ("internet".to_owned(), "2.00".to_owned())
            ]
        );
        assert_eq!(claim.total.to_string(), "3.00");
    }

    fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Pays `amount` when a calendar year holds more than 20 hours of outage.
    fn yearly(amount: i64) -> Provision {
        Provision::new(
            "annual hours",
            Subject::Years {
                first_month: 1,
                scope: ServiceScope::EachService,
            },
            Rule::Tiers(Tiers {
                measure: Measure::Hours,
                tiers: vec![ThresholdTier {
                    more_than: 20.into(),
                    amount: Amount::Fixed(amount.into()),
                }],
            }),
        )
    }

    /// A version ending mid-period counts only the outages dated before its end, and its
    /// successor the rest (Victoria's calendar-year scheme to 30 June 2021, then the
    /// financial-year one): no outage time is paid twice.
    #[test]
    fn a_version_ending_mid_period_counts_only_the_outages_before_its_end() {
        let policy = Policy::new("two-schemes", "two schemes", Currency::AUD)
            .with_version(
                PolicyVersion::from_date(date(2016, 1, 1), vec![yearly(120)])
                    .until(date(2021, 7, 1)),
            )
            .with_version(PolicyVersion::from_date(
                date(2021, 7, 1),
                vec![yearly(130)],
            ));
        let claim = |first: &str, second: &str| -> ClaimFile {
            toml::from_str(&format!(
                r#"
                [plan]
                currency = "AUD"
                time_zone = "Australia/Melbourne"
                [[plan.services]]
                kind = "electricity"
                monthly_price = "0"
                [[outages]]
                services = ["electricity"]
                {first}
                [[outages]]
                services = ["electricity"]
                {second}
                "#
            ))
            .unwrap()
        };
        // 15 h in March 2021 and 15 h in August 2021: neither scheme sees more than 20 h.
        let split = claim(
            "start = \"2021-03-01T00:00:00+11:00\"\nend = \"2021-03-01T15:00:00+11:00\"",
            "start = \"2021-08-02T00:00:00+10:00\"\nend = \"2021-08-02T15:00:00+10:00\"",
        );
        let result = assess(&split, &policy).unwrap();
        assert_eq!(result.total.to_string(), "0.00", "{result}");
        // 25 h in June 2021 and 25 h in August 2021: each scheme pays once.
        let both = claim(
            "start = \"2021-06-01T00:00:00+10:00\"\nend = \"2021-06-02T01:00:00+10:00\"",
            "start = \"2021-08-02T00:00:00+10:00\"\nend = \"2021-08-03T01:00:00+10:00\"",
        );
        let result = assess(&both, &policy).unwrap();
        let amounts: Vec<String> = result.lines.iter().map(|l| l.amount.to_string()).collect();
        assert_eq!(amounts, vec!["120.00", "130.00"], "{result}");
    }

    /// Regression: an account-wide credit of a version in force for one day took its daily
    /// rate's month from the account's first outage, even one from an earlier month that
    /// the version does not count (Rogers' credit for 8 July 2022 priced by June's 30 days).
    #[test]
    fn an_account_credit_takes_its_month_from_the_outages_the_version_counts() {
        let policy = Policy::new("one-day", "one day", Currency::CAD).with_version(
            PolicyVersion::from_date(
                date(2022, 7, 8),
                vec![Provision::new(
                    "five days",
                    Subject::Account {
                        scope: ServiceScope::EachService,
                    },
                    Rule::PerUnit(PerUnit::new(
                        UnitCount::PerIncident(5),
                        Amount::DailyRate(DayCount::CalendarMonth),
                    )),
                )],
            )
            .until(date(2022, 7, 9)),
        );
        let claim: ClaimFile = toml::from_str(
            r#"
            [plan]
            currency = "CAD"
            time_zone = "America/Toronto"
            [[plan.services]]
            kind = "mobile"
            monthly_price = "90"
            [[outages]]
            services = ["mobile"]
            start = "2022-06-20T10:00:00-04:00"
            end = "2022-06-20T12:00:00-04:00"
            [[outages]]
            services = ["mobile"]
            start = "2022-07-08T04:45:00-04:00"
            end = "2022-07-08T23:00:00-04:00"
            "#,
        )
        .unwrap();
        // July has 31 days: 5 × 90 / 31 = 14.516 → 14.52 (June's 30 days would give 15.00).
        let result = assess(&claim, &policy).unwrap();
        assert_eq!(result.total.to_string(), "14.52", "{result}");
    }
}
