//! `redress batch --offer` and the `credited` column: what each account was offered or
//! received, beside what it is owed (`docs/batch.md`, "Offered versus owed").

use std::path::Path;

use redress::batch::{parse_credited, shortfall, Account, Batch, PolicyTotal};

use super::rows::Record;
use redress::policy::Policy;
use rust_decimal::Decimal;

use crate::input;
use crate::Failure;

/// The output's columns after the usual six when there is an offer or a `credited`
/// column.
pub const COLUMNS: [&str; 3] = ["offered", "credited", "shortfall"];

/// The path `--offer` names when it is a policy file: an existing file, or a name that
/// can only be a file's (one with a directory, or ending in `.toml` or `.json`), so that
/// a misspelt file is reported as a file, not as an unknown policy id. Catalog ids have
/// neither slashes nor dots.
pub fn offer_file(text: &str) -> Option<&Path> {
    let path = Path::new(text);
    let file_like = text.contains(['/', '\\', '.']);
    (path.is_file() || file_like).then_some(path)
}

/// The policy `--offer` names: a policy file read as `--policy-file` reads one, or a
/// catalog policy.
pub fn read_offer(text: &str) -> Result<Policy, Failure> {
    if let Some(path) = offer_file(text) {
        return input::read_policy_file(path).map_err(|mut failure| {
            failure.message = format!("--offer: {}", failure.message);
            failure
        });
    }
    redress::catalog::get(text).map_err(|e| {
        Failure::input(format!(
            "--offer: {e}; give a catalog id (`redress policies` lists them) or a policy file"
        ))
    })
}

/// An account's `credited` field, read (`None` without the column or when empty); a
/// bad value is the row's error.
pub fn credited(
    record: &Record<'_>,
    column: Option<usize>,
    currency: redress::Currency,
) -> Result<Option<Decimal>, String> {
    if column.is_none() {
        return Ok(None);
    }
    parse_credited(record.field(column)?, currency).map_err(|e| e.to_string())
}

/// What the offer gives an account, from what the batch gave for it: `None` without an
/// offer; zero where its area had no outage (nothing was offered).
pub fn offered(batch: &Batch, account: &Account, total: Option<PolicyTotal>) -> Option<Decimal> {
    batch.offer()?;
    Some(total.map_or_else(|| zero(account.currency), |t| t.total))
}

/// Zero in a currency's minor unit (`0.00` in USD).
pub fn zero(currency: redress::Currency) -> Decimal {
    let mut zero = Decimal::ZERO;
    zero.rescale(currency.minor_units());
    zero
}

/// What one account received, for its rows: what the offer gives it (when there is an
/// offer) and what it was credited (when its `credited` field says).
#[derive(Debug, Clone, Copy, Default)]
pub struct Received {
    pub offered: Option<Decimal>,
    pub credited: Option<Decimal>,
}

/// Ends a row just written to `out` (its `\n` last) with the three columns: for an
/// assessed row (`owed` its total) the offered, credited and shortfall figures, each
/// empty when unknown; for an error row (`owed` `None`) three empty fields.
pub fn end_row(out: &mut Vec<u8>, received: Received, owed: Option<Decimal>) {
    if out.last() == Some(&b'\n') {
        out.pop();
    }
    let short = owed.and_then(|owed| shortfall(owed, received.offered, received.credited));
    let received = owed.map_or(Received::default(), |_| received);
    for value in [received.offered, received.credited, short] {
        out.push(b',');
        if let Some(value) = value {
            // As the total is written: by hand, `Display` costing more than the row.
            super::write_decimal(out, value);
        }
    }
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Decimal> {
        s.parse().ok()
    }

    #[test]
    fn rows_end_with_the_three_columns() {
        let mut out = b"A-1,p,USD,8.00,true,\n".to_vec();
        let received = Received {
            offered: d("2.67"),
            credited: None,
        };
        end_row(&mut out, received, d("8.00"));
        // 8.00 − 2.67 = 5.33
        assert_eq!(out, b"A-1,p,USD,8.00,true,,2.67,,5.33\n");
        let mut out = b"A-1,p,USD,,,line 2: bad\n".to_vec();
        end_row(&mut out, received, None);
        assert_eq!(out, b"A-1,p,USD,,,line 2: bad,,,\n");
    }
}
