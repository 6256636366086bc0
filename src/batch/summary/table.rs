//! A summary written as the table `redress batch` prints on stderr.

use std::fmt;

use rust_decimal::Decimal;

use super::*;

impl Summary {
    /// The names of the outage areas met (by their place in `met`), and the first of
    /// those not met: one pass over the index.
    pub(super) fn tables(&self) -> Tables<'_> {
        let mut tables = Tables {
            met_names: vec![""; self.met.len()],
            unmet: Unmet::default(),
        };
        let Some(index) = &self.index else {
            return tables;
        };
        for (name, &place) in &index.places {
            match self.slots.get(place) {
                Some(&slot) if slot > 0 => {
                    if let Some(met) = tables.met_names.get_mut(slot - 1) {
                        *met = name.as_str();
                    }
                }
                _ => tables.unmet.insert(name),
            }
        }
        tables
    }
}

/// What a summary's report looks up in the outage index.
pub(super) struct Tables<'a> {
    /// The names of the outage areas met, in the order of `Summary::met`.
    pub(super) met_names: Vec<&'a str>,
    /// The outage areas no account was found in.
    pub(super) unmet: Unmet<'a>,
}

/// Outage areas no account was found in: how many, and the first few names.
#[derive(Default)]
pub(super) struct Unmet<'a> {
    first: Vec<&'a str>,
    count: u64,
}

impl<'a> Unmet<'a> {
    fn insert(&mut self, name: &'a str) {
        self.count += 1;
        let at = self.first.partition_point(|n| *n < name);
        if at < NAMES_SHOWN {
            self.first.insert(at, name);
            self.first.truncate(NAMES_SHOWN);
        }
    }

    pub(super) fn listed(&self) -> AreaNames {
        AreaNames {
            count: self.count,
            more: false,
            first: self.first.iter().map(|n| (*n).to_owned()).collect(),
        }
    }
}

/// One line of a summary's table, its cells as text.
struct Line<'a> {
    area: std::borrow::Cow<'a, str>,
    policy: &'a str,
    accounts: u64,
    owed: u64,
    automatic: u64,
    errors: Option<u64>,
    total: String,
}

impl<'a> Line<'a> {
    /// The lines of one area's groups, its errors on the first.
    fn of_groups<'g>(
        lines: &mut Vec<Line<'a>>,
        area: std::borrow::Cow<'a, str>,
        groups: impl IntoIterator<Item = (&'a str, Currency, &'g Group)>,
        errors: u64,
    ) {
        let start = lines.len();
        for (policy, currency, group) in groups {
            lines.push(Line {
                area: area.clone(),
                policy,
                accounts: group.accounts,
                owed: group.owed,
                automatic: group.automatic,
                errors: (lines.len() == start).then_some(errors),
                total: group.total_text(currency),
            });
        }
        if lines.len() == start {
            lines.push(Line {
                area,
                policy: "",
                accounts: 0,
                owed: 0,
                automatic: 0,
                errors: Some(errors),
                total: String::new(),
            });
        }
    }
}

/// What ranks an area among the areas owed most: any sum too large to keep first,
/// then the largest total under any policy, then the most accounts owed.
fn rank(tally: &AreaTally) -> (bool, Decimal, u64) {
    let groups = tally.groups.iter().map(|(_, g)| g);
    (
        groups.clone().any(|g| g.overflowed),
        groups.clone().map(|g| g.total).max().unwrap_or_default(),
        groups.map(|g| g.owed).max().unwrap_or_default(),
    )
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} account{} read: {} assessed, {} with errors; {} row{} written",
            self.accounts,
            if self.accounts == 1 { "" } else { "s" },
            self.accounts.saturating_sub(self.errors),
            self.errors,
            self.rows,
            if self.rows == 1 { "" } else { "s" }
        )?;
        if self.unselected > 0 {
            writeln!(
                f,
                "{} account{} had no applicable catalog policy (owed 0)",
                self.unselected,
                if self.unselected == 1 { "" } else { "s" }
            )?;
        }
        let tables = self.tables();
        let mut lines: Vec<Line<'_>> = Vec::new();

        // The areas owed most, by rank; the rest added up.
        let mut ranked: Vec<((bool, Decimal, u64), &str, &AreaTally)> = self
            .met
            .iter()
            .zip(&tables.met_names)
            .map(|(tally, name)| (rank(tally), *name, tally))
            .collect();
        let by_rank = |a: &((bool, Decimal, u64), &str, &AreaTally),
                       b: &((bool, Decimal, u64), &str, &AreaTally)| {
            b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1))
        };
        if ranked.len() > AREAS_SHOWN {
            ranked.select_nth_unstable_by(AREAS_SHOWN - 1, by_rank);
        }
        let (shown, rest) = ranked.split_at_mut(AREAS_SHOWN.min(self.met.len()));
        shown.sort_unstable_by(by_rank);
        for (_, name, tally) in shown.iter() {
            let groups = tally.groups.iter().map(|((p, c), g)| (&**p, *c, g));
            Line::of_groups(&mut lines, (*name).into(), groups, tally.errors);
        }
        let mut others: BTreeMap<(&str, Currency), Group> = BTreeMap::new();
        for (_, _, tally) in rest.iter() {
            for ((policy, currency), group) in &tally.groups {
                others
                    .entry((&**policy, *currency))
                    .or_default()
                    .absorb(group);
            }
        }
        if !rest.is_empty() {
            let errors = rest.iter().map(|(_, _, t)| t.errors).sum();
            let label = format!("{} other areas", rest.len());
            let groups = others.iter().map(|((p, c), g)| (*p, *c, g));
            Line::of_groups(&mut lines, label.into(), groups, errors);
        }

        // Accounts of areas without outages, and rows whose area could not be read.
        let quiet = &self.no_outage;
        if quiet.groups.is_empty() && quiet.accounts + quiet.errors > 0 {
            lines.push(Line {
                area: NO_OUTAGE.into(),
                policy: "",
                accounts: quiet.accounts,
                owed: 0,
                automatic: 0,
                errors: Some(quiet.errors),
                total: String::new(),
            });
        } else if !quiet.groups.is_empty() {
            let groups = quiet.groups.iter().map(|((p, c), g)| (&**p, *c, g));
            Line::of_groups(&mut lines, NO_OUTAGE.into(), groups, quiet.errors);
        }
        if self.unreadable > 0 {
            Line::of_groups(&mut lines, UNREADABLE.into(), [], self.unreadable);
        }

        // Every area, by policy.
        let mut all: BTreeMap<(&str, Currency), Group> = others;
        for (_, _, tally) in shown.iter() {
            for ((policy, currency), group) in &tally.groups {
                all.entry((&**policy, *currency)).or_default().absorb(group);
            }
        }
        for ((policy, currency), group) in &quiet.groups {
            all.entry((&**policy, *currency)).or_default().absorb(group);
        }
        if !lines.is_empty() {
            for ((policy, currency), group) in &all {
                lines.push(Line {
                    area: "all areas".into(),
                    policy,
                    accounts: group.accounts,
                    owed: group.owed,
                    automatic: group.automatic,
                    errors: Some(self.errors),
                    total: group.total_text(*currency),
                });
            }
            let area_width = lines
                .iter()
                .map(|l| l.area.chars().count())
                .chain(["area".len()])
                .max()
                .unwrap_or(4);
            let policy_width = lines
                .iter()
                .map(|l| l.policy.chars().count())
                .chain(["policy".len()])
                .max()
                .unwrap_or(6);
            writeln!(
                f,
                "{:<area_width$}  {:<policy_width$}  {:>8}  {:>6}  {:>9}  {:>6}  {:>16}",
                "area", "policy", "accounts", "owed", "automatic", "errors", "total"
            )?;
            for line in &lines {
                let errors = line.errors.map(|n| n.to_string()).unwrap_or_default();
                writeln!(
                    f,
                    "{:<area_width$}  {:<policy_width$}  {:>8}  {:>6}  {:>9}  {:>6}  {:>16}",
                    line.area,
                    line.policy,
                    line.accounts,
                    line.owed,
                    line.automatic,
                    errors,
                    line.total
                )?;
            }
        }
        if quiet.accounts + quiet.errors > 0 {
            write!(
                f,
                "account areas with no outage: {}; {} account{} there {} owed nothing",
                quiet.names.listed(),
                quiet.accounts,
                if quiet.accounts == 1 { "" } else { "s" },
                if quiet.accounts == 1 { "is" } else { "are" },
            )?;
            match quiet.errors {
                0 => writeln!(f)?,
                n => writeln!(f, " ({n} more with errors)")?,
            }
        }
        if tables.unmet.count > 0 {
            writeln!(f, "outage areas with no account: {}", tables.unmet.listed())?;
        }
        if lines.iter().any(|l| l.total == "overflow") {
            writeln!(
                f,
                "overflow: a sum too large to keep to the currency's minor unit (in a \
                 currency of cents, past 792281625142643375935439503.35); each account's \
                 own row has its figure"
            )?;
        }
        Ok(())
    }
}
