//! Where an outcome's lines go as it is evaluated: with their working and notes, or as
//! amounts alone; caps and minimum payouts applied the same way to both.

use rust_decimal::Decimal;
use smallvec::SmallVec;

use super::figure::FigureExpr;
use super::line::{Draft, LineExpr};
use crate::claim::Adjustment;
use crate::error::{Error, Result};
use crate::plan::Service;

/// Where an outcome's lines go as it is evaluated: lines with their working and the
/// notes ([`Outcome`]), or the amounts alone ([`Amounts`]). The choices of the tree
/// are made the same way for both.
pub(crate) trait Tape: Default {
    /// Whether the tape keeps the working and the notes.
    const EXPLAINS: bool;
    /// Adds a line, evaluated at the prices.
    fn line(&mut self, line: &LineExpr, services: &[Service]) -> Result<()>;
    /// Adds a note (formatted only by a tape that keeps notes).
    fn note(&mut self, text: impl FnOnce() -> String);
    /// The unrounded lines added up.
    fn total(&self) -> Result<Decimal>;
    /// Whether it holds no line.
    fn is_empty(&self) -> bool;
    /// Takes another tape's lines and notes after its own.
    fn absorb(&mut self, other: Self);
    /// Brings the lines down to a cap, taking from the last line first.
    fn cap(&mut self, limit: &FigureExpr, services: &[Service]) -> Result<()>;
    /// Pays none of the lines: their total is not above the minimum payout.
    fn below_minimum(&mut self, more_than: Decimal);
}

/// What a rule yields for one item, explained: lines with their working, and notes.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    pub drafts: SmallVec<[Draft; 1]>,
    pub notes: Vec<String>,
}

fn sum_of(amounts: impl Iterator<Item = Decimal>) -> Result<Decimal> {
    amounts.into_iter().try_fold(Decimal::ZERO, |sum, a| {
        sum.checked_add(a)
            .ok_or_else(|| Error::overflow("sum of credit lines"))
    })
}

/// How much of each line a cap leaves, taking the excess from the last line first so
/// no line goes below zero, and the first line it reached (every line from there on
/// is marked as capped). `None` when the lines are within the cap.
fn capped(
    amounts: impl Iterator<Item = Decimal> + Clone,
    limit: Decimal,
) -> Result<Option<(Vec<Decimal>, usize)>> {
    let overflow = || Error::overflow("sum before cap");
    let total = amounts.clone().try_fold(Decimal::ZERO, |sum, a| {
        sum.checked_add(a).ok_or_else(overflow)
    })?;
    let mut excess = total.checked_sub(limit).ok_or_else(overflow)?;
    if excess <= Decimal::ZERO {
        return Ok(None);
    }
    let mut kept: Vec<Decimal> = amounts.collect();
    let mut reached = kept.len();
    for (i, amount) in kept.iter_mut().enumerate().rev() {
        if excess <= Decimal::ZERO {
            break;
        }
        let take = excess.min(*amount);
        *amount = amount.checked_sub(take).ok_or_else(overflow)?;
        excess = excess.checked_sub(take).ok_or_else(overflow)?;
        reached = i;
    }
    Ok(Some((kept, reached)))
}

impl Tape for Outcome {
    const EXPLAINS: bool = true;

    fn line(&mut self, line: &LineExpr, services: &[Service]) -> Result<()> {
        self.drafts.push(line.draft(services)?);
        Ok(())
    }

    fn note(&mut self, text: impl FnOnce() -> String) {
        self.notes.push(text());
    }

    fn total(&self) -> Result<Decimal> {
        sum_of(self.drafts.iter().map(|d| d.amount))
    }

    fn is_empty(&self) -> bool {
        self.drafts.is_empty()
    }

    fn absorb(&mut self, other: Outcome) {
        self.drafts.extend(other.drafts);
        self.notes.extend(other.notes);
    }

    fn cap(&mut self, limit: &FigureExpr, services: &[Service]) -> Result<()> {
        let cap = limit.figure(services)?;
        let Some((kept, reached)) = capped(self.drafts.iter().map(|d| d.amount), cap.amount())?
        else {
            return Ok(());
        };
        for (i, (draft, kept)) in self.drafts.iter_mut().zip(kept).enumerate() {
            if i >= reached {
                draft.adjustments.push(Adjustment::Capped {
                    before: draft.amount,
                    cap: cap.clone(),
                });
                draft.amount = kept;
            }
        }
        Ok(())
    }

    fn below_minimum(&mut self, more_than: Decimal) {
        for draft in &mut self.drafts {
            draft.adjustments.push(Adjustment::BelowMinimum {
                before: draft.amount,
                more_than,
            });
            draft.amount = Decimal::ZERO;
        }
    }
}

/// What a rule yields for one item, as unrounded amounts only.
#[derive(Debug, Default)]
pub(crate) struct Amounts(pub SmallVec<[Decimal; 2]>);

impl Tape for Amounts {
    const EXPLAINS: bool = false;

    fn line(&mut self, line: &LineExpr, services: &[Service]) -> Result<()> {
        self.0.push(line.amount(services)?);
        Ok(())
    }

    fn note(&mut self, _text: impl FnOnce() -> String) {}

    fn total(&self) -> Result<Decimal> {
        sum_of(self.0.iter().copied())
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn absorb(&mut self, other: Amounts) {
        self.0.extend(other.0);
    }

    fn cap(&mut self, limit: &FigureExpr, services: &[Service]) -> Result<()> {
        let limit = limit.amount(services)?;
        if let Some((kept, _)) = capped(self.0.iter().copied(), limit)? {
            self.0 = kept.into_iter().collect();
        }
        Ok(())
    }

    fn below_minimum(&mut self, _more_than: Decimal) {
        for amount in &mut self.0 {
            *amount = Decimal::ZERO;
        }
    }
}
