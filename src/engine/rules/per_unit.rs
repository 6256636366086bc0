//! Per-unit credits: units of lost service (24-hour blocks, local days, working days
//! late) counted after a clock and a grace period, each paid at its band's rate.

use chrono::{DateTime, NaiveDate, Utc};
use smallvec::SmallVec;

use super::super::context::Context;
use super::super::exposure::{Item, What};
use super::super::line::LineExpr;
use super::super::program::OutcomeExpr;
use super::amount::figure;
use crate::civil::{add_days, elapsed, local_date, local_day_start, next_day_start};
use crate::error::{Error, Result};
use crate::outage::Cause;
use crate::policy::{
    Band, Clock, ClockStart, Counting, DayKind, Grace, LastDay, PerUnit, UnitCount,
};
use crate::timeline::{complete_local_days, local_days_more_than, Spell};

/// A per-unit rule for one item.
pub(crate) fn compile(rule: &PerUnit, ctx: &Context<'_>, item: &Item<'_>) -> Result<OutcomeExpr> {
    let mut notes = Vec::new();
    let (units, from, to) = match &item.what {
        What::Incident(spell) => {
            let clock = clock_start(&rule.clock, ctx, item, &mut notes)?;
            let from = compensable_from(rule.grace, clock, ctx)?;
            if spell.end <= from {
                ctx.note(&mut notes, || {
                    format!(
                        "{}: service was back by {}, within the grace period; nothing is owed for it.",
                        item.label(ctx.zone),
                        ctx.local_text(from)
                    )
                });
                return Ok(OutcomeExpr::notes(notes));
            }
            let units = count_units(rule, ctx, from, spell.end)?;
            let units = after_exemption(rule, ctx, item, spell, from, units, &mut notes)?;
            (units, Some(from), Some(spell.end))
        }
        What::Activation { activation, .. } => {
            let units = match rule.count {
                UnitCount::Days(kind) => {
                    days_after(ctx, activation.promised, activation.until, kind)?
                }
                UnitCount::PerIncident(n) => u64::from(n),
                _ => {
                    return Err(
                        ctx.invalid_rule("an activation is counted in days late or per incident")
                    )
                }
            };
            (units, None, None)
        }
        What::Appointment { .. } => match rule.count {
            UnitCount::PerIncident(n) => (u64::from(n), None, None),
            _ => return Err(ctx.invalid_rule("an appointment can only be counted per incident")),
        },
        What::Window { .. } => match rule.count {
            UnitCount::PerIncident(n) => (u64::from(n), None, None),
            _ => {
                return Err(ctx.invalid_rule(
                    "a period is counted per incident; count outages by each outage",
                ))
            }
        },
    };
    if units == 0 {
        return Ok(OutcomeExpr::notes(notes));
    }
    let mut bands = SmallVec::new();
    // The split is checked whole before any band is priced, so a malformed rule is
    // reported as such whatever its rates.
    band_split(&rule.bands, units, ctx, &mut |_, _| Ok(()))?;
    band_split(&rule.bands, units, ctx, &mut |units_here, band| {
        bands.push((units_here, figure(&band.rate, ctx, item)?));
        Ok(())
    })?;
    // When and for how long are the line's working: a program that does not explain
    // itself leaves them out, so that accounts of different areas whose outages count
    // the same units share one program.
    let (from, to) = if ctx.explain {
        (from, to)
    } else {
        (None, None)
    };
    let mut lines = SmallVec::new();
    lines.push(LineExpr::PerUnit {
        count: rule.count,
        units,
        from,
        to,
        bands,
    });
    Ok(OutcomeExpr::Lines { notes, lines })
}

fn count_units(
    rule: &PerUnit,
    ctx: &Context<'_>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<u64> {
    let units = match rule.count {
        UnitCount::PerIncident(n) => u64::from(n),
        UnitCount::Blocks { length, counting } => {
            let block = length.as_seconds();
            if block <= 0 {
                return Err(ctx.invalid_rule("a block must be longer than zero"));
            }
            // A block is started by any part of a second beyond the whole blocks.
            let elapsed = elapsed(from, to);
            let seconds = elapsed.num_seconds();
            let whole = seconds / block;
            let beyond = seconds % block != 0 || elapsed.subsec_nanos() > 0;
            let started = whole + i64::from(beyond);
            to_units(match counting {
                Counting::Started => started,
                Counting::Complete => whole,
            })?
        }
        UnitCount::CompleteLocalDays { last_day } => {
            let whole = complete_local_days(from, to, ctx.zone)?;
            let partial_last = last_day == LastDay::Paid
                && local_day_start(local_date(to, ctx.zone), ctx.zone)? != to;
            to_units(whole + i64::from(partial_last))?
        }
        UnitCount::LocalDaysMoreThan(span) => {
            to_units(local_days_more_than(from, to, ctx.zone, span.as_delta())?)?
        }
        UnitCount::Days(kind) => {
            let first = local_date(from, ctx.zone);
            let last = local_date(to, ctx.zone);
            let before_first = first
                .pred_opt()
                .ok_or_else(|| Error::overflow("the day before the first compensable day"))?;
            days_after(ctx, before_first, last, kind)?
        }
    };
    Ok(units)
}

/// How many working days after its start a provider has to notify an exemption
/// (ACMA: individual notices within 14 working days of the exemption's start).
const NOTICE_WORKING_DAYS: u32 = 14;

/// The units left once a notified exemption has taken the days inside its window, for
/// a provision that exempts the spell's cause only when notified; notes what it did
/// or, with no notice recorded, that the days are paid.
///
/// Days are counted as the rule counts them; the days inside the window are taken off
/// the count, and the rest keep their order for the bands. A notice later than
/// [`NOTICE_WORKING_DAYS`] after the window's start (the outage's start when the window
/// is open) covers only the days from the notice date. Rules that count other units
/// than days are exempt only when the window covers the outage's every day.
fn after_exemption(
    rule: &PerUnit,
    ctx: &Context<'_>,
    item: &Item<'_>,
    spell: &Spell,
    from: DateTime<Utc>,
    units: u64,
    notes: &mut Vec<String>,
) -> Result<u64> {
    let exempts = &ctx.provision.notified_exemptions;
    if units == 0 || exempts.is_empty() {
        return Ok(units);
    }
    let notice = match &spell.exemption {
        Some(notice) if exempts.contains(&spell.cause) => notice,
        _ => {
            note_no_exemption(ctx, item, spell, notes);
            return Ok(units);
        }
    };
    let first = local_date(from, ctx.zone);
    let last = local_date(spell.end, ctx.zone);
    let opens = notice.start.unwrap_or(local_date(spell.start, ctx.zone));
    let due = ctx
        .calendar
        .add_working_days(opens, NOTICE_WORKING_DAYS)
        .ok_or_else(|| Error::overflow("the exemption notice's due date"))?;
    let late = notice.notice > due;
    let start = if late {
        Some(notice.start.map_or(notice.notice, |s| s.max(notice.notice)))
    } else {
        notice.start
    };
    let low = start.map_or(first, |s| s.max(first));
    let high = notice.end.map_or(last, |e| e.min(last));
    let inside = match rule.count {
        UnitCount::Days(kind) if low <= high => {
            let before = low
                .pred_opt()
                .ok_or_else(|| Error::overflow("the day before the exemption"))?;
            days_after(ctx, before, high, kind)?.min(units)
        }
        UnitCount::Days(_) => 0,
        _ if low <= first && high >= last => units,
        _ => 0,
    };
    ctx.note(notes, || {
        let reference = notice
            .reference
            .as_deref()
            .map(|r| format!(" (reference {r})"))
            .unwrap_or_default();
        let lateness = if late {
            format!(
                "; the notice came after its due date {due} ({NOTICE_WORKING_DAYS} working \
                 days after {opens}), so the days before {} are paid",
                notice.notice
            )
        } else {
            String::new()
        };
        format!(
            "{}: the provider notified an exemption on {}{reference}, covering {}{lateness}. \
             {inside} of the {units} days counted fall inside it and earn nothing.",
            item.label(ctx.zone),
            notice.notice,
            crate::case::window_text(notice.start, notice.end),
        )
    });
    Ok(units - inside)
}

/// Notes why an outage of a provision with notified exemptions is paid in full: its
/// cause is one a notice would exempt but none is recorded, or a notice is recorded
/// for a cause it cannot exempt.
fn note_no_exemption(ctx: &Context<'_>, item: &Item<'_>, spell: &Spell, notes: &mut Vec<String>) {
    let exempts = &ctx.provision.notified_exemptions;
    match &spell.exemption {
        None if exempts.contains(&spell.cause) => ctx.note(notes, || {
            format!(
                "{}: the cause is {}, but an exemption applies only if the provider notified \
                 one, and no notice is recorded (exemption_notice), so the days are paid. If \
                 the provider told the customer it claims an exemption, add exemption_notice \
                 (and exemption_start, exemption_end) to the outage.",
                item.label(ctx.zone),
                spell.cause
            )
        }),
        Some(notice) => ctx.note(notes, || {
            let causes: Vec<String> = exempts.iter().map(ToString::to_string).collect();
            format!(
                "{}: the exemption notified on {} changes nothing here: it exempts only an \
                 outage whose cause is {}, and this one's is {}.",
                item.label(ctx.zone),
                notice.notice,
                causes.join(" or "),
                spell.cause
            )
        }),
        None => {}
    }
}

fn to_units(n: i64) -> Result<u64> {
    u64::try_from(n.max(0)).map_err(|_| Error::overflow("unit count"))
}

/// Days after `after` up to and including `through`: calendar days, or working days
/// of the region's calendar.
fn days_after(
    ctx: &Context<'_>,
    after: NaiveDate,
    through: NaiveDate,
    kind: DayKind,
) -> Result<u64> {
    if through <= after {
        return Ok(0);
    }
    match kind {
        DayKind::Calendar => to_units((through - after).num_days()),
        DayKind::Working => Ok(u64::from(ctx.calendar.working_days_between(after, through))),
    }
}

/// Splits `units` units into the bands' runs: each run's length and its band.
fn band_split(
    bands: &[Band],
    units: u64,
    ctx: &Context<'_>,
    each: &mut dyn FnMut(u64, &Band) -> Result<()>,
) -> Result<()> {
    match bands.first() {
        Some(first) if first.from_unit == 1 => {}
        _ => return Err(ctx.invalid_rule("the first band must start at unit 1")),
    }
    for (i, band) in bands.iter().enumerate() {
        let start = u64::from(band.from_unit);
        if start > units {
            break;
        }
        let end = match bands.get(i + 1) {
            Some(next) if u64::from(next.from_unit) <= start => {
                return Err(ctx.invalid_rule("bands must start at increasing units"))
            }
            Some(next) => (u64::from(next.from_unit) - 1).min(units),
            None => units,
        };
        each(end - start + 1, band)?;
    }
    Ok(())
}

/// When an outage item's clock starts (its start, its report, or after power returned).
pub(crate) fn clock_start(
    clock: &Clock,
    ctx: &Context<'_>,
    item: &Item<'_>,
    notes: &mut Vec<String>,
) -> Result<DateTime<Utc>> {
    let What::Incident(spell) = &item.what else {
        return Err(ctx.invalid_rule("a clock needs an outage"));
    };
    spell_clock_start(clock, ctx, spell, &|| item.label(ctx.zone), notes)
}

/// When a spell's clock starts, noting what it assumed.
pub(crate) fn spell_clock_start(
    clock: &Clock,
    ctx: &Context<'_>,
    spell: &Spell,
    label: &dyn Fn() -> String,
    notes: &mut Vec<String>,
) -> Result<DateTime<Utc>> {
    let mut start = match clock.start {
        ClockStart::OutageStart => spell.start,
        ClockStart::Report => match spell.reported {
            Some(reported) => reported.max(spell.start),
            None => {
                ctx.note(notes, || {
                    format!(
                        "{}: no report time was given; the clock starts when the outage began ({}).",
                        label(),
                        ctx.local_text(spell.start)
                    )
                });
                spell.start
            }
        },
    };
    if let (Some(delay), Cause::Power) = (clock.after_power_restored, spell.cause) {
        match spell.power_restored {
            Some(restored) => {
                let after = restored
                    .checked_add_signed(delay.as_delta())
                    .ok_or_else(|| Error::overflow("power restoration + delay"))?;
                if after > start {
                    ctx.note(notes, || {
                        format!(
                            "{}: commercial power returned at {}; the credit period starts {} later, at {}.",
                            label(),
                            ctx.local_text(restored),
                            delay,
                            ctx.local_text(after)
                        )
                    });
                    start = after;
                }
            }
            None => ctx.note(notes, || {
                format!(
                    "{}: the cause is commercial power but no power_restored time was given; the clock starts when the outage began.",
                    label()
                )
            }),
        }
    }
    Ok(start)
}

/// The first instant a grace period leaves compensable, from a clock's start.
pub(crate) fn compensable_from(
    grace: Grace,
    clock: DateTime<Utc>,
    ctx: &Context<'_>,
) -> Result<DateTime<Utc>> {
    let day = || local_date(clock, ctx.zone);
    match grace {
        Grace::None => Ok(clock),
        Grace::Elapsed(span) => clock
            .checked_add_signed(span.as_delta())
            .ok_or_else(|| Error::overflow("clock + grace period")),
        Grace::CalendarDays(n) => {
            let last = add_days(day(), i64::from(n))?;
            next_day_start(last, ctx.zone)
        }
        Grace::WorkingDays(n) => {
            let day = day();
            let last = ctx
                .calendar
                .add_working_days(day, n)
                .ok_or_else(|| Error::overflow(format!("{n} working days after {day}")))?;
            next_day_start(last, ctx.zone)
        }
    }
}
