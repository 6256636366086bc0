//! Each fairness property of `redress::fairness`, over every catalog policy: one test
//! per property, so a broken one names itself, and its counterexample is printed as the
//! claim files to run (`redress claim FILE --policy ID`).

use redress::fairness::{check_property, Config, Outcome, Property};

/// Cases per property per policy in `cargo test`; `PROPTEST_CASES` overrides.
const CASES: u32 = 32;

fn holds_for_every_catalog_policy(property: Property) {
    let config = Config::from_env_or(CASES);
    let mut broken = Vec::new();
    for policy in redress::catalog::all() {
        let finding = check_property(&policy, property, &config);
        match &finding.outcome {
            Outcome::Broken(example) => {
                let claim = toml::to_string(&example.claim).unwrap_or_default();
                let changed = example
                    .changed
                    .as_ref()
                    .map(|c| toml::to_string(c).unwrap_or_default())
                    .unwrap_or_default();
                broken.push(format!(
                    "{}: {finding}\n--- claim.toml\n{claim}\n--- changed.toml\n{changed}",
                    policy.id
                ));
            }
            Outcome::Inconclusive(why) => {
                broken.push(format!("{}: inconclusive: {why}", policy.id))
            }
            Outcome::Held { .. } | Outcome::NotApplicable(_) => {}
            _ => broken.push(format!("{}: {finding}", policy.id)),
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n\n"));
}

macro_rules! property_tests {
    ($($test:ident => $property:ident;)*) => {
        $(
            #[test]
            fn $test() {
                holds_for_every_catalog_policy(Property::$property);
            }
        )*

        /// Every property of the module has its test here.
        #[test]
        fn every_property_is_tested() {
            let tested = [$(Property::$property),*];
            for property in Property::ALL {
                assert!(tested.contains(&property), "{property} has no test");
            }
        }
    };
}

property_tests! {
    nothing_is_negative => NothingNegative;
    lines_add_up_to_the_total => LinesAddUp;
    caps_and_minimums_hold_on_every_line => CapsAndMinimums;
    policy_caps_and_thresholds_hold => CatalogBounds;
    a_longer_outage_never_lowers_the_credit => LongerOutage;
    an_extra_outage_never_lowers_the_credit => ExtraOutage;
    an_extra_affected_service_never_lowers_the_credit => ExtraService;
    a_duplicate_record_changes_nothing => DuplicateRecord;
    an_outage_split_in_two_changes_nothing => AdjacentPieces;
    overlapping_reports_change_nothing => OverlappingReports;
    input_order_changes_no_figure => InputOrder;
    policy_order_changes_no_figure => PolicyOrder;
    the_same_input_gives_the_same_claim => Deterministic;
    totals_only_equal_the_claims_figures => TotalsOnly;
    a_higher_price_never_lowers_the_credit => HigherPrice;
    scaling_prices_scales_the_credit => ScaledPrices;
    offsets_in_the_input_change_nothing => OtherOffsets;
    local_times_read_in_the_plans_zone_are_the_instants_meant => LocalTimes;
    everyday_words_give_the_claim_of_the_canonical_spelling => EverydayWords;
}

// ------------------------------------------------------------ policies of one's own

use redress::policy::*;
use redress::rust_decimal::Decimal;
use redress::{Currency, Span};

fn per_started_day() -> Rule {
    Rule::PerUnit(PerUnit::new(
        UnitCount::Blocks {
            length: Span::hours(24),
            counting: Counting::Started,
        },
        Amount::DailyRate(DayCount::Fixed(30)),
    ))
}

fn own(jurisdiction: &str, rule: Rule) -> Policy {
    let mut policy = Policy::new("ours", "a policy of one's own", Currency::USD).with_version(
        PolicyVersion::always(vec![Provision::new("credit", Subject::outages(), rule)]),
    );
    policy.jurisdiction = jurisdiction.to_owned();
    policy
}

/// Unfair on purpose: a started day's credit, but nothing once the outage reaches 48 hours.
fn nothing_beyond_48_hours() -> Policy {
    own(
        "US-NY",
        Rule::When {
            condition: Condition::DurationAtLeast(Span::hours(48)),
            then: Box::new(Rule::Fixed {
                amount: Amount::Fixed(0.into()),
            }),
            otherwise: Some(Box::new(per_started_day())),
        },
    )
}

#[test]
fn an_unfair_policy_is_found_with_a_counterexample_that_shows_it() {
    let policy = nothing_beyond_48_hours();
    let report = redress::fairness::check(&policy, &Config::with_cases(64).with_seed(16));
    assert!(!report.all_hold(), "{report}");
    let finding = report
        .findings
        .iter()
        .find(|f| f.property == Property::LongerOutage)
        .expect("a finding per property");
    let Outcome::Broken(example) = &finding.outcome else {
        panic!("{report}")
    };
    // Written as TOML and read back, the two claim files show the break when assessed.
    let total = |claim: &redress::ClaimFile| {
        let text = toml::to_string(claim).expect("a claim file writes as TOML");
        let read: redress::ClaimFile = toml::from_str(&text).expect("and reads back");
        let case = redress::Case::from_file(&read).expect("a valid claim file");
        redress::assess(&case, &policy).expect("assessed").total
    };
    let changed = example
        .changed
        .as_ref()
        .expect("the longer outage's claim file");
    assert!(total(changed) < total(&example.claim), "{finding}");
    assert!(
        report.to_string().contains("BROKEN  longer-outage"),
        "{report}"
    );
    // Shrunk: one outage of one service.
    assert_eq!(example.claim.outages.len(), 1, "{:#?}", example.claim);
    // Properties that do not compare lengths still hold for it.
    for property in [
        Property::NothingNegative,
        Property::LinesAddUp,
        Property::InputOrder,
    ] {
        let f = report
            .findings
            .iter()
            .find(|f| f.property == property)
            .unwrap();
        assert!(matches!(f.outcome, Outcome::Held { .. }), "{f}");
    }
}

#[test]
fn fair_policies_of_ones_own_hold_whatever_their_jurisdiction() {
    let escalating = Rule::Escalating(Escalating::new(
        Span::hours(12),
        Amount::Fixed(95.into()),
        Span::hours(12),
        Amount::Fixed(45.into()),
        Counting::Complete,
    ));
    let pro_rata = Rule::ProRata(ProRata::new(ProRataBasis::BillingPeriod));
    for (jurisdiction, rule) in [
        ("", per_started_day()),
        ("*", escalating),
        ("Atlantis", pro_rata.clone()),
        ("JP", pro_rata),
    ] {
        let policy = own(jurisdiction, rule);
        let report = redress::fairness::check(&policy, &Config::from_env_or(16));
        assert!(report.all_hold(), "{jurisdiction:?}: {report}");
        let bounds = report
            .findings
            .iter()
            .find(|f| f.property == Property::CatalogBounds)
            .unwrap();
        assert!(
            matches!(bounds.outcome, Outcome::NotApplicable(_)),
            "{bounds}"
        );
    }
}

#[test]
fn a_policy_that_cannot_assess_is_a_finding_not_a_panic() {
    // A fixed sum so large that a few of them overflow: an error the report names.
    let huge = Rule::PerUnit(PerUnit::new(
        UnitCount::Blocks {
            length: Span::hours(1),
            counting: Counting::Started,
        },
        Amount::Fixed(Decimal::MAX),
    ));
    let policy = own("US", huge);
    let finding = check_property(&policy, Property::NothingNegative, &Config::with_cases(64));
    let Outcome::Broken(example) = &finding.outcome else {
        panic!("{finding}")
    };
    assert!(example.message.contains("cannot be assessed"), "{finding}");
}
