//! Exposure: what one provision of a policy sees of a case, before any price.
//!
//! The outages a provision counts (by severity, cause and service) are merged per
//! service, grouped by the provision's scope (each service, or the covered services
//! together), and cut into the items it prices: each outage, each billing period or
//! year with the outages inside it, the account as a whole, each missed appointment or
//! late activation. An item carries the prices it will be paid from as a reference
//! ([`PriceRef`]), never as a figure, so the same items price any account of the same
//! shape.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;
use smallvec::SmallVec;

use super::figure::PriceRef;
use crate::case::{Case, LateActivation, MissedAppointment};
use crate::civil::{local_date, local_day_start};
use crate::claim::Described;
use crate::error::{Error, FieldPath, Result};
use crate::outage::Cause;
use crate::plan::{BillingCycle, ServiceKind};
use crate::policy::{
    Charges, Dating, Policy, PolicyVersion, Provision, ServiceScope, Severity, Subject,
};
use crate::timeline::{merge, Spell};

/// One thing a provision prices.
#[derive(Clone)]
pub(crate) struct Item<'a> {
    pub what: What<'a>,
    /// The services concerned (one, for a per-service item), borrowed where they can be.
    pub services: Cow<'a, [ServiceKind]>,
    /// The monthly prices the item is paid from.
    pub price: PriceRef,
    /// The instant that picks a billing period or month for daily rates.
    pub anchor: DateTime<Utc>,
}

#[derive(Clone)]
pub(crate) enum What<'a> {
    /// One outage (merged), borrowed from the provision's spells where it can be.
    Incident(Cow<'a, Spell>),
    /// A period (billing period, year, the whole account) and the outages inside it,
    /// clipped; `began` holds, for each, the start of the whole outage it was cut from,
    /// which dates it (an outage is not dated by the start of a period it runs into).
    Window {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        spells: Vec<Spell>,
        began: Vec<DateTime<Utc>>,
    },
    Appointment {
        index: usize,
        appointment: &'a MissedAppointment,
    },
    Activation {
        index: usize,
        activation: &'a LateActivation,
    },
}

impl Item<'_> {
    pub fn spells(&self) -> &[Spell] {
        match &self.what {
            What::Incident(spell) => std::slice::from_ref(spell.as_ref()),
            What::Window { spells, .. } => spells,
            _ => &[],
        }
    }

    /// Each outage (or piece of one, in a period) with the start of the whole outage,
    /// which dates it ([`dated_at`]).
    pub fn dated_spells(&self) -> impl Iterator<Item = (&Spell, DateTime<Utc>)> {
        let began: &[DateTime<Utc>] = match &self.what {
            What::Window { began, .. } => began,
            _ => &[],
        };
        // A piece without its outage's start (which `items` never makes) is dated by its own.
        self.spells()
            .iter()
            .enumerate()
            .map(move |(i, s)| (s, began.get(i).copied().unwrap_or(s.start)))
    }

    /// The outage time of the item: the whole outage, or the outages in a period added up.
    pub fn duration(&self) -> Result<TimeDelta> {
        if let [spell] = self.spells() {
            return Ok(spell.duration());
        }
        let mut total = TimeDelta::zero();
        for s in self.spells() {
            total = total
                .checked_add(&s.duration())
                .ok_or_else(|| Error::overflow("total outage time"))?;
        }
        Ok(total)
    }

    pub fn customers_affected(&self) -> Option<u64> {
        self.spells()
            .iter()
            .filter_map(|s| s.customers_affected)
            .max()
    }

    /// The severe-weather category of the item's outage, when it is one outage that
    /// gives it.
    pub fn weather_category(&self) -> Option<crate::outage::WeatherCategory> {
        match self.spells() {
            [spell] => spell.weather_category,
            _ => None,
        }
    }

    pub fn cause(&self) -> Option<Cause> {
        self.spells().first().map(|s| s.cause)
    }

    /// What the item is, as a description or a note names it.
    pub fn described(&self) -> Described {
        match &self.what {
            What::Incident(spell) => Described::Outage {
                start: spell.start,
                end: spell.end,
                ongoing: spell.ongoing,
            },
            What::Window { start, end, .. } => Described::Period {
                start: *start,
                end: *end,
            },
            What::Appointment { appointment, .. } => Described::Appointment {
                date: appointment.date,
            },
            What::Activation { activation, .. } => Described::Activation {
                promised: activation.promised,
            },
        }
    }

    /// A short name for notes: "internet outage from 2024-10-01 06:00 EDT".
    pub fn label(&self, zone: Tz) -> String {
        let mut text = String::new();
        // Writing to a String cannot fail.
        let _ = crate::claim::write_label(&mut text, &self.services, &self.described(), zone);
        text
    }
}

/// Whether a provision counts a service: the policy covers it and so does the provision.
pub(crate) fn covered(policy: &Policy, provision: &Provision, service: &ServiceKind) -> bool {
    policy.covers(service) && provision.covers(service)
}

/// Spells by service (the case's own kinds), in the order of the services. A plan has
/// a handful of services and a service usually one spell.
pub(crate) type BySpell<'c> = SmallVec<[(&'c ServiceKind, SmallVec<[Spell; 1]>); 3]>;

/// The spells a provision counts, per service, merged; `excluded` is told of each
/// outage whose cause the provision excludes.
pub(crate) fn spells_by_service<'c>(
    case: &'c Case,
    policy: &Policy,
    provision: &Provision,
    excluded: &mut dyn FnMut(usize, Cause),
    by_service: &mut BySpell<'c>,
) {
    // Each service's place in `by_service` as it is filled, once there are many.
    let mut places: Option<HashMap<&ServiceKind, usize, foldhash::fast::RandomState>> = None;
    for (i, outage) in case.outages.iter().enumerate() {
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
            excluded(i, outage.cause);
            continue;
        }
        let mut spell = spell_of(i, outage);
        while let Some(service) = services.next() {
            // The last service takes the spell itself; the others a copy.
            let spell = if services.peek().is_some() {
                spell.clone()
            } else {
                std::mem::replace(&mut spell, Spell::between(outage.end, outage.end))
            };
            push_spell(by_service, &mut places, service, spell);
        }
    }
    // Services mostly come in order, and are then sorted already.
    if !by_service.is_sorted_by(|a, b| a.0 <= b.0) {
        by_service.sort_by(|a, b| a.0.cmp(b.0));
    }
    for (_, spells) in by_service.iter_mut() {
        if spells.len() > 1 {
            *spells = SmallVec::from_vec(merge(spells.drain(..).collect()));
        }
    }
}

/// The spell of the case's outage at `i`, alone.
fn spell_of(i: usize, outage: &crate::case::Downtime) -> Spell {
    Spell {
        start: outage.start,
        end: outage.end,
        ongoing: outage.ongoing,
        reported: outage.reported,
        customers_affected: outage.customers_affected,
        cause: outage.cause,
        other_causes: Vec::new(),
        power_restored: outage.power_restored,
        degraded: outage.degraded,
        sources: smallvec::smallvec![i],
        exemption: outage.exemption.clone(),
        weather_category: outage.weather_category,
    }
}

/// Adds a spell to its service's, the service found by comparing each in turn while
/// there are few, by hash once there are many (a business account's thousands of lines).
fn push_spell<'c>(
    by_service: &mut BySpell<'c>,
    places: &mut Option<HashMap<&'c ServiceKind, usize, foldhash::fast::RandomState>>,
    service: &'c ServiceKind,
    spell: Spell,
) {
    if places.is_none() && by_service.len() > crate::plan::FEW_SERVICES {
        *places = Some(
            by_service
                .iter()
                .enumerate()
                .map(|(at, (kind, _))| (*kind, at))
                .collect(),
        );
    }
    let at = match places {
        Some(places) => places.get(service).copied(),
        None => by_service.iter().position(|(kind, _)| *kind == service),
    };
    match at.and_then(|at| by_service.get_mut(at)) {
        Some((_, spells)) => spells.push(spell),
        None => {
            if let Some(places) = places {
                places.insert(service, by_service.len());
            }
            by_service.push((service, smallvec::smallvec![spell]));
        }
    }
}

/// The services a group of spells concerns, the prices it is paid from, and the
/// spells: borrowed for one service, merged (owned) for services taken together.
type Group<'b> = (Cow<'b, [ServiceKind]>, PriceRef, Cow<'b, [Spell]>);

/// The prices of the plan's services a provision covers, added in plan order.
fn covered_prices(case: &Case, policy: &Policy, provision: &Provision) -> PriceRef {
    PriceRef::sum(
        case.services
            .iter()
            .enumerate()
            .filter(|(_, s)| covered(policy, provision, &s.kind))
            .map(|(i, _)| i),
    )
}

/// Groups of spells by the provision's service scope: one per service, made as they
/// are taken (a provision usually has one), or one for the services taken together.
fn scoped<'a, 'b>(
    case: &'a Case,
    policy: &Policy,
    provision: &Provision,
    scope: ServiceScope,
    by_service: &'b BySpell<'_>,
    together: &'b OnceCell<Vec<Spell>>,
) -> Groups<'a, 'b> {
    match scope {
        ServiceScope::EachService => Groups::EachService {
            case,
            services: by_service.iter(),
        },
        ServiceScope::Together => {
            if by_service.is_empty() {
                return Groups::Together(None);
            }
            let kinds: Vec<ServiceKind> = by_service.iter().map(|(k, _)| (*k).clone()).collect();
            let all = together.get_or_init(|| {
                merge(
                    by_service
                        .iter()
                        .flat_map(|(_, spells)| spells.iter().cloned())
                        .collect(),
                )
            });
            Groups::Together(Some((
                Cow::Owned(kinds),
                covered_prices(case, policy, provision),
                Cow::Borrowed(all.as_slice()),
            )))
        }
    }
}

/// The groups [`scoped`] gives.
enum Groups<'a, 'b> {
    /// Each service's spells, priced at the service's own price.
    EachService {
        case: &'a Case,
        services: std::slice::Iter<'b, (&'b ServiceKind, SmallVec<[Spell; 1]>)>,
    },
    /// The services together, if any.
    Together(Option<Group<'b>>),
}

impl<'b> Iterator for Groups<'_, 'b> {
    type Item = Group<'b>;

    fn next(&mut self) -> Option<Group<'b>> {
        match self {
            Groups::EachService { case, services } => {
                let (kind, spells) = services.next()?;
                let price = case.position(kind).map_or(PriceRef::none(), PriceRef::one);
                let kinds = Cow::Borrowed(std::slice::from_ref(*kind));
                Some((kinds, price, Cow::Borrowed(spells.as_slice())))
            }
            Groups::Together(group) => group.take(),
        }
    }
}

/// The services of a merged spell's outages among some kinds, sorted.
fn services_of(case: &Case, spell: &Spell, among: &HashSet<&ServiceKind>) -> Vec<ServiceKind> {
    let mut kinds: Vec<ServiceKind> = spell
        .sources
        .iter()
        .filter_map(|i| case.outages.get(*i))
        .flat_map(|o| o.services.iter())
        .filter(|k| among.contains(k))
        .cloned()
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// What an item's exposure depends on besides the case and the provision.
pub(crate) struct Frame<'a> {
    pub policy: &'a Policy,
    pub provision: &'a Provision,
    pub zone: Tz,
    pub cycle: BillingCycle,
}

/// The items a provision prices, in order. `together` keeps the spells of all services
/// merged, for the provisions that take the services together: worked out once for
/// all that share `by_service`.
pub(crate) fn items<'a>(
    case: &'a Case,
    frame: &Frame<'_>,
    by_service: &'a BySpell<'_>,
    together: &'a OnceCell<Vec<Spell>>,
    items: &mut SmallVec<[Item<'a>; 2]>,
) -> Result<()> {
    let (policy, provision) = (frame.policy, frame.provision);
    match provision.subject {
        Subject::Appointments => appointment_items(case, frame, items),
        Subject::Activations => activation_items(case, frame, items),
        Subject::Outages { scope } => {
            for (kinds, price, spells) in
                scoped(case, policy, provision, scope, by_service, together)
            {
                incident_items(case, kinds, price, spells, items);
            }
            Ok(())
        }
        Subject::BillingPeriods { scope } => {
            for (kinds, price, spells) in
                scoped(case, policy, provision, scope, by_service, together)
            {
                let mut pieces = SmallVec::with_capacity(spells.len());
                for spell in spells.iter() {
                    frame.cycle.each_period(spell.start, spell.end, |period| {
                        if let Some(piece) = spell.clip(period.start, period.end) {
                            pieces.push((period.start, period.end, piece, spell.start));
                        }
                    })?;
                }
                push_windows(items, kinds, &price, pieces);
            }
            Ok(())
        }
        Subject::Years { first_month, scope } => {
            for (kinds, price, spells) in
                scoped(case, policy, provision, scope, by_service, together)
            {
                let mut pieces = SmallVec::with_capacity(spells.len());
                for spell in spells.iter() {
                    year_pieces(spell, first_month, frame.zone, &mut pieces)?;
                }
                push_windows(items, kinds, &price, pieces);
            }
            Ok(())
        }
        Subject::Account { scope } => {
            for (kinds, price, spells) in
                scoped(case, policy, provision, scope, by_service, together)
            {
                let (Some(first), Some(last)) = (
                    spells.iter().map(|s| s.start).min(),
                    spells.iter().map(|s| s.end).max(),
                ) else {
                    continue;
                };
                let began = spells.iter().map(|s| s.start).collect();
                items.push(window_item(
                    &kinds,
                    &price,
                    (first, last),
                    spells.into_owned(),
                    began,
                ));
            }
            Ok(())
        }
    }
}

/// One item per missed appointment naming a covered service, from the local start of
/// its day.
fn appointment_items<'a>(
    case: &'a Case,
    frame: &Frame<'_>,
    items: &mut SmallVec<[Item<'a>; 2]>,
) -> Result<()> {
    let (policy, provision) = (frame.policy, frame.provision);
    for (index, appointment) in case.appointments.iter().enumerate() {
        let Some(services) = named_services(policy, provision, &appointment.services) else {
            continue;
        };
        items.push(Item {
            price: charges(case, policy, provision, &services),
            services: Cow::Owned(services),
            anchor: local_day_start(appointment.date, frame.zone)?,
            what: What::Appointment { index, appointment },
        });
    }
    Ok(())
}

/// One item per late activation naming a covered service, from the local start of
/// the promised day.
fn activation_items<'a>(
    case: &'a Case,
    frame: &Frame<'_>,
    items: &mut SmallVec<[Item<'a>; 2]>,
) -> Result<()> {
    let (policy, provision) = (frame.policy, frame.provision);
    for (index, activation) in case.activations.iter().enumerate() {
        let Some(services) = named_services(policy, provision, &activation.services) else {
            continue;
        };
        items.push(Item {
            price: charges(case, policy, provision, &services),
            services: Cow::Owned(services),
            anchor: local_day_start(activation.promised, frame.zone)?,
            what: What::Activation { index, activation },
        });
    }
    Ok(())
}

/// One item per spell of one scope; a spell priced over several services names the
/// ones it hit.
fn incident_items<'a>(
    case: &'a Case,
    kinds: Cow<'a, [ServiceKind]>,
    price: PriceRef,
    spells: Cow<'a, [Spell]>,
    items: &mut SmallVec<[Item<'a>; 2]>,
) {
    let among: HashSet<&ServiceKind> = if kinds.len() > 1 {
        kinds.iter().collect()
    } else {
        HashSet::new()
    };
    let mut push = |spell: Cow<'a, Spell>| {
        let services = if kinds.len() > 1 {
            Cow::Owned(services_of(case, &spell, &among))
        } else {
            kinds.clone()
        };
        items.push(Item {
            services,
            price: price.clone(),
            anchor: spell.start,
            what: What::Incident(spell),
        });
    };
    match spells {
        Cow::Borrowed(spells) => spells.iter().map(Cow::Borrowed).for_each(&mut push),
        Cow::Owned(spells) => spells.into_iter().map(Cow::Owned).for_each(&mut push),
    }
}

/// The pieces of a spell in each year (starting in `first_month`, local time) it
/// touches, with the year's bounds.
fn year_pieces(spell: &Spell, first_month: u32, zone: Tz, pieces: &mut Pieces) -> Result<()> {
    let mut year_start = year_start_containing(spell.start, first_month, zone)?;
    loop {
        let next = year_start_after(year_start, first_month, zone)?;
        if let Some(piece) = spell.clip(year_start, next) {
            pieces.push((year_start, next, piece, spell.start));
        }
        if next >= spell.end {
            return Ok(());
        }
        year_start = next;
    }
}

/// The covered services an appointment or activation names; `None` when it names
/// services and the provision covers none of them (an empty list names the whole plan).
fn named_services(
    policy: &Policy,
    provision: &Provision,
    named: &[ServiceKind],
) -> Option<Vec<ServiceKind>> {
    let services: Vec<ServiceKind> = named
        .iter()
        .filter(|s| covered(policy, provision, s))
        .cloned()
        .collect();
    (named.is_empty() || !services.is_empty()).then_some(services)
}

/// Pieces of outage, each with the start and end of the window it lies in and the
/// start of the whole outage it was cut from.
type Pieces = SmallVec<[(DateTime<Utc>, DateTime<Utc>, Spell, DateTime<Utc>); 2]>;

/// One item per window (billing period, year), in order of their starts, with the
/// pieces of outage inside it (each piece with its window's start and end), in the
/// order they were found.
fn push_windows<'a>(
    items: &mut SmallVec<[Item<'a>; 2]>,
    kinds: Cow<'a, [ServiceKind]>,
    price: &PriceRef,
    mut pieces: Pieces,
) {
    // A stable sort keeps each window's pieces in the order they were found.
    pieces.sort_by_key(|(start, ..)| *start);
    let mut pieces = pieces.into_iter().peekable();
    while let Some((start, end, first, first_began)) = pieces.next() {
        let (mut spells, mut began) = (vec![first], vec![first_began]);
        while let Some((_, _, piece, piece_began)) = pieces.next_if(|(next, ..)| *next == start) {
            spells.push(piece);
            began.push(piece_began);
        }
        items.push(window_item(&kinds, price, (start, end), spells, began));
    }
}

/// A window's item: its bounds, its pieces of outage, and when each piece's outage began.
fn window_item<'a>(
    kinds: &Cow<'a, [ServiceKind]>,
    price: &PriceRef,
    (start, end): (DateTime<Utc>, DateTime<Utc>),
    spells: Vec<Spell>,
    began: Vec<DateTime<Utc>>,
) -> Item<'a> {
    Item {
        services: kinds.clone(),
        price: price.clone(),
        anchor: start,
        what: What::Window {
            start,
            end,
            spells,
            began,
        },
    }
}

fn year_start_containing(
    instant: DateTime<Utc>,
    first_month: u32,
    zone: Tz,
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

fn year_start_after(start: DateTime<Utc>, first_month: u32, zone: Tz) -> Result<DateTime<Utc>> {
    let year = local_date(start, zone).year();
    let first = year
        .checked_add(1)
        .and_then(|y| NaiveDate::from_ymd_opt(y, first_month, 1))
        .ok_or_else(|| Error::overflow("the next year"))?;
    local_day_start(first, zone)
}

/// The prices an appointment or activation naming some services is paid from: those
/// services', or every covered service's when the provision says so.
fn charges(case: &Case, policy: &Policy, provision: &Provision, named: &[ServiceKind]) -> PriceRef {
    match provision.charges {
        Charges::Named => price_of(case, policy, provision, named),
        Charges::AllCovered => covered_prices(case, policy, provision),
    }
}

/// The prices of some services (all covered services of the plan when none are named).
fn price_of(
    case: &Case,
    policy: &Policy,
    provision: &Provision,
    services: &[ServiceKind],
) -> PriceRef {
    if services.is_empty() {
        return covered_prices(case, policy, provision);
    }
    let named: HashSet<&ServiceKind> = services.iter().collect();
    PriceRef::sum(
        case.services
            .iter()
            .enumerate()
            .filter(|(_, s)| named.contains(&s.kind))
            .map(|(i, _)| i),
    )
}

/// The instant that dates an outage under a policy's [`Dating`]: its report, for a
/// policy dated by reports, when it has one; otherwise `began`, the start of the whole
/// outage. A piece of an outage cut at the start of a billing period or a year is dated
/// by the outage it was cut from, so the billing day never moves an outage into or out
/// of a version. The claim's notes date outages by the same rule.
pub(crate) fn dated_at(
    policy: &Policy,
    reported: Option<DateTime<Utc>>,
    began: DateTime<Utc>,
) -> DateTime<Utc> {
    match (policy.dated_by, reported) {
        (Dating::Report, Some(reported)) => reported,
        _ => began,
    }
}

/// Whether a version is in force for an outage that began at `began` (for a whole
/// outage, its own start): on the local date of [`dated_at`].
///
/// A zone's offset from UTC is less than a day either way, so the local date is the
/// UTC date or a day either side: when those three days all fall inside the version,
/// or all outside it on the same side, so does the local date, and the zone need not
/// be consulted.
pub(crate) fn spell_in_force(
    spell: &Spell,
    began: DateTime<Utc>,
    version: &PolicyVersion,
    policy: &Policy,
    zone: Tz,
) -> bool {
    let instant = dated_at(policy, spell.reported, began);
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
/// after it, under the version in force for each); `None` when nothing is left. Each
/// outage in a period is dated as a whole ([`dated_at`]), not by the piece of it the
/// period holds. A period that lost earlier outages is anchored (for daily rates and
/// deadlines) at its first outage the version counts.
pub(crate) fn in_version<'i, 'a>(
    item: &'i Item<'a>,
    version: &PolicyVersion,
    policy: &Policy,
    zone: Tz,
) -> Option<Cow<'i, Item<'a>>> {
    let date = match &item.what {
        What::Incident(spell) => {
            return spell_in_force(spell, spell.start, version, policy, zone)
                .then_some(Cow::Borrowed(item));
        }
        What::Appointment { appointment, .. } => appointment.date,
        What::Activation { activation, .. } => activation.promised,
        What::Window { start, end, .. } => {
            return window_in_version(item, (*start, *end), version, policy, zone)
        }
    };
    version.in_force_on(date).then_some(Cow::Borrowed(item))
}

/// A period's item as a version sees it: see [`in_version`].
fn window_in_version<'i, 'a>(
    item: &'i Item<'a>,
    (start, end): (DateTime<Utc>, DateTime<Utc>),
    version: &PolicyVersion,
    policy: &Policy,
    zone: Tz,
) -> Option<Cow<'i, Item<'a>>> {
    // Mostly every piece is in force: the item is kept whole, with nothing copied.
    let mut in_force = item
        .dated_spells()
        .map(|(s, began)| spell_in_force(s, began, version, policy, zone));
    if in_force.all(|kept| kept) {
        return (!item.spells().is_empty()).then_some(Cow::Borrowed(item));
    }
    // Each piece with whether its outage is in force.
    let judged: Vec<(&Spell, DateTime<Utc>, bool)> = item
        .dated_spells()
        .map(|(s, began)| (s, began, spell_in_force(s, began, version, policy, zone)))
        .collect();
    let (mut kept, mut kept_began) = (Vec::new(), Vec::new());
    for (spell, began, _) in judged.iter().filter(|(_, _, kept)| *kept) {
        kept.push((*spell).clone());
        kept_began.push(*began);
    }
    let first_kept = kept.iter().map(|s| s.start).min()?;
    // A daily rate's month (and a deadline's billing period) must not come from an
    // earlier outage the version does not count: an account-wide item is anchored at
    // its first outage, which may be months before the version's own.
    let dropped_earlier = judged
        .iter()
        .any(|(s, _, kept)| s.start < first_kept && !kept);
    let anchor = if dropped_earlier {
        item.anchor.max(first_kept)
    } else {
        item.anchor
    };
    Some(Cow::Owned(Item {
        what: What::Window {
            start,
            end,
            spells: kept,
            began: kept_began,
        },
        anchor,
        services: item.services.clone(),
        price: item.price.clone(),
    }))
}
