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

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;

use crate::claim::{Adjustment, Claim};
use crate::claim_file::ClaimFile;
use crate::plan::ServiceKind;

/// How many calendar days after the letter's date a reply is asked for.
///
/// # Example
/// ```
/// assert_eq!(redress::letter::REPLY_WITHIN_DAYS, 14);
/// ```
pub const REPLY_WITHIN_DAYS: u32 = 14;

/// The width the letter's paragraphs are wrapped to.
const WIDTH: usize = 76;

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

/// Who is speaking in [`describe_incidents`]: the customer (the letter's "I
/// reported it", "my internet service") or a third party (a report's "reported
/// on", "the internet service").
///
/// # Example
/// ```
/// assert_ne!(redress::letter::Voice::Customer, redress::letter::Voice::Report);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Voice {
    /// The customer writes: "I reported it on …", "my internet service".
    #[default]
    Customer,
    /// A report about the customer: "Reported on …", "the internet service".
    Report,
}

/// What went wrong, one plain sentence per outage, missed appointment and late
/// activation, in the order of the claim file, with local times in the plan's zone.
///
/// # Example
/// ```
/// use redress::letter::{describe_incidents, Voice};
/// let file: redress::ClaimFile = toml::from_str(r#"
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
///     reported = "2024-10-01T07:15:00-04:00"
///     customers_affected = 250
/// "#)?;
/// let incidents = describe_incidents(&file, Voice::Report);
/// assert!(incidents[0].ends_with("Reported on Tuesday 1 October 2024, 07:15 EDT. The outage affected 250 customers."));
/// let incidents = describe_incidents(&file, Voice::Customer);
/// assert_eq!(
///     incidents[0],
///     "Internet and TV were out from Tuesday 1 October 2024, 06:00 EDT, until \
///      Thursday 3 October 2024, 11:00 EDT (53 hours). I reported it on Tuesday \
///      1 October 2024, 07:15 EDT. The outage affected 250 customers."
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn describe_incidents(claim_file: &ClaimFile, voice: Voice) -> Vec<String> {
    let zone = claim_file.plan.time_zone;
    let my = match voice {
        Voice::Customer => "my",
        Voice::Report => "the",
    };
    let mut incidents = Vec::new();
    for outage in &claim_file.outages {
        let services = services_text(&outage.services);
        let plural = outage.services.len() > 1;
        let (were, lost) = match (plural, outage.degraded) {
            (true, false) => ("were", "out"),
            (false, false) => ("was", "out"),
            (true, true) => ("were", "impaired (not fully lost)"),
            (false, true) => ("was", "impaired (not fully lost)"),
        };
        let mut text = match outage.end {
            Some(end) => format!(
                "{services} {were} {lost} from {}, until {} ({}).",
                when(outage.start, zone),
                when(end, zone),
                duration_text(end.with_timezone(&Utc) - outage.start.with_timezone(&Utc))
            ),
            None => {
                let since = format!("{services} {were} {lost} from {}", when(outage.start, zone));
                match claim_file.as_of {
                    Some(as_of) => format!(
                        "{since} and {} still {lost} on {} ({} so far).",
                        if plural { "were" } else { "was" },
                        when(as_of, zone),
                        duration_text(as_of.with_timezone(&Utc) - outage.start.with_timezone(&Utc))
                    ),
                    None => format!("{since}, and {were} still {lost}."),
                }
            }
        };
        if let Some(reported) = outage.reported {
            let _ = match voice {
                Voice::Customer => write!(text, " I reported it on {}.", when(reported, zone)),
                Voice::Report => write!(text, " Reported on {}.", when(reported, zone)),
            };
        }
        if let Some(n) = outage.customers_affected {
            let _ = write!(
                text,
                " The outage affected {} customer{}.",
                thousands(n),
                if n == 1 { "" } else { "s" }
            );
        }
        incidents.push(text);
    }
    for appointment in &claim_file.appointments {
        let what = if appointment.services.is_empty() {
            String::new()
        } else {
            format!(
                " for {my} {} service",
                services_text(&appointment.services).to_lowercase_first()
            )
        };
        incidents.push(format!(
            "The engineer appointment{what} booked for {} was missed or cancelled at short notice.",
            long_date(appointment.date)
        ));
    }
    for activation in &claim_file.activations {
        let services = services_text(&activation.services);
        let services = if services.is_empty() {
            "The service".to_owned()
        } else {
            let mut text = format!("{my} {} service", services.to_lowercase_first());
            if let Some(first) = text.get(0..1) {
                let upper = first.to_uppercase();
                text.replace_range(0..1, &upper);
            }
            text
        };
        let text = match activation.delivered {
            Some(delivered) => format!(
                "{services} was promised for {} and went live on {}.",
                long_date(activation.promised),
                long_date(delivered)
            ),
            None => format!(
                "{services} was promised for {} and was not yet live{}.",
                long_date(activation.promised),
                match claim_file.as_of {
                    Some(as_of) => format!(" on {}", long_date(local_day(as_of, zone))),
                    None => String::new(),
                }
            ),
        };
        incidents.push(text);
    }
    incidents
}

/// Renders the claim letter.
///
/// The letter is from the customer in `claim_file` to its provider, dated `today`.
/// It lists the incidents, then, for every claim with something owed, the rule
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
    let customer = claim_file.customer.as_ref();
    let detail = |value: Option<&String>, placeholder: &str| -> String {
        match value {
            Some(v) if !v.trim().is_empty() => v.trim().to_owned(),
            _ => placeholder.to_owned(),
        }
    };
    let name = detail(customer.and_then(|c| c.name.as_ref()), "[your name]");
    let address = detail(customer.and_then(|c| c.address.as_ref()), "[your address]");
    let account = detail(
        customer.and_then(|c| c.account.as_ref()),
        "[your account number]",
    );
    let provider = detail(claim_file.plan.provider.as_ref(), "[your provider]");

    let mut out = String::new();
    // Sender, date, recipient, reference.
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
    let plan = match claim_file.plan.name.as_deref().map(str::trim) {
        Some(plan) if !plan.is_empty() => format!(" ({plan})"),
        _ => String::new(),
    };
    let at = if address.starts_with('[') {
        String::new()
    } else {
        format!(" at {address}")
    };
    fill(
        &mut out,
        "",
        "",
        &format!(
            "I am writing about failures of the service on my account{plan}{at}, \
             and the compensation they entitle me to."
        ),
    );
    let _ = writeln!(out);

    // The incidents.
    let incidents = describe_incidents(claim_file, Voice::Customer);
    if !incidents.is_empty() {
        let _ = writeln!(out, "What happened");
        let _ = writeln!(out);
        for (i, incident) in incidents.iter().enumerate() {
            let number = format!("  {}. ", i + 1);
            let rest = " ".repeat(number.chars().count());
            fill(&mut out, &number, &rest, incident);
        }
        let _ = writeln!(out);
    }

    // What is owed, rule by rule.
    let owed: Vec<&Claim> = claims.iter().filter(|c| !c.total.is_zero()).collect();
    let _ = writeln!(out, "What I am owed");
    let _ = writeln!(out);
    if owed.is_empty() {
        let rules: Vec<String> = claims.iter().map(rule_name).collect();
        let checked = if rules.is_empty() {
            "The rules I have checked set no fixed amount for these failures.".to_owned()
        } else {
            format!(
                "The rules I have checked ({}) set no fixed amount for these failures.",
                rules.join("; ")
            )
        };
        fill(
            &mut out,
            "",
            "",
            &format!(
                "{checked} I nevertheless ask you to tell me what credit you will apply \
                 to my account for the time I was without the service I pay for."
            ),
        );
        let _ = writeln!(out);
    }
    for claim in &owed {
        write_claim(&mut out, claim, today);
    }
    if owed.len() > 1 {
        if let Some(best) = owed.iter().max_by_key(|c| c.total) {
            fill(
                &mut out,
                "",
                "",
                &format!(
                    "These amounts are worked out under separate rules. Where they \
                     compensate the same loss, I ask for the larger: {} {} under {}.",
                    best.total,
                    best.currency,
                    rule_name(best)
                ),
            );
            let _ = writeln!(out);
        }
    }

    // The reply.
    fill(
        &mut out,
        "",
        "",
        &format!(
            "Please reply by {}, {REPLY_WITHIN_DAYS} days from the date of this letter, \
             confirming the amount and when it will be credited or paid. If I do not \
             receive a satisfactory reply by then, I will take the matter further, \
             including to the regulator or ombudsman.",
            long_date(reply_by(today))
        ),
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "Yours faithfully,");
    let _ = writeln!(out);
    let _ = writeln!(out);
    let _ = writeln!(out, "{name}");
    out
}

/// One rule's section: the rule, its citation, the lines with arithmetic, the
/// total and how it is paid.
fn write_claim(out: &mut String, claim: &Claim, today: NaiveDate) {
    fill(out, "Rule:   ", "        ", &rule_name(claim));
    if !claim.citation.trim().is_empty() {
        fill(out, "Source: ", "        ", claim.citation.trim());
    }
    let _ = writeln!(out);
    let mut number = 0;
    for line in claim.lines.iter() {
        if line.amount.is_zero() && line.adjustments.is_empty() {
            continue;
        }
        number += 1;
        let lead = format!("  {number}. ");
        let rest = " ".repeat(lead.chars().count());
        fill(out, &lead, &rest, &line.description.to_string());
        let basis = line.basis.to_string();
        let mut arithmetic = String::new();
        if line.unrounded == line.amount {
            // A fixed sum reads "31.19 GBP", not "31.19 = 31.19 GBP".
            if basis != line.amount.to_string() && basis != line.amount.normalize().to_string() {
                let _ = write!(arithmetic, "{basis} = ");
            }
            let _ = write!(arithmetic, "{}", line.amount);
        } else {
            let _ = write!(arithmetic, "{basis} = ");
            let _ = write!(arithmetic, "{}", line.unrounded.normalize());
            if line.adjustments.is_empty() {
                let _ = write!(arithmetic, ", rounded to {}", line.amount);
            }
        }
        let _ = write!(arithmetic, " {}", claim.currency);
        fill(out, &rest, &rest, &arithmetic);
        for adjustment in &line.adjustments {
            let text = match adjustment {
                Adjustment::Capped { before, cap } => format!(
                    "capped: {} brought down to the cap of {cap}, so {} {}",
                    before.normalize(),
                    line.amount,
                    claim.currency
                ),
                Adjustment::BelowMinimum { before, more_than } => format!(
                    "not paid: {} is not more than the minimum of {more_than}",
                    before.normalize()
                ),
            };
            fill(out, &rest, &rest, &text);
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "  Total: {} {}", claim.total, claim.currency);
    let _ = writeln!(out);

    let on_request = claim.on_request_total();
    let automatic_part = claim.total.checked_sub(on_request).unwrap_or_default();
    let amount = |value: Decimal| format!("{} {}", rescaled(value, claim), claim.currency);
    let mut how = String::new();
    if claim.automatic {
        let _ = write!(
            how,
            "This compensation is due automatically, without a request. Please confirm \
             that {} will be credited to my account, and on which bill.",
            amount(claim.total)
        );
    } else {
        if !automatic_part.is_zero() {
            let _ = write!(
                how,
                "Of this, {} is due automatically; please confirm it will be credited \
                 to my account. ",
                amount(automatic_part)
            );
        }
        let _ = write!(
            how,
            "I hereby claim {} under this rule.",
            if automatic_part.is_zero() {
                "this amount".to_owned()
            } else {
                format!("the remaining {}", amount(on_request))
            }
        );
        if let Some(deadline) = claim.earliest_deadline() {
            if deadline >= today {
                let _ = write!(
                    how,
                    " The rule requires claims by {}; this letter is sent within that time.",
                    long_date(deadline)
                );
            } else {
                let _ = write!(
                    how,
                    " I note that the rule's claim deadline was {}; I ask you to honour \
                     the claim nonetheless.",
                    long_date(deadline)
                );
            }
        }
    }
    fill(out, "", "", &how);
    let _ = writeln!(out);
}

fn rescaled(value: Decimal, claim: &Claim) -> Decimal {
    let mut value = value;
    value.rescale(claim.currency.minor_units());
    value
}

/// The claim's policy title, falling back to its id.
fn rule_name(claim: &Claim) -> String {
    let title = claim.title.trim();
    if title.is_empty() || title == claim.policy {
        format!("the policy `{}`", claim.policy)
    } else {
        title.to_owned()
    }
}

/// Writes `text` wrapped at [`WIDTH`], the first line after `first`, the others after `rest`.
fn fill(out: &mut String, first: &str, rest: &str, text: &str) {
    let mut line = String::from(first);
    let mut empty = true;
    for word in text.split_whitespace() {
        let fits = line.chars().count() + 1 + word.chars().count() <= WIDTH;
        if !empty && !fits {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(rest);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    if !empty {
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

trait LowercaseFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowercaseFirst for String {
    /// "Internet and TV" → "internet and TV" (acronyms such as TV are kept).
    fn to_lowercase_first(&self) -> String {
        let mut chars = self.chars();
        match chars.next() {
            Some(first) if !self.starts_with("TV") => {
                first.to_lowercase().collect::<String>() + chars.as_str()
            }
            _ => self.clone(),
        }
    }
}

/// "Internet", "Internet and TV", "Internet, phone and TV".
fn services_text(services: &[ServiceKind]) -> String {
    let names: Vec<String> = services
        .iter()
        .map(|s| match s {
            ServiceKind::Tv => "TV".to_owned(),
            other => other.as_str().to_owned(),
        })
        .collect();
    let joined = match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => joined,
    }
}

fn local_day(instant: DateTime<FixedOffset>, zone: Tz) -> NaiveDate {
    instant.with_timezone(&zone).date_naive()
}

/// "Tuesday 1 October 2024, 06:00 EDT".
fn when(instant: DateTime<FixedOffset>, zone: Tz) -> String {
    instant
        .with_timezone(&zone)
        .format("%A %-d %B %Y, %H:%M %Z")
        .to_string()
}

/// "1 October 2024".
fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// "53 hours", "6 hours 30 minutes", "4 days 2 hours".
fn duration_text(delta: TimeDelta) -> String {
    let minutes = delta.num_minutes().max(0);
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    let unit = |n: i64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    if minutes >= 72 * 60 {
        parts.push(unit(days, "day"));
        if hours > 0 {
            parts.push(unit(hours, "hour"));
        }
    } else {
        let hours = minutes / 60;
        if hours > 0 {
            parts.push(unit(hours, "hour"));
        }
        if mins > 0 || hours == 0 {
            parts.push(unit(mins, "minute"));
        }
    }
    parts.join(" ")
}

/// 4200 → "4,200".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim_file::Customer;

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
        file.as_of = chrono::DateTime::parse_from_rfc3339("2024-10-02T06:30:00-04:00").ok();
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

    #[test]
    fn durations_and_counts_read_naturally() {
        assert_eq!(duration_text(TimeDelta::minutes(50)), "50 minutes");
        assert_eq!(duration_text(TimeDelta::minutes(390)), "6 hours 30 minutes");
        assert_eq!(duration_text(TimeDelta::hours(53)), "53 hours");
        assert_eq!(duration_text(TimeDelta::hours(161)), "6 days 17 hours");
        assert_eq!(thousands(182000), "182,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(services_text(&[ServiceKind::Tv]), "TV");
        assert_eq!(
            services_text(&[ServiceKind::Internet, ServiceKind::Phone, ServiceKind::Tv]),
            "Internet, phone and TV"
        );
    }
}
