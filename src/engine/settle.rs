//! Settlement: a compiled program evaluated at a plan's prices, each line rounded once
//! by its version's rule, and the rounded lines added up. The one place a claim's
//! total, and whether it is all paid automatically, are worked out.

use std::collections::HashSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::line::Draft;
use super::program::{ItemProgram, OutcomeExpr, Paid, Program};
use super::tape::{Amounts, Outcome, Tape};
use crate::claim::{Claim, CreditLine, Description, Totals};
use crate::error::{Error, Result};
use crate::money::Currency;
use crate::plan::Service;
use crate::policy::Policy;

/// The claim a program owes at some prices, with every line's working and the notes.
pub(crate) fn claim(
    program: Program,
    policy: &Policy,
    services: &[Service],
    currency: Currency,
) -> Result<Claim> {
    let mut settlement = Settlement::default();
    let mut notes = program.notes.into_iter().peekable();
    // Each item is dropped once settled, so a claim of many outages never holds its
    // whole program and its lines at once.
    for (i, mut item) in program.items.into_iter().enumerate() {
        while let Some((_, text)) = notes.next_if(|(before, _)| *before <= i) {
            settlement.note(text);
        }
        settle_explained(&mut item, policy, services, &mut settlement)?;
    }
    for (_, text) in notes {
        settlement.note(text);
    }
    let totals = settlement.tally.totals(currency)?;
    let mut notes = settlement.notes;
    if let Some(deadline) = settlement.request_deadline {
        notes.push(format!(
            "Lines owed on request must be claimed by {deadline}."
        ));
    }
    Ok(Claim {
        policy: policy.id.clone(),
        title: policy.title.clone(),
        citation: policy.citation.clone(),
        currency: totals.currency,
        total: totals.total,
        automatic: totals.automatic,
        lines: settlement.lines,
        notes,
        not_applicable: None,
        not_for_customer: None,
    })
}

/// What a program owes at some prices: the figures of [`claim`], without the working.
pub(crate) fn totals(
    items: &[ItemProgram],
    services: &[Service],
    currency: Currency,
) -> Result<Totals> {
    let mut tally = Tally::default();
    for item in items {
        // Lines with no choice above them, paid one way whatever they come to, are
        // each rounded as they are priced.
        if let (OutcomeExpr::Lines { lines, .. }, Paid::Automatic | Paid::OnRequest) =
            (&item.outcome, &item.paid)
        {
            let automatic = item.paid == Paid::Automatic;
            for line in lines {
                tally.add(line.rounded(services, item.rounding)?, automatic);
            }
            continue;
        }
        let amounts: Amounts = item.outcome.eval(services)?;
        if amounts.is_empty() {
            continue;
        }
        let automatic = paid_automatically(item, amounts.total()?);
        for amount in amounts.0 {
            tally.add(item.rounding.apply_checked(amount)?, automatic);
        }
    }
    tally.totals(currency)
}

fn paid_automatically(item: &ItemProgram, total: Decimal) -> bool {
    match &item.paid {
        Paid::Automatic => true,
        Paid::OnRequest => false,
        Paid::When(test) => test.holds(total),
    }
}

/// Settles one item of an explained program, taking its notes and facts.
fn settle_explained(
    item: &mut ItemProgram,
    policy: &Policy,
    services: &[Service],
    settlement: &mut Settlement,
) -> Result<()> {
    let outcome: Outcome = item.outcome.eval(services)?;
    for note in outcome.notes {
        settlement.note(note);
    }
    if outcome.drafts.is_empty() {
        return Ok(());
    }
    let automatic = paid_automatically(item, sum_of_drafts(&outcome.drafts)?);
    if let Some(facts) = item.facts.as_mut() {
        for note in facts.paid_notes.drain(..) {
            settlement.note(note);
        }
    }
    let provision = item.facts.as_ref().and_then(|facts| {
        let (v, p) = facts.provision;
        policy.versions.get(v)?.provisions.get(p)
    });
    let (Some(facts), Some(provision)) = (item.facts.as_mut(), provision) else {
        let deadline = item.facts.as_ref().and_then(|facts| facts.deadline);
        for draft in &outcome.drafts {
            settlement.add(
                item.rounding.apply_checked(draft.amount)?,
                automatic,
                deadline,
            );
        }
        return Ok(());
    };
    let service = match facts.services.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    };
    let count = outcome.drafts.len();
    for (i, draft) in outcome.drafts.into_iter().enumerate() {
        let amount = item.rounding.apply_checked(draft.amount)?;
        settlement.add(amount, automatic, facts.deadline);
        settlement.lines.push(CreditLine {
            description: Description::from_parts(
                &provision.name,
                &provision.clause,
                &facts.services,
                facts.described,
                facts.zone,
            ),
            provision: provision.name.clone(),
            clause: provision.clause.clone(),
            service: service.clone(),
            // A line for one outage of a period lists that outage's records; a line for
            // the whole item, the item's (the last such line takes the list).
            outages: match draft.outages {
                Some(outages) => outages.to_vec(),
                None if i + 1 == count => std::mem::take(&mut facts.outages),
                None => facts.outages.clone(),
            },
            appointment: facts.appointment,
            activation: facts.activation,
            period: facts.period,
            amount,
            unrounded: draft.amount,
            basis: draft.basis,
            adjustments: draft.adjustments,
            automatic,
            deadline: facts.deadline,
        });
    }
    Ok(())
}

/// The unrounded total of an item's lines.
fn sum_of_drafts(drafts: &[Draft]) -> Result<Decimal> {
    drafts.iter().try_fold(Decimal::ZERO, |sum, d| {
        sum.checked_add(d.amount)
            .ok_or_else(|| Error::overflow("sum of credit lines"))
    })
}

/// A claim being settled: its lines, its notes (each once), its tally.
#[derive(Default)]
struct Settlement {
    lines: Vec<CreditLine>,
    notes: Vec<String>,
    /// The notes so far, for finding a repeat among many; a few are compared in turn.
    seen: Option<HashSet<String, foldhash::fast::RandomState>>,
    tally: Tally,
    /// The earliest deadline of a line with an amount owed on request.
    request_deadline: Option<NaiveDate>,
}

impl Settlement {
    /// Beyond this many notes, a repeat is found by hashing.
    const SCANNED: usize = 16;

    /// Adds a note, once.
    fn note(&mut self, text: String) {
        let repeat = match &mut self.seen {
            Some(seen) => !seen.insert(text.clone()),
            None if self.notes.len() < Self::SCANNED => self.notes.contains(&text),
            None => {
                let mut seen: HashSet<String, _> = self.notes.iter().cloned().collect();
                let repeat = !seen.insert(text.clone());
                self.seen = Some(seen);
                repeat
            }
        };
        if !repeat {
            self.notes.push(text);
        }
    }

    /// Adds one rounded line's amount.
    fn add(&mut self, amount: Decimal, automatic: bool, deadline: Option<NaiveDate>) {
        self.tally.add(amount, automatic);
        if let (false, false, Some(deadline)) = (amount.is_zero(), automatic, deadline) {
            self.request_deadline =
                Some(self.request_deadline.map_or(deadline, |d| d.min(deadline)));
        }
    }
}

/// Rounded line amounts added up.
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

    /// The total, to the currency's minor units, and whether it is all automatic.
    ///
    /// # Errors
    /// [`Error::Overflow`] when the sum left `Decimal`'s range, or is too large to be
    /// written to the currency's minor units (about 10²⁶ and more): a total is never
    /// shown with a cent lost.
    pub(crate) fn totals(&self, currency: Currency) -> Result<Totals> {
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
