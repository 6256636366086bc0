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
