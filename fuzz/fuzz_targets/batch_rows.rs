//! The batch's row parsers and its assessment: any text, cut at line breaks into the
//! fields of two `outages.csv` rows (area, services, start, end, customers_affected,
//! cause) and then of `accounts.csv` rows (account, region, area, currency, time_zone,
//! billing_day, services), as the `redress batch` command hands them over after its
//! CSV reader. Each parsed account is assessed under every catalog policy, one at a
//! time and all together, and by the catalog's choice; the summary adds it up.
//!
//! Errors are fine; a panic or a hang is a bug. So is an account assessed twice by the
//! same batch with two answers (the second is priced by the first's shape), or a total
//! not written to its currency's minor unit.

#![no_main]

use libfuzzer_sys::fuzz_target;
use redress::batch::{
    parse_service_kinds, parse_services, Account, AccountFields, AreaOutage, Batch, OutageFields,
    OutageIndex, PolicyTotal, Summary,
};

/// Fields of at most this many account rows are read from one input.
const ACCOUNTS: usize = 3;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut fields = text.split('\n');
    let mut next = || fields.next().unwrap_or("");

    let as_of = chrono::DateTime::parse_from_rfc3339("2025-06-01T00:00:00Z").ok();
    let mut index = OutageIndex::new();
    for _ in 0..2 {
        let row = OutageFields {
            area: next(),
            services: next(),
            start: next(),
            end: next(),
            customers_affected: next(),
            cause: next(),
        };
        let _ = parse_service_kinds(row.services);
        // As the command reads them: a row that does not parse, or whose outage is
        // still going on at the batch's instant but starts after it, is refused.
        if let Ok(outage) = AreaOutage::parse(&row) {
            if outage.validate(as_of).is_ok() {
                index.insert(outage);
            }
        }
    }

    let mut accounts = Vec::new();
    let mut reused = Account::default();
    for _ in 0..ACCOUNTS {
        let row = AccountFields {
            account: next(),
            region: next(),
            area: next(),
            currency: next(),
            time_zone: next(),
            billing_day: next(),
            services: next(),
        };
        let _ = parse_services(row.services);
        let fresh = Account::parse(&row);
        // Parsing into a reused account gives what parsing afresh gives.
        let again = reused.parse_into(&row).map(|()| reused.clone());
        assert_eq!(
            fresh.as_ref().map_err(ToString::to_string),
            again.as_ref().map_err(ToString::to_string)
        );
        if let Ok(account) = fresh {
            accounts.push(account);
        }
    }
    if accounts.is_empty() {
        return;
    }

    let catalog = redress::catalog::all();
    let at = |batch: Batch| match as_of {
        Some(as_of) => batch.with_as_of(as_of),
        None => batch,
    };
    let mut batches = vec![
        at(Batch::new(catalog.clone(), index.clone())),
        at(Batch::selecting(index.clone())),
    ];
    for policy in &catalog {
        batches.push(at(Batch::new(vec![policy.clone()], index.clone())));
    }
    let mut summary = Summary::default();
    for batch in &mut batches {
        for account in &accounts {
            let first = batch.assess(account);
            let second = batch.assess(account);
            assert_eq!(
                first.as_ref().map_err(ToString::to_string),
                second.as_ref().map_err(ToString::to_string),
                "{account:?}"
            );
            match first {
                Ok(totals) => {
                    totals.iter().for_each(check_total);
                    summary.add(batch.outages(), &account.area, &totals);
                }
                Err(_) => summary.add_error(batch.outages(), &account.area, &[]),
            }
        }
    }
    let _ = summary.to_string();
    for policy in &catalog {
        for account in &accounts {
            let _ = summary.total(&policy.id, account.currency);
        }
    }
});

/// A total is written to its currency's minor unit, never fewer places.
fn check_total(total: &PolicyTotal) {
    assert_eq!(
        total.total.scale(),
        total.currency.minor_units(),
        "{total:?}"
    );
}
