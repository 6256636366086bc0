//! A claim letter: from the customer to the provider, setting out what went
//! wrong, the rule that grants the credit, the amount with its arithmetic, and
//! the date by which a reply is expected.
//!
//! [`letter`] is pure text rendering: it reads a [`ClaimFile`] (for the
//! customer's details and the incidents) and the [`Claim`]s assessed from it,
//! and returns the letter as plain text, wrapped at 76 columns, ready to paste
//! into an email or print. Missing details (name, address, account, provider)
//! are left as bracketed placeholders for the customer to fill in; see
//! [`missing_details`].
//!
//! # The reply-by date
//!
//! The letter asks for a reply within [`REPLY_WITHIN_DAYS`] (14) calendar days of
//! its date. This is a documented choice, not a legal deadline: 14 days is the
//! "reasonable time" consumer advice commonly suggests naming in a first letter,
//! short enough to keep a claim moving and well inside the escalation periods of
//! regulators and ombudsmen (eight weeks in the UK, for example). A policy's own
//! claim deadline, when it has one, is stated separately in the letter.

mod claims;
mod incidents;
mod phrases;
mod wrap;

use std::fmt::Write as _;

use chrono::{NaiveDate, TimeDelta};

use crate::claim::Claim;
use crate::claim_file::ClaimFile;

pub use incidents::{describe_incidents, Voice};

use phrases::long_date;
use wrap::{fill, paragraph};

/// How many calendar days after the letter's date a reply is asked for.
///
/// # Example
/// ```
/// assert_eq!(redress::letter::REPLY_WITHIN_DAYS, 14);
/// ```
pub const REPLY_WITHIN_DAYS: u32 = 14;

/// The date by which the letter asks for a reply: [`REPLY_WITHIN_DAYS`] after `today`.
///
/// At the very end of chrono's calendar, where no later date exists, `today` itself.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// let today = NaiveDate::from_ymd_opt(2025, 3, 20).unwrap();
/// assert_eq!(redress::letter::reply_by(today), NaiveDate::from_ymd_opt(2025, 4, 3).unwrap());
/// ```
pub fn reply_by(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_signed(TimeDelta::days(i64::from(REPLY_WITHIN_DAYS)))
        .unwrap_or(today)
}

/// The customer details a letter needs that the claim file lacks, by their
/// claim-file names (`customer.name`, `customer.address`, `customer.account`,
/// `plan.provider`). The letter leaves a bracketed placeholder for each.
///
/// # Example
/// ```
/// let file: redress::ClaimFile = toml::from_str(r#"
///     [customer]
///     name = "Jordan Smith"
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
/// "#)?;
/// assert_eq!(
///     redress::letter::missing_details(&file),
///     vec!["customer.address", "customer.account", "plan.provider"]
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn missing_details(claim_file: &ClaimFile) -> Vec<&'static str> {
    let customer = claim_file.customer.as_ref();
    let given = |field: Option<&String>| field.is_some_and(|s| !s.trim().is_empty());
    let mut missing = Vec::new();
    if !given(customer.and_then(|c| c.name.as_ref())) {
        missing.push("customer.name");
    }
    if !given(customer.and_then(|c| c.address.as_ref())) {
        missing.push("customer.address");
    }
    if !given(customer.and_then(|c| c.account.as_ref())) {
        missing.push("customer.account");
    }
    if !given(claim_file.plan.provider.as_ref()) {
        missing.push("plan.provider");
    }
    missing
}

/// The claims a letter leaves out, and why, as `(policy id, reason)`: those whose
/// policy cannot apply to the plan ([`Claim::not_applicable`]) or does not reach the
/// customer ([`Claim::not_for_customer`]: another region, another provider's own
/// terms). [`letter`] cites none of them; a caller tells the customer which it left out.
///
/// # Example
/// ```
/// let file: redress::ClaimFile = toml::from_str(r#"
///     policies = ["us-ny-psc-outage-credit", "us-nj-cable"]
///     [customer]
///     region = "US-NY"
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[plan.services]]
///     kind = "tv"
///     monthly_price = "60.00"
///     [[outages]]
///     services = ["tv"]
///     start = "2024-10-01T06:00:00-04:00"
///     end = "2024-10-03T11:00:00-04:00"
/// "#)?;
/// let claims = redress::assess_file(&file)?;
/// let today = chrono::NaiveDate::from_ymd_opt(2024, 10, 5).unwrap();
/// let text = redress::letter::letter(&file, &claims, today);
/// assert!(!text.contains("N.J.A.C."), "{text}");
/// assert_eq!(
///     redress::letter::left_out(&claims),
///     vec![("us-nj-cable", "not the customer's region: this rule is New Jersey's (US-NJ); the customer is in US-NY")]
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn left_out(claims: &[Claim]) -> Vec<(&str, &str)> {
    claims
        .iter()
        .filter_map(|c| {
            c.not_applicable
                .as_deref()
                .or(c.not_for_customer.as_deref())
                .map(|why| (c.policy.as_str(), why))
        })
        .collect()
}

/// Renders the claim letter.
///
/// The letter is from the customer in `claim_file` to its provider, dated `today`.
/// It lists the incidents, then, for every claim that applies to the customer
/// ([`Claim::applies`]; [`left_out`] lists the others) with something owed, the rule
/// and its citation, each line with its arithmetic, and the total; it says
/// whether the credit is due automatically (and asks the provider to confirm it)
/// or is claimed by this letter (with the policy's claim deadline, if any); and it
/// asks for a reply by [`reply_by`]`(today)`. When several rules grant amounts, the
/// letter sets each out and asks for the larger where they cover the same loss,
/// never adding them up. When nothing is owed under any rule, the letter still
/// sets out the incidents and asks the provider what credit it will apply.
///
/// Claims are expected to come from `claim_file` (their line descriptions are
/// reused as they are).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// let file: redress::ClaimFile = toml::from_str(r#"
///     policies = ["us-ny-psc-outage-credit"]
///     [customer]
///     name = "Jordan Smith"
///     account = "8350 1234 5678"
///     address = "12 Main St, Rochester, NY 14604"
///     region = "US-NY"
///     [plan]
///     provider = "Spectrum"
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "79.99"
///     [[plan.services]]
///     kind = "tv"
///     monthly_price = "65.00"
///     [[outages]]
///     services = ["internet", "tv"]
///     start = "2024-10-01T06:00:00-04:00"
///     end = "2024-10-03T11:00:00-04:00"
///     customers_affected = 250
/// "#)?;
/// let claims = redress::assess_file(&file)?;
/// let today = NaiveDate::from_ymd_opt(2024, 10, 5).unwrap();
/// let text = redress::letter::letter(&file, &claims, today);
/// assert!(text.starts_with("Jordan Smith\n12 Main St, Rochester, NY 14604\n"));
/// assert!(text.contains("Total: 14.50 USD"));
/// assert!(text.contains("3 started 24h blocks × 79.99 / 30 = 7.999, rounded to 8.00 USD"));
/// assert!(text.contains("Please reply by 19 October 2024,"));
/// assert!(text.trim_end().ends_with("Jordan Smith"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn letter(claim_file: &ClaimFile, claims: &[Claim], today: NaiveDate) -> String {
    letter_after(claim_file, claims, &[], today)
}

/// [`letter`] for a customer who has already received credits (`Case::received`): under
/// each rule cited it says what was received (date, amount, what for) and asks for the
/// balance still owed ([`crate::balance()`]), or says nothing more is owed under it.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// let file: redress::ClaimFile = toml::from_str(r#"
///     policies = ["us-ny-psc-outage-credit"]
///     [customer]
///     region = "US-NY"
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "79.99"
///     [[plan.services]]
///     kind = "tv"
///     monthly_price = "65.00"
///     [[outages]]
///     services = ["internet", "tv"]
///     start = "2024-10-01T06:00:00-04:00"
///     end = "2024-10-03T11:00:00-04:00"
///     customers_affected = 250
///     [[credits_received]]
///     amount = "5.00"
///     date = "2024-10-10"
///     for = "goodwill credit"
/// "#)?;
/// let case = redress::Case::from_file(&file)?;
/// let claims = redress::assess_file(&file)?;
/// let today = NaiveDate::from_ymd_opt(2024, 10, 12).unwrap();
/// let text = redress::letter::letter_after(&file, &claims, case.received(), today);
/// // 14.50 owed − 5.00 received = 9.50.
/// assert!(text.contains("9.50 USD"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn letter_after(
    claim_file: &ClaimFile,
    claims: &[Claim],
    received: &[crate::case::Received],
    today: NaiveDate,
) -> String {
    let details = Details::of(claim_file);
    let mut out = String::new();
    write_heading(&mut out, &details, today);
    write_opening(&mut out, claim_file, &details);
    write_incidents(&mut out, claim_file);
    claims::write_owed(&mut out, claims, received, today);
    write_reply(&mut out, &details.name, today);
    out
}

/// The customer's details as the letter writes them: each as given, or a bracketed
/// placeholder for the customer to fill in.
struct Details {
    name: String,
    address: String,
    account: String,
    provider: String,
}

impl Details {
    fn of(claim_file: &ClaimFile) -> Details {
        let customer = claim_file.customer.as_ref();
        let detail = |value: Option<&String>, placeholder: &str| -> String {
            match value {
                Some(v) if !v.trim().is_empty() => v.trim().to_owned(),
                _ => placeholder.to_owned(),
            }
        };
        Details {
            name: detail(customer.and_then(|c| c.name.as_ref()), "[your name]"),
            address: detail(customer.and_then(|c| c.address.as_ref()), "[your address]"),
            account: detail(
                customer.and_then(|c| c.account.as_ref()),
                "[your account number]",
            ),
            provider: detail(claim_file.plan.provider.as_ref(), "[your provider]"),
        }
    }
}

/// Sender, date, recipient, reference and salutation.
fn write_heading(out: &mut String, details: &Details, today: NaiveDate) {
    let Details {
        name,
        address,
        account,
        provider,
    } = details;
    let _ = writeln!(out, "{name}");
    let _ = writeln!(out, "{address}");
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", long_date(today));
    let _ = writeln!(out);
    let _ = writeln!(out, "To: {provider}, customer service");
    let _ = writeln!(out);
    let _ = writeln!(out, "Account number: {account}");
    let _ = writeln!(
        out,
        "Subject: Compensation for loss of service, account {account}"
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "Dear Sir or Madam,");
    let _ = writeln!(out);
}

/// What the letter is about: the account, its plan and address where known.
fn write_opening(out: &mut String, claim_file: &ClaimFile, details: &Details) {
    let plan = match claim_file.plan.name.as_deref().map(str::trim) {
        Some(plan) if !plan.is_empty() => format!(" ({plan})"),
        _ => String::new(),
    };
    let at = if details.address.starts_with('[') {
        String::new()
    } else {
        format!(" at {}", details.address)
    };
    paragraph(
        out,
        &format!(
            "I am writing about failures of the service on my account{plan}{at}, \
             and the compensation they entitle me to."
        ),
    );
}

/// "What happened": the incidents, numbered, in the customer's voice.
fn write_incidents(out: &mut String, claim_file: &ClaimFile) {
    let incidents = describe_incidents(claim_file, Voice::Customer);
    if incidents.is_empty() {
        return;
    }
    let _ = writeln!(out, "What happened");
    let _ = writeln!(out);
    for (i, incident) in incidents.iter().enumerate() {
        let number = format!("  {}. ", i + 1);
        let rest = " ".repeat(number.chars().count());
        fill(out, &number, &rest, incident);
    }
    let _ = writeln!(out);
}

/// The reply asked for by [`reply_by`], and the signature.
fn write_reply(out: &mut String, name: &str, today: NaiveDate) {
    paragraph(
        out,
        &format!(
            "Please reply by {}, {REPLY_WITHIN_DAYS} days from the date of this letter, \
             confirming the amount and when it will be credited or paid. If I do not \
             receive a satisfactory reply by then, I will take the matter further, \
             including to the regulator or ombudsman.",
            long_date(reply_by(today))
        ),
    );
    let _ = writeln!(out, "Yours faithfully,");
    let _ = writeln!(out);
    let _ = writeln!(out);
    let _ = writeln!(out, "{name}");
}

#[cfg(test)]
mod tests {
    use super::wrap::WIDTH;
    use super::*;
    use crate::claim_file::Customer;
    use crate::plan::ServiceKind;
    use rust_decimal::Decimal;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The text with every run of whitespace made one space, so checks ignore wrapping.
    fn flat(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn full_file() -> ClaimFile {
        let (mut file, _) = crate::test_support::ny_like();
        file.customer = Some(Customer {
            name: Some("Jordan Smith".into()),
            account: Some("8350 1234 5678".into()),
            address: Some("12 Main St, Rochester, NY 14604".into()),
            region: Some("US-NY".into()),
            ..Default::default()
        });
        file.plan.provider = Some("Spectrum".into());
        file.plan.name = Some("Internet Premier + TV Select".into());
        file
    }

    #[test]
    fn a_letter_has_sender_date_recipient_incidents_rule_amount_reply_and_signature() {
        let mut claim = crate::test_support::ny_like_claim().unwrap();
        claim.citation = "NY PSC Case 22-M-0180".into();
        let raw = letter(&full_file(), &[claim], date(2024, 10, 5));
        assert!(raw.starts_with("Jordan Smith\n12 Main St, Rochester, NY 14604\n"));
        assert!(raw.lines().all(|l| l.chars().count() <= WIDTH), "{raw}");
        let text = flat(&raw);
        let order = [
            "5 October 2024",
            "To: Spectrum, customer service",
            "Account number: 8350 1234 5678",
            "on my account (Internet Premier + TV Select) at 12 Main St",
            "What happened",
            "Internet and TV were out from Tuesday 1 October 2024, 06:00 EDT",
            "What I am owed",
            "Rule: 1/30 per started 24 hours Source: NY PSC Case 22-M-0180",
            "3 started 24h blocks × 79.99 / 30 = 7.999, rounded to 8.00 USD",
            "3 started 24h blocks × 65.00 / 30 = 6.50 USD",
            "Total: 14.50 USD",
            "due automatically",
            "Please reply by 19 October 2024, 14 days from the date of this letter",
            "Yours faithfully,",
        ];
        let mut from = 0;
        for part in order {
            let at = text[from..]
                .find(part)
                .unwrap_or_else(|| panic!("missing or out of order: {part:?}\n{text}"));
            from += at + part.len();
        }
        assert!(text.ends_with("Yours faithfully, Jordan Smith"));
    }

    #[test]
    fn missing_details_become_placeholders() {
        let (file, _) = crate::test_support::ny_like();
        let text = letter(
            &file,
            &[crate::test_support::ny_like_claim().unwrap()],
            date(2024, 10, 5),
        );
        assert!(text.starts_with("[your name]\n[your address]\n"));
        assert!(text.contains("To: [your provider], customer service"));
        assert!(text.contains("Account number: [your account number]"));
        assert!(!text.contains(" at [your address]"));
    }

    #[test]
    fn a_claim_owed_on_request_is_claimed_with_its_deadline() {
        let mut claim = crate::test_support::ny_like_claim().unwrap();
        for line in &mut claim.lines {
            line.automatic = false;
            line.deadline = Some(date(2024, 11, 30));
        }
        claim.automatic = false;
        let text = flat(&letter(&full_file(), &[claim.clone()], date(2024, 10, 5)));
        assert!(
            text.contains("I hereby claim this amount under this rule."),
            "{text}"
        );
        assert!(
            text.contains("The rule requires claims by 30 November 2024"),
            "{text}"
        );
        let late = flat(&letter(&full_file(), &[claim], date(2024, 12, 5)));
        assert!(
            late.contains("claim deadline was 30 November 2024"),
            "{late}"
        );
    }

    #[test]
    fn several_rules_are_set_out_and_the_larger_asked_for_never_the_sum() {
        let a = crate::test_support::ny_like_claim().unwrap();
        let mut b = crate::test_support::ny_like_claim().unwrap();
        b.policy = "other".into();
        b.title = "Other rule".into();
        b.lines.truncate(1);
        b.total = b.lines[0].amount;
        let text = flat(&letter(&full_file(), &[b, a], date(2024, 10, 5)));
        assert!(text.contains("Total: 8.00 USD"));
        assert!(text.contains("Total: 14.50 USD"));
        assert!(
            text.contains("I ask for the larger: 14.50 USD under 1/30 per started 24 hours."),
            "{text}"
        );
        assert!(!text.contains("22.50"));
    }

    #[test]
    fn nothing_owed_still_sets_out_the_incidents_and_asks_what_credit_applies() {
        let mut claim = crate::test_support::ny_like_claim().unwrap();
        claim.lines.clear();
        claim.total = Decimal::new(0, 2);
        let text = flat(&letter(&full_file(), &[claim], date(2024, 10, 5)));
        assert!(text.contains("What happened"));
        assert!(text.contains("set no fixed amount"), "{text}");
        assert!(text.contains("what credit you will apply"));
        assert!(!text.contains("Total:"));
    }

    #[test]
    fn incidents_cover_ongoing_outages_appointments_and_activations() {
        let mut file = full_file();
        file.outages[0].end = None;
        file.outages[0].services.truncate(1);
        file.as_of = chrono::DateTime::parse_from_rfc3339("2024-10-02T06:30:00-04:00")
            .ok()
            .map(Into::into);
        file.appointments.push(crate::Appointment {
            date: date(2024, 10, 2),
            services: vec![ServiceKind::Tv],
        });
        file.activations.push(crate::Activation {
            services: vec![ServiceKind::Internet],
            promised: date(2024, 9, 2),
            delivered: Some(date(2024, 9, 5)),
        });
        let incidents = describe_incidents(&file, Voice::Customer);
        assert_eq!(
            incidents[0],
            "Internet was out from Tuesday 1 October 2024, 06:00 EDT and was still out on \
             Wednesday 2 October 2024, 06:30 EDT (24 hours 30 minutes so far). The outage \
             affected 250 customers."
        );
        assert_eq!(
            incidents[1],
            "The engineer appointment for my TV service booked for 2 October 2024 was missed \
             or cancelled at short notice."
        );
        assert_eq!(
            incidents[2],
            "My internet service was promised for 2 September 2024 and went live on 5 September 2024."
        );
    }

    #[test]
    fn a_fixed_sum_is_not_written_as_an_equation() {
        let mut claim = crate::test_support::ny_like_claim().unwrap();
        claim.lines.truncate(1);
        let amount = Decimal::new(3119, 2);
        claim.lines[0].basis = crate::claim::Basis::Fixed {
            amount: crate::claim::Figure::Fixed { amount },
        };
        claim.lines[0].unrounded = amount;
        claim.lines[0].amount = amount;
        claim.total = amount;
        let text = letter(&full_file(), &[claim], date(2024, 10, 5));
        assert!(text.contains("\n     31.19 USD\n"), "{text}");
    }
    /// A claim file's times written without offsets tell the same story as the exact
    /// instants: each is read in the plan's zone (New York, -04:00 in October). A time
    /// that names no instant there (a date alone) is shown as written, never panics.
    #[test]
    fn incidents_read_local_times_in_the_plans_zone() {
        let exact = full_file();
        let mut local = exact.clone();
        let zone = local.plan.time_zone;
        let wall = |t: &crate::civil::When| {
            crate::civil::When::Local(t.instant_in(zone).unwrap().naive_local())
        };
        for outage in &mut local.outages {
            outage.start = wall(&outage.start);
            outage.end = outage.end.as_ref().map(wall);
            outage.reported = outage.reported.as_ref().map(wall);
        }
        local.as_of = local.as_of.as_ref().map(wall);
        assert_ne!(local, exact);
        let told = describe_incidents(&exact, Voice::Customer);
        assert!(
            told[0].contains("from Tuesday 1 October 2024, 06:00 EDT"),
            "{told:?}"
        );
        assert_eq!(describe_incidents(&local, Voice::Customer), told);
        local.outages[0].end = Some(crate::civil::When::Date(date(2024, 10, 3)));
        let told = describe_incidents(&local, Voice::Customer);
        assert!(told[0].contains("until 2024-10-03."), "{told:?}");
    }
}
