//! Settlement: a compiled program evaluated at a plan's prices, each line rounded once
//! by its version's rule, and the rounded lines added up. The one place a claim's
//! total, and whether it is all paid automatically, are worked out.

use std::collections::HashSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::program::{Amounts, ItemProgram, Outcome, OutcomeExpr, Paid, Program, Step, Tape};
use crate::claim::{Claim, CreditLine, Description, Totals};
use crate::error::{Error, Result};
use crate::money::Currency;
use crate::plan::Service;
use crate::policy::Policy;

/// The claim a program owes at some prices, with every line's working and the notes.
pub(crate) fn claim(
    program: &Program,
    policy: &Policy,
    services: &[Service],
    currency: Currency,
) -> Result<Claim> {
    let mut settlement = Settlement::default();
    for step in &program.steps {
        match step {
            Step::Note(text) => settlement.note(text),
            Step::Item(item) => settle_explained(item, services, &mut settlement)?,
        }
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
    })
}

/// What a program owes at some prices: the figures of [`claim`], without the working.
pub(crate) fn totals(
    program: &Program,
    services: &[Service],
    currency: Currency,
) -> Result<Totals> {
    let mut tally = Tally::default();
    for step in &program.steps {
        let Step::Item(item) = step else { continue };
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
            tally.add(item.rounding.apply(amount), automatic);
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

fn settle_explained(
    item: &ItemProgram,
    services: &[Service],
    settlement: &mut Settlement,
) -> Result<()> {
    let outcome: Outcome = item.outcome.eval(services)?;
    for note in &outcome.notes {
        settlement.note(note);
    }
    if outcome.drafts.is_empty() {
        return Ok(());
    }
    let automatic = paid_automatically(item, outcome.total()?);
    for note in &item.paid_notes {
        settlement.note(note);
    }
    let Some(facts) = &item.facts else {
        for draft in &outcome.drafts {
            settlement.add(item.rounding.apply(draft.amount), automatic, item.deadline);
        }
        return Ok(());
    };
    let service = match facts.services.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    };
    for draft in outcome.drafts {
        let amount = item.rounding.apply(draft.amount);
        settlement.add(amount, automatic, item.deadline);
        settlement.lines.push(CreditLine {
            description: Description::from_parts(
                &facts.provision,
                &facts.clause,
                &facts.services,
                facts.described,
                facts.zone,
            ),
            provision: facts.provision.clone(),
            clause: facts.clause.clone(),
            service: service.clone(),
            outages: facts.outages.clone(),
            appointment: facts.appointment,
            activation: facts.activation,
            period: facts.period,
            amount,
            unrounded: draft.amount,
            basis: draft.basis,
            adjustments: draft.adjustments,
            automatic,
            deadline: item.deadline,
        });
    }
    Ok(())
}

/// A claim being settled: its lines, its notes (each once), its tally.
#[derive(Default)]
struct Settlement {
    lines: Vec<CreditLine>,
    notes: Vec<String>,
    seen: HashSet<String>,
    tally: Tally,
    /// The earliest deadline of a line with an amount owed on request.
    request_deadline: Option<NaiveDate>,
}

impl Settlement {
    /// Adds a note, once.
    fn note(&mut self, text: &str) {
        if !self.seen.contains(text) {
            self.seen.insert(text.to_owned());
            self.notes.push(text.to_owned());
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
    /// The sum left `Decimal`'s range: the claim total is an overflow error.
    overflowed: bool,
    /// Some line has an amount.
    owed: bool,
    /// Some line with an amount is owed only on request.
    some_on_request: bool,
}

impl Tally {
    /// Adds one rounded line's amount.
    pub(crate) fn add(&mut self, amount: Decimal, automatic: bool) {
        match self.total.checked_add(amount) {
            Some(sum) => self.total = sum,
            None => self.overflowed = true,
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
        let too_large = || {
            Error::overflow(format!(
                "claim total: too large to keep {} decimal place(s) of {}",
                currency.minor_units(),
                currency.code()
            ))
        };
        if self.overflowed {
            return Err(too_large());
        }
        let mut total = self.total;
        total.rescale(currency.minor_units());
        if total.scale() != currency.minor_units() {
            return Err(too_large());
        }
        Ok(Totals {
            currency,
            total,
            automatic: self.owed && !self.some_on_request,
        })
    }
}
