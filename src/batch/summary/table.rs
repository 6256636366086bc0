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

/// A ranked area: its rank, its name and its tally.
type Ranked<'a> = ((bool, Decimal, u64), &'a str, &'a AreaTally);

/// Most-owed first; among equals, by name, so the table never depends on input order.
fn by_rank(a: &Ranked<'_>, b: &Ranked<'_>) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1))
}

/// Sums of groups by policy and currency.
type ByPolicy<'a> = BTreeMap<(&'a str, Currency), Group>;

fn absorb_all<'a>(into: &mut ByPolicy<'a>, groups: &'a [(PolicyKey, Group)]) {
    for ((policy, currency), group) in groups {
        into.entry((&**policy, *currency))
            .or_default()
            .absorb(group);
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

impl Summary {
    /// The table's lines: the areas owed most, the rest added up, the areas without
    /// outages and unreadable rows, then every area by policy (none when empty).
    fn lines<'a>(&'a self, tables: &Tables<'a>) -> Vec<Line<'a>> {
        let mut lines: Vec<Line<'_>> = Vec::new();
        let mut ranked: Vec<Ranked<'a>> = self
            .met
            .iter()
            .zip(&tables.met_names)
            .map(|(tally, name)| (rank(tally), *name, tally))
            .collect();
        if ranked.len() > AREAS_SHOWN {
            ranked.select_nth_unstable_by(AREAS_SHOWN - 1, by_rank);
        }
        let (shown, rest) = ranked.split_at_mut(AREAS_SHOWN.min(self.met.len()));
        shown.sort_unstable_by(by_rank);
        for (_, name, tally) in shown.iter() {
            let groups = tally.groups.iter().map(|((p, c), g)| (&**p, *c, g));
            Line::of_groups(&mut lines, (*name).into(), groups, tally.errors);
        }
        let mut all: ByPolicy<'a> = BTreeMap::new();
        for (_, _, tally) in rest.iter() {
            absorb_all(&mut all, &tally.groups);
        }
        if !rest.is_empty() {
            let errors = rest.iter().map(|(_, _, t)| t.errors).sum();
            let label = format!("{} other areas", rest.len());
            let groups = all.iter().map(|((p, c), g)| (*p, *c, g));
            Line::of_groups(&mut lines, label.into(), groups, errors);
        }
        self.quiet_lines(&mut lines);
        for (_, _, tally) in shown.iter() {
            absorb_all(&mut all, &tally.groups);
        }
        absorb_all(&mut all, &self.no_outage.groups);
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
        }
        lines
    }

    /// Accounts of areas without outages, and rows whose area could not be read.
    fn quiet_lines<'a>(&'a self, lines: &mut Vec<Line<'a>>) {
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
            Line::of_groups(lines, NO_OUTAGE.into(), groups, quiet.errors);
        }
        if self.unreadable > 0 {
            Line::of_groups(lines, UNREADABLE.into(), [], self.unreadable);
        }
    }
}

/// Writes the lines as columns, each as wide as its widest cell.
fn write_table(f: &mut fmt::Formatter<'_>, lines: &[Line<'_>]) -> fmt::Result {
    let width = |cell: fn(&Line<'_>) -> usize, heading: &str| {
        lines
            .iter()
            .map(cell)
            .chain([heading.len()])
            .max()
            .unwrap_or(0)
    };
    let area_width = width(|l| l.area.chars().count(), "area");
    let policy_width = width(|l| l.policy.chars().count(), "policy");
    writeln!(
        f,
        "{:<area_width$}  {:<policy_width$}  {:>8}  {:>6}  {:>9}  {:>6}  {:>16}",
        "area", "policy", "accounts", "owed", "automatic", "errors", "total"
    )?;
    for line in lines {
        let errors = line.errors.map(|n| n.to_string()).unwrap_or_default();
        writeln!(
            f,
            "{:<area_width$}  {:<policy_width$}  {:>8}  {:>6}  {:>9}  {:>6}  {:>16}",
            line.area, line.policy, line.accounts, line.owed, line.automatic, errors, line.total
        )?;
    }
    Ok(())
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} account{} read: {} assessed, {} with errors; {} row{} written",
            self.accounts,
            plural(self.accounts),
            self.accounts.saturating_sub(self.errors),
            self.errors,
            self.rows,
            plural(self.rows)
        )?;
        if self.unselected > 0 {
            writeln!(
                f,
                "{} account{} had no applicable catalog policy (owed 0)",
                self.unselected,
                plural(self.unselected)
            )?;
        }
        let tables = self.tables();
        let lines = self.lines(&tables);
        if !lines.is_empty() {
            write_table(f, &lines)?;
        }
        let quiet = &self.no_outage;
        if quiet.accounts + quiet.errors > 0 {
            write!(
                f,
                "account areas with no outage: {}; {} account{} there {} owed nothing",
                quiet.names.listed(),
                quiet.accounts,
                plural(quiet.accounts),
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
