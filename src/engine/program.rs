//! The price program: what a policy owes for a case, as formulas of the plan's prices.
//!
//! Everything a rule decides from the outages (which items, how many units, which tier,
//! whether a condition holds) is settled when a policy is compiled for a case. What is
//! left depends on prices only, and is kept as a small tree: each line a formula
//! ([`LineExpr`]) of some monthly prices ([`PriceRef`]), and above the lines the choices
//! that look at amounts ([`OutcomeExpr`]): the greatest of several rules, a cap, a
//! minimum payout. Evaluating the tree at a plan's prices gives the unrounded lines; the
//! settlement rounds and adds them. One claim is compiled and evaluated once; a batch
//! compiles a program once per shape of account and evaluates it for every account of
//! that shape, by the same arithmetic.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use smallvec::SmallVec;

use super::figure::FigureExpr;
use super::line::LineExpr;
use super::tape::Tape;
use crate::claim::{Described, Window};
use crate::error::Result;
use crate::money::Rounding;
use crate::outage::Cause;
use crate::plan::{Service, ServiceKind};

/// What a rule owes for one item, as a tree over its lines: the choices that look at
/// amounts stay in the tree, to be made at each account's prices.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum OutcomeExpr {
    /// Lines, and the notes that go with them (kept only when the program explains).
    Lines {
        notes: Vec<String>,
        lines: SmallVec<[LineExpr; 1]>,
    },
    /// Several outcomes, one after another: the rules of a sum, or notes around a rule.
    Seq(Vec<OutcomeExpr>),
    /// The option whose total is greatest (the first on a tie).
    GreatestOf {
        options: Vec<OutcomeExpr>,
        label: String,
    },
    /// An outage whose records name different causes: assessed under each cause (in
    /// this order), the one paying most kept (the first on a tie).
    BestCause {
        options: Vec<OutcomeExpr>,
        causes: Vec<Cause>,
        label: String,
    },
    /// The inner outcome brought down to a cap, taken from the last line first.
    Capped {
        limit: FigureExpr,
        inner: Box<OutcomeExpr>,
    },
    /// The inner outcome, paid only when its total is more than a minimum.
    MinimumPayout {
        more_than: Decimal,
        inner: Box<OutcomeExpr>,
        label: String,
    },
}

impl OutcomeExpr {
    /// Nothing owed, with no notes.
    pub fn nothing() -> OutcomeExpr {
        OutcomeExpr::Lines {
            notes: Vec::new(),
            lines: SmallVec::new(),
        }
    }

    /// Notes only.
    pub fn notes(notes: Vec<String>) -> OutcomeExpr {
        OutcomeExpr::Lines {
            notes,
            lines: SmallVec::new(),
        }
    }

    /// Evaluates the outcome at some prices onto a tape.
    pub fn eval<T: Tape>(&self, services: &[Service]) -> Result<T> {
        let mut tape = T::default();
        self.eval_onto(services, &mut tape)?;
        Ok(tape)
    }

    fn eval_onto<T: Tape>(&self, services: &[Service], tape: &mut T) -> Result<()> {
        match self {
            OutcomeExpr::Lines { notes, lines } => {
                for note in notes {
                    tape.note(|| note.clone());
                }
                for line in lines {
                    tape.line(line, services)?;
                }
            }
            OutcomeExpr::Seq(parts) => {
                for part in parts {
                    part.eval_onto(services, tape)?;
                }
            }
            OutcomeExpr::GreatestOf { options, label } => {
                if let Some(chosen) = greatest_of::<T>(options, label, services)? {
                    tape.absorb(chosen);
                }
            }
            OutcomeExpr::BestCause {
                options,
                causes,
                label,
            } => {
                if let Some(chosen) = best_cause::<T>(options, causes, label, services)? {
                    tape.absorb(chosen);
                }
            }
            OutcomeExpr::Capped { limit, inner } => {
                let mut capped: T = inner.eval(services)?;
                capped.cap(limit, services)?;
                tape.absorb(capped);
            }
            OutcomeExpr::MinimumPayout {
                more_than,
                inner,
                label,
            } => {
                let mut paid: T = inner.eval(services)?;
                let total = paid.total()?;
                if total <= *more_than && !paid.is_empty() {
                    paid.below_minimum(*more_than);
                    paid.note(|| {
                        format!(
                            "{label}: a credit of {} is not paid; only credits of more than {more_than} are.",
                            total.normalize()
                        )
                    });
                }
                tape.absorb(paid);
            }
        }
        Ok(())
    }
}

/// The option whose total is greatest (the first on a tie), noting the totals
/// compared; `None` when there are no options.
fn greatest_of<T: Tape>(
    options: &[OutcomeExpr],
    label: &str,
    services: &[Service],
) -> Result<Option<T>> {
    let mut best: Option<(Decimal, T)> = None;
    let mut totals = Vec::new();
    for option in options {
        let candidate: T = option.eval(services)?;
        let total = candidate.total()?;
        if T::EXPLAINS {
            totals.push(total);
        }
        match &best {
            Some((best_total, _)) if total <= *best_total => {}
            _ => best = Some((total, candidate)),
        }
    }
    let Some((_, mut chosen)) = best else {
        return Ok(None);
    };
    if totals.len() > 1 {
        chosen.note(|| {
            let listed: Vec<String> = totals
                .iter()
                .map(|t| t.round_dp(4).normalize().to_string())
                .collect();
            format!("{label}: the greater of {} is paid.", listed.join(" and "))
        });
    }
    Ok(Some(chosen))
}

/// The outcome under the cause that pays most (the first on a tie), noting the causes
/// the records name; `None` when there are no options.
fn best_cause<T: Tape>(
    options: &[OutcomeExpr],
    causes: &[Cause],
    label: &str,
    services: &[Service],
) -> Result<Option<T>> {
    let mut best: Option<(Decimal, Cause, T)> = None;
    for (option, cause) in options.iter().zip(causes) {
        let candidate: T = option.eval(services)?;
        let total = candidate.total()?;
        if best.as_ref().is_none_or(|(b, _, _)| total > *b) {
            best = Some((total, *cause, candidate));
        }
    }
    let Some((_, chosen_cause, mut chosen)) = best else {
        return Ok(None);
    };
    chosen.note(|| {
        let named: Vec<String> = causes.iter().map(|c| c.to_string()).collect();
        format!(
            "{label}: the outage records name different causes ({}); it is assessed as {chosen_cause}, which pays the customer most.",
            named.join(", ")
        )
    });
    Ok(Some(chosen))
}

/// Whether an item's lines are paid without a request, once the item's total is known.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Paid {
    /// Always automatic.
    Automatic,
    /// Always on request.
    OnRequest,
    /// Automatic when the test holds for the item's (unrounded) total.
    When(Test),
}

/// A payment condition with everything but the credit decided.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Test {
    Holds(bool),
    CreditMoreThan(Decimal),
    All(Vec<Test>),
    Any(Vec<Test>),
    Not(Box<Test>),
}

impl Test {
    /// Whether the test holds for a credit.
    pub fn holds(&self, credit: Decimal) -> bool {
        match self {
            Test::Holds(holds) => *holds,
            Test::CreditMoreThan(amount) => credit > *amount,
            Test::All(all) => all.iter().all(|t| t.holds(credit)),
            Test::Any(any) => any.iter().any(|t| t.holds(credit)),
            Test::Not(inner) => !inner.holds(credit),
        }
    }
}

/// What a line's words and references are made of, kept when the program explains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LineFacts {
    /// The provision's place in its policy: its version's and its own.
    pub provision: (usize, usize),
    pub services: SmallVec<[ServiceKind; 2]>,
    pub described: Described,
    pub zone: chrono_tz::Tz,
    pub outages: Vec<usize>,
    pub appointment: Option<usize>,
    pub activation: Option<usize>,
    pub period: Option<Window>,
    /// The payment condition's assumptions, noted when the item has lines.
    pub paid_notes: Vec<String>,
    /// By when the item's lines must be claimed, if the provision says.
    pub deadline: Option<NaiveDate>,
}

/// One item of a policy compiled for a case: its outcome, how it is paid and rounded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ItemProgram {
    pub outcome: OutcomeExpr,
    pub paid: Paid,
    pub rounding: Rounding,
    /// Present when the program explains itself.
    pub facts: Option<Box<LineFacts>>,
}

/// Equal items hash alike: the facts, kept only when the program explains itself, are
/// left out of the hash (equality still compares them).
impl std::hash::Hash for ItemProgram {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.outcome.hash(state);
        self.paid.hash(state);
        self.rounding.hash(state);
    }
}

/// A policy compiled for a case: its items in order, every figure still a formula of
/// the plan's prices, and (when it explains itself) its notes, each placed before the
/// item it came before.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Program {
    pub items: Vec<ItemProgram>,
    /// Each note with the number of items compiled before it.
    pub notes: Vec<(usize, String)>,
}

impl Program {
    /// Adds a note after the items so far.
    pub fn note(&mut self, text: String) {
        self.notes.push((self.items.len(), text));
    }
}
