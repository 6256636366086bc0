//! The header rows of a batch's two files, checked against the columns each may have
//! (`docs/batch.md`, "Header rows"): a misspelt column would otherwise be an absent
//! one, and an absent `end`, `customers_affected` or `region` changes what is owed.
//!
//! A column is named exactly (surrounding spaces aside). A name that is not one of the
//! file's columns is refused when it is a near miss of one the header lacks (or is one
//! written in other case or with other separators), with the name it meant; any other
//! is refused unless `--allow-extra-columns` is given, and then ignored. A column named
//! twice is refused.

use std::path::Path;

use crate::Failure;

/// One of the two files: its name in the documentation and its columns.
pub struct Kind {
    /// `accounts.csv` or `outages.csv`.
    pub file: &'static str,
    /// Every column, in the documented order.
    pub columns: &'static [&'static str],
    /// The columns a file must have.
    pub required: &'static [&'static str],
}

/// `accounts.csv`.
pub const ACCOUNTS: Kind = Kind {
    file: "accounts.csv",
    columns: &[
        "account",
        "region",
        "area",
        "currency",
        "time_zone",
        "billing_day",
        "services",
        "credited",
    ],
    required: &["account", "area", "currency", "time_zone", "services"],
};

/// `outages.csv`.
pub const OUTAGES: Kind = Kind {
    file: "outages.csv",
    columns: &[
        "area",
        "services",
        "start",
        "end",
        "customers_affected",
        "cause",
    ],
    required: &["area", "services", "start"],
};

/// A checked header: where each of the file's columns is.
pub struct Header {
    /// The names as written (trimmed), by position.
    pub names: Vec<String>,
    /// The columns the batch ignores (with `--allow-extra-columns`).
    pub ignored: Vec<String>,
    /// The position of each of the kind's columns, in the kind's order.
    positions: Vec<Option<usize>>,
}

impl Header {
    /// The position of a column of the kind, if the header has it.
    pub fn find(&self, kind: &Kind, column: &str) -> Option<usize> {
        kind.columns
            .iter()
            .position(|&c| c == column)
            .and_then(|i| self.positions.get(i).copied().flatten())
    }

    /// The name of the column at `index`, for messages: `column 9` past the header.
    pub fn name(&self, index: usize) -> String {
        match self.names.get(index) {
            Some(name) if !name.is_empty() => name.clone(),
            _ => format!("column {}", index + 1),
        }
    }
}

/// Checks the header `names` (as read, trimmed) of the file at `path`, on `line`.
///
/// # Errors
/// Every problem with the header, one a line, each naming the file, the line, the
/// column and what to write instead.
pub fn check(
    path: &Path,
    line: u64,
    names: Vec<String>,
    kind: &Kind,
    allow_extra: bool,
) -> Result<Header, Failure> {
    let list = kind.columns.join(", ");
    let at = |column: usize| format!("{}: line {line}, column {}", path.display(), column + 1);
    let mut problems = Vec::new();
    let mut positions: Vec<Option<usize>> = vec![None; kind.columns.len()];
    for (i, name) in names.iter().enumerate() {
        let Some(known) = kind.columns.iter().position(|&c| c == name) else {
            continue;
        };
        match positions.get(known).copied().flatten() {
            Some(first) => problems.push(format!(
                "{}: `{name}` is also column {}; a column may appear once: remove one of them",
                at(i),
                first + 1
            )),
            None => {
                if let Some(slot) = positions.get_mut(known) {
                    *slot = Some(i);
                }
            }
        }
    }
    let mut ignored = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if kind.columns.contains(&name.as_str()) {
            continue;
        }
        let absent = |column: &&str| {
            kind.columns
                .iter()
                .position(|c| c == column)
                .and_then(|k| positions.get(k).copied().flatten())
                .is_none()
        };
        if let Some(meant) = near_miss(name, kind.columns, absent) {
            problems.push(format!(
                "{}: `{name}` is not a column of {}; did you mean `{meant}`? (the columns of \
                 {} are: {list})",
                at(i),
                kind.file,
                kind.file
            ));
        } else if !allow_extra {
            let what = if name.is_empty() {
                "the column has no name".to_owned()
            } else {
                format!("`{name}` is not a column of {}", kind.file)
            };
            problems.push(format!(
                "{}: {what} (the columns of {} are: {list}); remove it, or pass \
                 --allow-extra-columns to ignore the columns the batch does not read",
                at(i),
                kind.file
            ));
        } else if name.is_empty() {
            ignored.push(format!("column {} (no name)", i + 1));
        } else {
            ignored.push(format!("`{name}`"));
        }
    }
    for &required in kind.required {
        let index = kind.columns.iter().position(|&c| c == required);
        let missing = index
            .and_then(|k| positions.get(k).copied().flatten())
            .is_none();
        // A near miss of it is already reported, with the name to write.
        let reported = names
            .iter()
            .filter(|n| !kind.columns.contains(&n.as_str()))
            .any(|n| near_miss(n, &[required], |_| true).is_some());
        if missing && !reported {
            problems.push(format!(
                "{}: line {line}: the header has no `{required}` column (it has: {}); the \
                 columns of {} are: {list}, and {} must be there",
                path.display(),
                names.join(", "),
                kind.file,
                kind.required.join(", ")
            ));
        }
    }
    if !problems.is_empty() {
        return Err(Failure::input(problems.join("\nredress: ")));
    }
    Ok(Header {
        names,
        ignored,
        positions,
    })
}

/// The column `name` was most likely meant to be, among those `absent` from the header:
/// one it equals but for case, spaces, `_` and `-`, or one within a small edit distance
/// (2, or 1 for names of five letters or fewer, so that a short column of its own such
/// as `id` or `state` is not taken for `end` or `start`).
///
/// A name that equals a column but for case or separators is taken for it even when the
/// header has that column too: two spellings of one column cannot both be meant.
fn near_miss<'k>(
    name: &str,
    columns: &[&'k str],
    absent: impl Fn(&&str) -> bool,
) -> Option<&'k str> {
    let folded = fold(name);
    if let Some(&same) = columns.iter().find(|c| fold(c) == folded) {
        return Some(same);
    }
    if name.is_empty() {
        return None;
    }
    columns
        .iter()
        .filter(|c| absent(c))
        .filter_map(|&column| {
            let most = if column.chars().count() <= 5 { 1 } else { 2 };
            let distance = distance(name, column).min(distance(&folded, &fold(column)));
            (distance <= most).then_some((distance, column))
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, column)| column)
}

/// A name in lower case without spaces, `_` or `-`.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The edit distance between two names: the fewest characters inserted, removed,
/// replaced or swapped with the next (optimal string alignment).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut table = vec![0usize; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        table[at(i, 0)] = i;
    }
    for j in 0..=b.len() {
        table[at(0, j)] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (table[at(i - 1, j)] + 1)
                .min(table[at(i, j - 1)] + 1)
                .min(table[at(i - 1, j - 1)] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(table[at(i - 2, j - 2)] + 1);
            }
            table[at(i, j)] = best;
        }
    }
    table[at(a.len(), b.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        text.split(',').map(str::to_owned).collect()
    }

    fn outages(header: &str, allow: bool) -> Result<Header, String> {
        check(Path::new("o.csv"), 1, names(header), &OUTAGES, allow).map_err(|f| f.message)
    }

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        assert_eq!(distance("end", "end"), 0);
        assert_eq!(distance("edn", "end"), 1);
        assert_eq!(distance("custmers_affected", "customers_affected"), 1);
        assert_eq!(distance("id", "end"), 2);
        assert_eq!(distance("", "abc"), 3);
    }

    #[test]
    fn near_misses_name_the_column_meant() {
        for (header, meant) in [
            ("area,services,start,edn", "end"),
            ("area,services,start,End", "end"),
            (
                "area,services,start,end,custmers_affected",
                "customers_affected",
            ),
            (
                "area,services,start,end,Customers Affected",
                "customers_affected",
            ),
            (
                "area,services,start,end,customers-affected",
                "customers_affected",
            ),
            ("area,service,start", "services"),
        ] {
            let message = outages(header, true).err().unwrap_or_default();
            assert!(
                message.contains(&format!("did you mean `{meant}`?")),
                "{header}: {message}"
            );
        }
    }

    #[test]
    fn short_columns_of_its_own_are_extra_not_typos() {
        let header = outages("id,area,services,start,state,end", true).unwrap();
        assert_eq!(header.ignored, ["`id`", "`state`"]);
        let refused = outages("id,area,services,start,end", false).err().unwrap();
        assert!(
            refused.contains("`id` is not a column of outages.csv"),
            "{refused}"
        );
        assert!(refused.contains("--allow-extra-columns"), "{refused}");
    }

    #[test]
    fn a_near_miss_of_a_column_present_is_an_extra_column() {
        // `ends` is near `end`, but the header has `end`: it is a column of its own.
        let header = outages("area,services,start,end,ends", true).unwrap();
        assert_eq!(header.ignored, ["`ends`"]);
        // Other case or separators are never a column of their own.
        let refused = outages("area,services,start,end,END", true).err().unwrap();
        assert!(refused.contains("did you mean `end`?"), "{refused}");
    }

    #[test]
    fn every_problem_is_listed_each_with_its_column() {
        let message = outages("area,area,services,strat,x", false).err().unwrap();
        assert!(
            message.contains("line 1, column 2: `area` is also column 1"),
            "{message}"
        );
        assert!(
            message.contains(
                "line 1, column 4: `strat` is not a column of outages.csv; did you mean `start`?"
            ),
            "{message}"
        );
        assert!(
            message.contains("line 1, column 5: `x` is not a column"),
            "{message}"
        );
        assert!(!message.contains("no `start` column"), "{message}");
    }
}
