//! A claim as text: its policy, each line with its arithmetic, its total, how it is
//! paid and its notes; or why the policy does not apply.

use std::fmt;

use super::approx;
use super::{Adjustment, Claim, CreditLine};

impl fmt::Display for Claim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} — {}", self.policy, self.title)?;
        if !self.citation.is_empty() {
            writeln!(f, "  {}", self.citation)?;
        }
        if let Some(reason) = &self.not_applicable {
            writeln!(f, "  Not applicable: {reason}.")?;
            return write_notes(f, self);
        }
        if let Some(reason) = &self.not_for_customer {
            writeln!(
                f,
                "  Not applicable: {reason}. What it would pay if it applied, for comparison only:"
            )?;
        }
        for (i, line) in self.lines.iter().enumerate() {
            write_line(f, self, i, line)?;
        }
        let how = if self.not_for_customer.is_some() {
            "if it applied; not owed to this customer"
        } else if self.automatic {
            "paid automatically"
        } else if self.total.is_zero() {
            "nothing owed"
        } else {
            "must be requested"
        };
        writeln!(f, "  Total: {} {} ({how})", self.total, self.currency)?;
        write_notes(f, self)
    }
}

/// One numbered line: what it is for, its arithmetic with the rounding, its
/// adjustments, and its deadline when it must be claimed.
fn write_line(
    f: &mut fmt::Formatter<'_>,
    claim: &Claim,
    i: usize,
    line: &CreditLine,
) -> fmt::Result {
    let how = if line.automatic {
        "automatic"
    } else {
        "on request"
    };
    let minor = claim.currency.minor_units();
    writeln!(f, "  {}. {}", i + 1, line.description)?;
    if line.unrounded == line.amount {
        write!(f, "     {} = {}", line.basis, line.amount)?;
    } else {
        let (unrounded, then_amount) = approx::unrounded(line.unrounded, line.amount, minor);
        write!(f, "     {} {unrounded}", line.basis)?;
        if then_amount {
            write!(f, " → {}", line.amount)?;
        }
    }
    writeln!(f, " {} [{how}]", claim.currency)?;
    for adjustment in &line.adjustments {
        match adjustment {
            Adjustment::Capped { before, cap } => writeln!(
                f,
                "     capped: {} down to the cap of {}",
                approx::figure(*before, minor + 2),
                cap
            )?,
            Adjustment::BelowMinimum { before, more_than } => writeln!(
                f,
                "     not paid: {} is not more than the minimum {more_than}",
                approx::figure(*before, minor + 2)
            )?,
        }
    }
    if let (false, Some(deadline)) = (line.automatic, line.deadline) {
        writeln!(f, "     claim by {deadline}")?;
    }
    Ok(())
}

fn write_notes(f: &mut fmt::Formatter<'_>, claim: &Claim) -> fmt::Result {
    for note in &claim.notes {
        writeln!(f, "  Note: {note}")?;
    }
    Ok(())
}
