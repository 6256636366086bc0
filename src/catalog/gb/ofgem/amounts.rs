//! The guaranteed standards' amounts, one row per dated version, in whole pounds.

use chrono::NaiveDate;

use crate::catalog::ymd;

/// SI 2015/699 in force.
pub(super) const APRIL_2015: NaiveDate = ymd(2015, 4, 1);
/// SI 2023/887 in force.
pub(super) const SEPT_2023: NaiveDate = ymd(2023, 9, 1);
/// The regulatory year from which Ofgem's guidance gives the uprated severe-weather
/// payment.
pub(super) const APRIL_2024: NaiveDate = ymd(2024, 4, 1);

/// What a category 3 storm's standard is in a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Category3 {
    /// Before September 2023: a standard set by formula from the number of customers
    /// interrupted, not encoded; nothing is assessed.
    Formula,
    /// From September 2023: category 3 abolished, such a storm taken as category 2.
    AsCategory2,
}

/// One version's amounts, in whole pounds, and its dates.
#[derive(Debug, Clone, Copy)]
pub(super) struct Amounts {
    /// The first day of the version.
    pub from: NaiveDate,
    /// The day the next version starts, if any.
    pub until: Option<NaiveDate>,
    /// The version's label in claims, with how firm its figures are.
    pub label: &'static str,
    /// The instrument, for the restoration provision's clause.
    pub clause: &'static str,
    /// Normal weather: domestic payment once the standard is missed.
    pub domestic: i64,
    /// Normal weather: non-domestic payment once the standard is missed.
    pub non_domestic: i64,
    /// Normal weather: each further complete 12 hours.
    pub normal_step: i64,
    /// Severe weather: payment once the standard is missed.
    pub severe_base: i64,
    /// Severe weather: the further period, in hours.
    pub severe_every: u32,
    /// Severe weather: each further period.
    pub severe_step: i64,
    /// Severe weather: the most paid for one outage.
    pub severe_cap: i64,
    /// Category 3's standard.
    pub category_3: Category3,
    /// Multiple interruptions: the payment for the regulatory year.
    pub multiple: i64,
}

/// The versions, oldest first.
///
/// - 1 April 2015 – 31 August 2023 (SI 2015/699 as made) \[S\]: £75 domestic, £150
///   non-domestic, £35 per further 12 hours; severe weather £70, £70 per further 12
///   hours, at most £700; multiple interruptions £75.
/// - 1 September 2023 – 31 March 2024 (SI 2023/887) \[S\]: £95 / £190, £45 per further 12
///   hours; severe weather £80, £40 per further 6 hours, at most £2,000; multiple
///   interruptions £95.
/// - From 1 April 2024 (Ofgem's guidance, the payments uprated each year) \[S\] for the
///   amounts, \[M\] for the date: severe weather £85, £40 per further 6 hours, at most
///   £2,000; the rest unchanged (no other uprated figure was seen). No later figure was
///   found, so these are kept from 1 April 2025 too.
pub(super) const AMOUNTS: [Amounts; 3] = [
    Amounts {
        from: APRIL_2015,
        until: Some(SEPT_2023),
        label: "SI 2015/699 amounts, 1 April 2015 – 31 August 2023 [S]",
        clause: "SI 2015/699 regs. 5, 6 and 7",
        domestic: 75,
        non_domestic: 150,
        normal_step: 35,
        severe_base: 70,
        severe_every: 12,
        severe_step: 70,
        severe_cap: 700,
        category_3: Category3::Formula,
        multiple: 75,
    },
    Amounts {
        from: SEPT_2023,
        until: Some(APRIL_2024),
        label: "SI 2023/887 amounts, 1 September 2023 – 31 March 2024 [S]",
        clause: "SI 2015/699 regs. 5, 6 and 7, as amended by SI 2023/887",
        domestic: 95,
        non_domestic: 190,
        normal_step: 45,
        severe_base: 80,
        severe_every: 6,
        severe_step: 40,
        severe_cap: 2000,
        category_3: Category3::AsCategory2,
        multiple: 95,
    },
    Amounts {
        from: APRIL_2024,
        until: None,
        label: "Ofgem's uprated amounts, from 1 April 2024 (severe weather £85) [S; the date [M]]",
        clause: "SI 2015/699 regs. 5, 6 and 7, as amended by SI 2023/887 and SI 2024/984; \
                 severe-weather payment as uprated in Ofgem's guidance",
        domestic: 95,
        non_domestic: 190,
        normal_step: 45,
        severe_base: 85,
        severe_every: 6,
        severe_step: 40,
        severe_cap: 2000,
        category_3: Category3::AsCategory2,
        multiple: 95,
    },
];
