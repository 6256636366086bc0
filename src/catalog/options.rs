//! Reading options chosen in data: for each catalog policy, the readings its `_with`
//! function can take, each a kebab-case name with kebab-case word values, so a claim file
//! (`[options.rogers-2022]` then `month = "30-days"`), a command-line flag or an
//! application can choose another reading by name.
//!
//! Options are readings of a rule's text, not facts about the claim: what a deployment
//! was (Azure's), how severe a storm was (Ofgem's category), where the customer lives
//! (the CSG's urban, rural or remote; Victoria's feeder), how many towers failed
//! (AT&T's) are facts, left to the `_with` functions until the claim file states them.
//!
//! Names and values are matched exactly, as written here; a near miss is refused with
//! the nearest name and the list.

use crate::case::Case;
use crate::claim_file::ChosenOptions;
use crate::error::{Error, FieldPath, Result};
use crate::policy::{Assumption, Counting, Policy};
use crate::suggest::nearest;

use super::{au, contracts, de, es, gb, it, pt, us};

/// One reading option of a catalog policy: its name, the words it takes, the one the
/// catalog takes by default, and what it decides.
///
/// # Example
/// ```
/// let month = &redress::catalog::reading_options("rogers-2022")[0];
/// assert_eq!((month.name, month.default), ("month", "calendar-month"));
/// assert!(month.values.contains(&"30-days"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadingOption {
    /// The option's name, kebab-case (`month`).
    pub name: &'static str,
    /// The words it takes, kebab-case, the default first.
    pub values: &'static [&'static str],
    /// The catalog's reading, one of `values`.
    pub default: &'static str,
    /// What it decides, in one line.
    pub meaning: &'static str,
}

/// A registry entry: a policy id, its options, and how it is built from chosen words.
struct Entry {
    id: &'static str,
    options: &'static [ReadingOption],
    build: fn(&Chosen<'_>) -> Policy,
}

/// The words chosen for one policy, checked: each option's word, or its default.
struct Chosen<'a> {
    options: &'static [ReadingOption],
    words: &'a [(&'a str, &'a str)],
}

impl Chosen<'_> {
    /// The word chosen for an option (the last one given), else the option's default.
    fn word(&self, name: &str) -> &str {
        let chosen = self.words.iter().rev().find(|(n, _)| *n == name);
        match chosen {
            Some((_, value)) => value,
            None => self
                .options
                .iter()
                .find(|o| o.name == name)
                .map_or("", |o| o.default),
        }
    }
}

const fn option(
    name: &'static str,
    values: &'static [&'static str],
    meaning: &'static str,
) -> ReadingOption {
    let default = match values.first() {
        Some(first) => *first,
        None => "",
    };
    ReadingOption {
        name,
        values,
        default,
        meaning,
    }
}

/// Complete further periods (the default of the rules that count them) or started ones.
const COUNTING: &[&str] = &["complete", "started"];

fn counting(word: &str) -> Counting {
    match word {
        "started" => Counting::Started,
        _ => Counting::Complete,
    }
}

const REGISTRY: &[Entry] = &[
    Entry {
        id: "uk-ofcom-auto-comp",
        options: &[option(
            "rate-date",
            &["report", "outage-start"],
            "which date picks the year's amounts: the fault report's, or the day service was lost",
        )],
        build: ofcom,
    },
    Entry {
        id: "de-tkg-58",
        options: &[
            option(
                "restoration-day",
                &["unpaid", "paid"],
                "whether the day service came back is paid as a day of outage",
            ),
            option(
                "daily-rounding",
                &["once-per-outage", "each-day"],
                "the days' amounts added exactly and rounded once, or each day rounded to the cent",
            ),
            option(
                "report-day",
                &["day-zero", "day-one"],
                "whether the report day is day 0 or day 1 of the provider's two calendar days",
            ),
        ],
        build: tkg,
    },
    Entry {
        id: "es-rd-899-2009",
        options: &[
            option(
                "month",
                &["calendar-month", "30-days", "billing-period"],
                "what the monthly fee is prorated over: the hours of the calendar month, of a \
                 30-day month, or of the billing period",
            ),
            option(
                "timed-from",
                &["outage-start", "report"],
                "where the credited time starts: the loss of service, or the customer's report",
            ),
            option(
                "internet-trigger",
                &["hours-in-window", "all-hours"],
                "what makes art. 16 automatic: over 6 hours within 08:00-22:00, or at any time",
            ),
        ],
        build: rd_899,
    },
    Entry {
        id: "it-agcom-347-18",
        options: &[
            option(
                "days",
                &["restoration-minus-complaint", "both-ends"],
                "days counted as restoration date - complaint date, or with both ends counted",
            ),
            option(
                "business",
                &["doubled", "same"],
                "business lines' amounts doubled, or the same as consumers'",
            ),
        ],
        build: agcom,
    },
    Entry {
        id: "pt-lei-16-2022",
        options: &[
            option(
                "month",
                &["billing-period", "30-days"],
                "what the price is prorated over: the billing period's length, or 30 days",
            ),
            option(
                "credited-from",
                &["outage-start", "report"],
                "where the credited time starts: the loss of service, or the customer's report",
            ),
            option(
                "consecutive",
                &["across-billing-periods", "within-billing-period"],
                "whether one outage's more than 24 hours count across a billing boundary",
            ),
        ],
        build: lei_16,
    },
    Entry {
        id: "us-ny-psc-outage-credit",
        options: &[option(
            "automatic-test",
            &["whole-outage", "credit-period"],
            "what the 24-hour test for an automatic credit measures after a power cut",
        )],
        build: ny_psc,
    },
    Entry {
        id: "us-nj-cable",
        options: &[
            option(
                "month",
                &["30-days", "calendar-month"],
                "a day's credit: the monthly rate / 30, or / the days of the month it began in",
            ),
            option(
                "scope",
                &["cable-television", "every-service"],
                "the services covered: cable television only, or all the cable operator sells",
            ),
        ],
        build: nj,
    },
    Entry {
        id: "us-ny-psl-73",
        options: &[
            option(
                "counting",
                COUNTING,
                "each 24 hours beyond 72 counted when complete, or as soon as begun",
            ),
            option(
                "size-unknown",
                &["widespread", "not-widespread"],
                "what an outage without customers_affected is taken to be",
            ),
        ],
        build: psl_73,
    },
    Entry {
        id: "uk-ofgem-gsop",
        options: &[
            option(
                "counting",
                COUNTING,
                "each further 12 (or 6) hours counted when complete, or as soon as begun",
            ),
            option(
                "normal-weather-cap",
                &["uncapped", "capped-before-2023-09", "capped"],
                "normal-weather payments uncapped, capped at GBP 300 before 1 September 2023, \
                 or always",
            ),
            option(
                "large-incidents",
                &["not-applied", "applied"],
                "whether reg. 6's 24-hour standard for incidents of 5,000 or more applies",
            ),
            option(
                "multiple-interruptions",
                &["four-or-more", "more-than-four"],
                "how many interruptions of 3 hours or more in a regulatory year earn the \
                 multiple-interruptions payment",
            ),
        ],
        build: ofgem,
    },
    Entry {
        id: "au-csg",
        options: &[option(
            "exemption",
            &["notified", "cause-alone"],
            "an outage exempt only when the provider notified it, or by its cause alone",
        )],
        build: csg,
    },
    Entry {
        id: "gcp-compute-multizone",
        options: &[option(
            "current-table",
            &["reported", "older-template"],
            "the credit table from 29 August 2023: 10/25/100 %, or the older 10/25/50 %",
        )],
        build: gcp,
    },
    Entry {
        id: "att-guarantee-2025",
        options: &[option(
            "days",
            &["started", "one-plus-complete", "complete-further"],
            "days of an outage: one per started 24 hours, 1 + complete 24 hours, or \
             max(1, complete 24 hours)",
        )],
        build: att,
    },
    Entry {
        id: "rogers-2022",
        options: &[option(
            "month",
            &["calendar-month", "30-days", "annualised"],
            "a day of service: the monthly price / the days of the month, / 30, or × 12 / 365",
        )],
        build: rogers,
    },
];

fn ofcom(c: &Chosen<'_>) -> Policy {
    let mut o = gb::OfcomOptions::default();
    if c.word("rate-date") == "outage-start" {
        o.rate_date = gb::RateDate::OutageStart;
    }
    gb::ofcom_auto_comp_with(o)
}

fn tkg(c: &Chosen<'_>) -> Policy {
    let mut o = de::TkgOptions::default();
    if c.word("restoration-day") == "paid" {
        o.restoration_day = de::RestorationDay::Paid;
    }
    if c.word("daily-rounding") == "each-day" {
        o.daily_rounding = de::DailyRounding::EachDay;
    }
    if c.word("report-day") == "day-one" {
        o.report_day = de::ReportDay::DayOne;
    }
    de::tkg_58_with(o)
}

fn rd_899(c: &Chosen<'_>) -> Policy {
    let proration = match c.word("month") {
        "30-days" => es::ProrationBase::ThirtyDays,
        "billing-period" => es::ProrationBase::BillingPeriod,
        _ => es::ProrationBase::CalendarMonth,
    };
    let mut o = es::Rd899Options {
        proration,
        ..Default::default()
    };
    if c.word("timed-from") == "report" {
        o.timed_from = es::TimedFrom::Report;
    }
    if c.word("internet-trigger") == "all-hours" {
        o.internet_trigger = es::InternetTrigger::AllHours;
    }
    es::rd_899_2009_with(o)
}

fn agcom(c: &Chosen<'_>) -> Policy {
    let mut o = it::AgcomOptions::default();
    if c.word("days") == "both-ends" {
        o.days = it::DayCounting::BothEndsInclusive;
    }
    if c.word("business") == "same" {
        o.business = it::BusinessAmounts::Same;
    }
    it::agcom_347_18_with(o)
}

fn lei_16(c: &Chosen<'_>) -> Policy {
    let mut o = pt::PtOptions::default();
    if c.word("month") == "30-days" {
        o.proration = pt::ProrationBase::ThirtyDays;
    }
    if c.word("credited-from") == "report" {
        o.credited_from = pt::CreditedFrom::Report;
    }
    if c.word("consecutive") == "within-billing-period" {
        o.consecutive = pt::Consecutive::WithinBillingPeriod;
    }
    pt::lei_16_2022_with(o)
}

fn ny_psc(c: &Chosen<'_>) -> Policy {
    let mut o = us::NyPscOptions::default();
    if c.word("automatic-test") == "credit-period" {
        o.automatic_test = us::AutomaticTest::CreditPeriod;
    }
    us::ny_psc_outage_credit_with(o)
}

fn nj(c: &Chosen<'_>) -> Policy {
    let mut o = us::NjOptions::default();
    if c.word("month") == "calendar-month" {
        o.daily_unit = us::DailyUnit::DaysInMonth;
    }
    if c.word("scope") == "every-service" {
        o.scope = us::NjScope::EveryService;
    }
    us::nj_cable_with(o)
}

fn psl_73(c: &Chosen<'_>) -> Policy {
    let mut o = us::Psl73Options {
        counting: counting(c.word("counting")),
        ..Default::default()
    };
    if c.word("size-unknown") == "not-widespread" {
        o.size_unknown = Assumption::NotMet;
    }
    us::ny_psl_73_with(o)
}

fn ofgem(c: &Chosen<'_>) -> Policy {
    let normal_weather_cap = match c.word("normal-weather-cap") {
        "capped-before-2023-09" => gb::NormalWeatherCap::Gbp300BeforeSept2023,
        "capped" => gb::NormalWeatherCap::Gbp300,
        _ => gb::NormalWeatherCap::Uncapped,
    };
    let mut o = gb::GsopOptions {
        counting: counting(c.word("counting")),
        normal_weather_cap,
        ..Default::default()
    };
    if c.word("large-incidents") == "applied" {
        o.large_incidents = gb::LargeIncidentStandard::Applied;
    }
    if c.word("multiple-interruptions") == "more-than-four" {
        o.multiple_interruptions = gb::MultipleInterruptions::MoreThanFour;
    }
    gb::gsop_with(o)
}

fn csg(c: &Chosen<'_>) -> Policy {
    au::csg_with(au::CsgOptions {
        cause_alone_exempts: c.word("exemption") == "cause-alone",
        ..Default::default()
    })
}

fn gcp(c: &Chosen<'_>) -> Policy {
    let mut o = contracts::GcpOptions::default();
    if c.word("current-table") == "older-template" {
        o.current_table = contracts::GcpCurrentTable::OlderTemplate;
    }
    contracts::gcp_compute_multizone_with(o)
}

fn att(c: &Chosen<'_>) -> Policy {
    let days = match c.word("days") {
        "one-plus-complete" => contracts::AttDays::OnePlusComplete,
        "complete-further" => contracts::AttDays::CompleteFurther,
        _ => contracts::AttDays::Started,
    };
    contracts::att_guarantee_2025_with(contracts::AttGuaranteeOptions {
        days,
        ..Default::default()
    })
}

fn rogers(c: &Chosen<'_>) -> Policy {
    let day_basis = match c.word("month") {
        "30-days" => contracts::RogersDayBasis::ThirtyDays,
        "annualised" => contracts::RogersDayBasis::Annualised,
        _ => contracts::RogersDayBasis::DaysInMonth,
    };
    contracts::rogers_2022_with(contracts::RogersOptions { day_basis })
}

fn entry(id: &str) -> Option<&'static Entry> {
    REGISTRY.iter().find(|e| e.id == id)
}

/// The reading options of a catalog policy, in the order they are listed; none for a
/// policy without options, or an id the catalog does not hold.
///
/// # Example
/// ```
/// use redress::catalog::reading_options;
/// let names: Vec<&str> = reading_options("us-nj-cable").iter().map(|o| o.name).collect();
/// assert_eq!(names, ["month", "scope"]);
/// assert!(reading_options("aws-ec2-region").is_empty());
/// ```
pub fn reading_options(id: &str) -> &'static [ReadingOption] {
    entry(id).map_or(&[], |e| e.options)
}

/// Checks one chosen option of a policy: its name, then its word.
fn check(id: &str, options: &[ReadingOption], name: &str, value: &str) -> Result<()> {
    let Some(option) = options.iter().find(|o| o.name == name) else {
        let names = options.iter().map(|o| o.name);
        return Err(Error::UnknownOption {
            policy: id.to_owned(),
            name: name.to_owned(),
            suggestions: nearest(name, names.clone())
                .map(str::to_owned)
                .into_iter()
                .collect(),
            known: names.map(str::to_owned).collect(),
        });
    };
    if option.values.contains(&value) {
        return Ok(());
    }
    let values = option.values.iter().copied();
    Err(Error::UnknownOptionValue {
        policy: id.to_owned(),
        name: name.to_owned(),
        value: value.to_owned(),
        suggestions: nearest(value, values.clone())
            .map(str::to_owned)
            .into_iter()
            .collect(),
        values: values.map(str::to_owned).collect(),
    })
}

/// A catalog policy built with chosen readings, each an option's name and one of its
/// words ([`reading_options`] lists them); an option not chosen keeps the catalog's
/// reading, and an option chosen twice takes its last word. Each reading chosen other
/// than the default is noted on every claim under the policy ("Option chosen: month =
/// 30-days (default: calendar-month)"). With no options, or only defaults, it is the
/// policy [`get`](super::get) gives.
///
/// # Errors
/// [`Error::UnknownPolicy`] for an id the catalog lacks; [`Error::UnknownOption`] for a
/// name the policy has no option of (with the nearest name and the list);
/// [`Error::UnknownOptionValue`] for a word the option does not take (with the list).
///
/// # Example
/// ```
/// use redress::catalog::{get, with_options};
/// let thirty = with_options("rogers-2022", &[("month", "30-days")])?;
/// assert_eq!(thirty.chosen_options, ["month = 30-days (default: calendar-month)"]);
/// assert_eq!(with_options("rogers-2022", &[])?, get("rogers-2022")?);
/// let err = with_options("rogers-2022", &[("mnth", "30-days")]).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "policy `rogers-2022` has no option `mnth` (did you mean `month`?); its options: `month`"
/// );
/// # Ok::<(), redress::Error>(())
/// ```
pub fn with_options(id: &str, chosen: &[(&str, &str)]) -> Result<Policy> {
    let policy = super::get(id)?;
    let options = reading_options(&policy.id);
    for (name, value) in chosen {
        check(&policy.id, options, name, value)?;
    }
    let Some(entry) = entry(&policy.id) else {
        return Ok(policy);
    };
    let chosen = Chosen {
        options,
        words: chosen,
    };
    let mut policy = (entry.build)(&chosen);
    policy.chosen_options = options
        .iter()
        .map(|o| (o, chosen.word(o.name)))
        .filter(|(o, word)| *word != o.default)
        .map(|(o, word)| format!("{} = {word} (default: {})", o.name, o.default))
        .collect();
    Ok(policy)
}

/// Checks a claim file's `[options]`: every table names a catalog policy by its exact
/// id, every option is one the policy has and every word one the option takes. Options
/// of a policy that is not assessed are checked the same, and then change nothing.
///
/// # Errors
/// [`Error::Invalid`] naming the table or option (`options.rogers-2022.mnth`), with the
/// nearest id or name and what to write.
///
/// # Example
/// ```
/// let file: redress::ClaimFile = toml::from_str(r#"
///     [options.rogers-2023]
///     month = "30-days"
///     [plan]
///     currency = "CAD"
///     time_zone = "America/Toronto"
/// "#).unwrap();
/// let err = redress::catalog::check_options(&file.options).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "options.rogers-2023: unknown policy `rogers-2023` (did you mean `rogers-2022`?)"
/// );
/// ```
pub fn check_options(options: &ChosenOptions) -> Result<()> {
    for (id, table) in options {
        let path = FieldPath::root("options").field(id);
        let known = super::ids().contains(&id.as_str());
        if !known {
            let suggestions = match super::get(id) {
                Ok(policy) => vec![policy.id],
                Err(Error::UnknownPolicy { suggestions, .. }) => suggestions,
                Err(_) => Vec::new(),
            };
            let problem = Error::UnknownPolicy {
                id: id.clone(),
                suggestions,
            };
            return Err(Error::invalid(path, problem.to_string()));
        }
        for (name, value) in table {
            check(id, reading_options(id), name, value).map_err(|e| {
                let mut problem = e.to_string();
                if TOP_LEVEL.contains(&name.as_str()) {
                    problem.push_str(&format!(
                        "; `{name}` is a top-level field, and in TOML a key written after a \
                         table's header belongs to that table: write `{name}` before the first \
                         table"
                    ));
                }
                Error::invalid(path.clone().field(name), problem)
            })?;
        }
    }
    Ok(())
}

/// The claim file's top-level fields a value can be written in: one written after an
/// `[options.ID]` table in TOML is read as an option of that policy.
const TOP_LEVEL: [&str; 2] = ["as_of", "policies"];

/// A catalog policy built with the options a claim file chooses for it (none: the
/// catalog's), the file's options checked first ([`check_options`]).
///
/// # Errors
/// As [`check_options`], and [`Error::UnknownPolicy`] for an id the catalog lacks.
///
/// # Example
/// ```
/// let file: redress::ClaimFile = toml::from_str(r#"
///     [options.us-nj-cable]
///     scope = "every-service"
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
/// "#).unwrap();
/// let nj = redress::catalog::with_file_options("us-nj-cable", &file.options)?;
/// assert_eq!(nj.chosen_options, ["scope = every-service (default: cable-television)"]);
/// # Ok::<(), redress::Error>(())
/// ```
pub fn with_file_options(id: &str, options: &ChosenOptions) -> Result<Policy> {
    check_options(options)?;
    let wanted = id.trim().to_ascii_lowercase();
    let chosen: Vec<(&str, &str)> = options
        .get(&wanted)
        .into_iter()
        .flatten()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    with_options(id, &chosen)
}

/// The catalog policies that apply to a claim, as [`select`](super::select) finds them,
/// each built with the options the claim file chooses for it: an option that changes what
/// a policy covers (New Jersey's `scope`) changes whether it is selected.
///
/// # Errors
/// As [`check_options`].
///
/// # Example
/// ```
/// let file: redress::ClaimFile = toml::from_str(r#"
///     [options.us-nj-cable]
///     scope = "every-service"
///     [customer]
///     region = "US-NJ"
///     [plan]
///     currency = "USD"
///     time_zone = "America/New_York"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "60"
///     [[outages]]
///     services = ["internet"]
///     start = "2025-03-03T09:00:00-05:00"
///     end = "2025-03-04T18:00:00-05:00"
/// "#).unwrap();
/// let case = redress::Case::from_file(&file)?;
/// assert!(redress::catalog::select(&case).is_empty());
/// let chosen = redress::catalog::select_with_options(&case, &file.options)?;
/// assert_eq!(chosen[0].id, "us-nj-cable");
/// # Ok::<(), redress::Error>(())
/// ```
pub fn select_with_options(case: &Case, options: &ChosenOptions) -> Result<Vec<Policy>> {
    let mut selected = Vec::new();
    for id in super::ids() {
        let policy = with_file_options(id, options)?;
        if super::selects(&policy, case) {
            selected.push(policy);
        }
    }
    Ok(selected)
}

#[cfg(test)]
mod tests;
