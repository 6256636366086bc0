//! The table of offered versus owed that `redress batch` prints.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;

use super::{Shortfalls, Tally};
use crate::money::Currency;

/// How many areas and regions the table shows by name (those short most); the rest are
/// added up in one row per policy and currency.
const SHOWN: usize = 20;

/// The table `redress batch` prints: by area, then by region, each place's rows with
/// the largest shortfall first (the first 20 places by name, the rest added up),
/// then every account's sums per policy and currency. Columns are as wide as their
/// longest entry.
impl fmt::Display for Shortfalls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "offered versus owed (shortfall: owed less what was credited, else offered; at least 0)"
        )?;
        let tables = [
            ("area", shown(self.by_area().collect(), "other areas")),
            ("region", shown(self.by_region().collect(), "other regions")),
        ];
        let mut all: BTreeMap<(&str, Currency), Tally> = BTreeMap::new();
        for (_, policy, currency, tally) in self.by_area() {
            all.entry((policy, currency)).or_default().absorb(&tally);
        }
        let all: Vec<Row<'_>> = (all.into_iter())
            .map(|((policy, currency), tally)| ("all accounts".to_owned(), policy, currency, tally))
            .collect();
        let rows = || tables.iter().flat_map(|(_, rows)| rows).chain(&all);
        let widths = Widths {
            place: rows()
                .map(|r| r.0.chars().count())
                .max()
                .unwrap_or(0)
                .max(16),
            policy: rows()
                .map(|r| r.1.chars().count())
                .max()
                .unwrap_or(0)
                .max(24),
        };
        for (label, rows) in &tables {
            let (w, p) = (widths.place, widths.policy);
            writeln!(
                f,
                "{label:<w$} {:<p$} {:>8} {:>6} {:>16} {:>16} {:>16} {:>16}",
                "policy", "accounts", "short", "owed", "offered", "credited", "shortfall"
            )?;
            for r in rows {
                row(f, widths, r)?;
            }
        }
        for r in &all {
            row(f, widths, r)?;
        }
        Ok(())
    }
}

/// One row of the table: place, policy, currency and sums.
type Row<'a> = (String, &'a str, Currency, Tally);

/// How wide the place and policy columns are.
#[derive(Debug, Clone, Copy)]
struct Widths {
    place: usize,
    policy: usize,
}

/// A place's rows (policy, currency, sums) and the largest shortfall among them.
type Place<'a> = (&'a str, Vec<(&'a str, Currency, Tally)>, Decimal);

/// The rows of one table (given in order of place): the [`SHOWN`] places short most by
/// name, then the others added up per policy and currency.
fn shown<'a>(rows: Vec<(&'a str, &'a str, Currency, Tally)>, other: &str) -> Vec<Row<'a>> {
    // Each place's rows, and the largest shortfall among them.
    let mut places: Vec<Place<'_>> = Vec::new();
    for (place, policy, currency, tally) in rows {
        let short = tally.shortfall;
        match places.last_mut() {
            Some((last, rows, most)) if *last == place => {
                *most = (*most).max(short);
                rows.push((policy, currency, tally));
            }
            _ => places.push((place, vec![(policy, currency, tally)], short)),
        }
    }
    places.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    let mut shown = Vec::new();
    for (place, rows, _) in places.iter().take(SHOWN) {
        for (policy, currency, tally) in rows {
            shown.push(((*place).to_owned(), *policy, *currency, tally.clone()));
        }
    }
    let rest = places.len().saturating_sub(SHOWN);
    let mut others: BTreeMap<(&str, Currency), Tally> = BTreeMap::new();
    for (_, rows, _) in places.iter().skip(SHOWN) {
        for (policy, currency, tally) in rows {
            others.entry((policy, *currency)).or_default().absorb(tally);
        }
    }
    for ((policy, currency), tally) in others {
        shown.push((format!("{rest} {other}"), policy, currency, tally));
    }
    shown
}

fn row(
    f: &mut fmt::Formatter<'_>,
    widths: Widths,
    (place, policy, currency, t): &Row<'_>,
) -> fmt::Result {
    let money = |mut d: Decimal, known: u64| {
        if known == 0 {
            // No account had the figure (no offer, or no `credited` column).
            "-".to_owned()
        } else if t.overflowed {
            "overflow".to_owned()
        } else {
            // An empty sum is 0 at the currency's minor unit (`0.00`), as the rows are.
            if d.scale() < currency.minor_units() {
                d.rescale(currency.minor_units());
            }
            format!("{d} {}", currency.code())
        }
    };
    let (w, p) = (widths.place, widths.policy);
    writeln!(
        f,
        "{place:<w$} {policy:<p$} {:>8} {:>6} {:>16} {:>16} {:>16} {:>16}",
        t.accounts,
        t.short,
        money(t.owed, t.accounts),
        money(t.offered, t.offered_accounts),
        money(t.credited, t.credited_accounts),
        money(t.shortfall, t.accounts.saturating_sub(t.unknown))
    )
}
