use chrono::NaiveDate;

use crate::policy::*;
use crate::Currency;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn fixed(amount: &str) -> Provision {
    Provision::new(
        "p",
        Subject::outages(),
        Rule::Fixed {
            amount: Amount::Fixed(amount.parse().unwrap()),
        },
    )
}

/// Every catalog policy passes its own checks, and survives JSON and TOML unchanged.
#[test]
fn every_catalog_policy_is_a_file_that_reads_back_as_itself() {
    for policy in crate::catalog::all() {
        policy
            .check()
            .unwrap_or_else(|e| panic!("{}: {e}", policy.id));
        let json = serde_json::to_string(&policy).unwrap();
        let back: Policy = serde_json::from_str(&json).unwrap();
        assert_eq!(back, policy, "{} through JSON", policy.id);
        let toml_text = toml::to_string_pretty(&policy).unwrap();
        let back: Policy = toml::from_str(&toml_text)
            .unwrap_or_else(|e| panic!("{}: {e}\n{toml_text}", policy.id));
        assert_eq!(back, policy, "{} through TOML", policy.id);
    }
}

/// A version without effective_from is in force always, and is written without one.
#[test]
fn a_version_without_a_start_date_is_always_in_force() {
    let policy =
        Policy::new("x", "X", Currency::USD).with_version(PolicyVersion::always(vec![fixed("1")]));
    let text = toml::to_string(&policy).unwrap();
    assert!(!text.contains("effective_from"), "{text}");
    let back: Policy = toml::from_str(&text).unwrap();
    assert!(back.version_on(date(1950, 1, 1)).is_some());
}

#[test]
fn versions_out_of_order_or_overlapping_are_refused() {
    let v = |from: NaiveDate, until: Option<NaiveDate>| {
        let v = PolicyVersion::from_date(from, vec![fixed("1")]);
        match until {
            Some(u) => v.with_end_date(u),
            None => v,
        }
    };
    let with = |versions: Vec<PolicyVersion>| {
        let mut p = Policy::new("x", "X", Currency::USD);
        p.versions = versions;
        p.check().map_err(|e| e.to_string())
    };
    assert!(with(vec![
        v(date(2020, 1, 1), Some(date(2021, 1, 1))),
        v(date(2021, 1, 1), None)
    ])
    .is_ok());
    let open = with(vec![v(date(2020, 1, 1), None), v(date(2021, 1, 1), None)]).unwrap_err();
    assert!(
        open.contains("versions[1].effective_from") && open.contains("overlap"),
        "{open}"
    );
    let overlap = with(vec![
        v(date(2020, 1, 1), Some(date(2021, 6, 1))),
        v(date(2021, 1, 1), None),
    ])
    .unwrap_err();
    assert!(overlap.contains("overlap"), "{overlap}");
    let order = with(vec![v(date(2021, 1, 1), None), v(date(2020, 1, 1), None)]).unwrap_err();
    assert!(order.contains("oldest first"), "{order}");
    let backwards = with(vec![v(date(2021, 1, 1), Some(date(2020, 1, 1)))]).unwrap_err();
    assert!(backwards.contains("effective_until"), "{backwards}");
}

#[test]
fn amounts_a_currency_cannot_hold_are_refused() {
    let jpy = Currency::new("JPY").unwrap();
    let p = Policy::new("x", "X", jpy).with_version(PolicyVersion::always(vec![fixed("5.50")]));
    let e = p.check().unwrap_err().to_string();
    assert!(e.contains("cannot be an amount in JPY"), "{e}");
    let mut none =
        Policy::new("x", "X", Currency::USD).with_version(PolicyVersion::always(vec![fixed("5")]));
    none.currency = None;
    assert!(none
        .check()
        .unwrap_err()
        .to_string()
        .contains("in no currency"));
}

#[test]
fn a_cap_at_or_below_its_minimum_payout_is_refused() {
    let rule = Rule::Cap {
        limit: Amount::Fixed(1.into()),
        rule: Box::new(Rule::MinimumPayout {
            more_than: 1.into(),
            rule: Box::new(Rule::Fixed {
                amount: Amount::Fixed(5.into()),
            }),
        }),
    };
    let p = Policy::new("x", "X", Currency::USD).with_version(PolicyVersion::always(vec![
        Provision::new("p", Subject::outages(), rule),
    ]));
    let e = p.check().unwrap_err().to_string();
    assert!(e.starts_with("versions[0].provisions[0].rule.limit"), "{e}");
}

/// An unknown field inside a rule is refused, not ignored.
#[test]
fn an_unknown_field_inside_a_rule_is_refused() {
    let text = r#"
        id = "x"
        title = "X"
        jurisdiction = "*"
        citation = ""
        evidence = "primary"
        currency = "USD"
        [[versions]]
        [[versions.provisions]]
        name = "p"
        subject = { each = "outages", scope = "each-service" }
        rule = { type = "fixed", amount = { fixed = "5" }, amout = 3 }
    "#;
    let e = toml::from_str::<Policy>(text).unwrap_err().to_string();
    assert!(e.contains("unknown field `amout`"), "{e}");
}

/// The first message `check` gives for a one-provision policy.
fn refused(provision: Provision) -> String {
    Policy::new("x", "X", Currency::USD)
        .with_version(PolicyVersion::always(vec![provision]))
        .check()
        .unwrap_err()
        .to_string()
}

/// A rule that cannot price its subject is refused before it is assessed, not reported
/// as a malformed catalog policy when a claim reaches it.
#[test]
fn a_rule_that_cannot_price_its_subject_is_refused() {
    let tiers = Rule::UptimeTiers(UptimeTiers::new(vec![Tier::new(
        "99".parse().unwrap(),
        "99.9".parse().unwrap(),
        10.into(),
    )]));
    let e = refused(Provision::new("p", Subject::outages(), tiers));
    assert!(
        e.starts_with("versions[0].provisions[0].rule: uptime tiers price a period"),
        "{e}"
    );
    let days = Rule::PerUnit(PerUnit::new(
        UnitCount::Days(DayKind::Calendar),
        Amount::Fixed(1.into()),
    ));
    let e = refused(Provision::new("p", Subject::Appointments, days));
    assert!(
        e.contains("rule.count: an appointment is counted per incident"),
        "{e}"
    );
    let year = Subject::Years {
        first_month: 13,
        scope: ServiceScope::Together,
    };
    let e = refused(Provision::new(
        "p",
        year,
        Rule::Fixed {
            amount: Amount::Fixed(1.into()),
        },
    ));
    assert!(e.contains("subject.first_month: 13 is not a month"), "{e}");
}

#[test]
fn bands_start_at_unit_1_and_rise() {
    let mut rule = PerUnit::new(UnitCount::PerIncident(1), Amount::Fixed(1.into()));
    rule.bands = vec![
        Band::new(1, Amount::Fixed(1.into())),
        Band::new(1, Amount::Fixed(2.into())),
    ];
    let e = refused(Provision::new("p", Subject::outages(), Rule::PerUnit(rule)));
    assert!(
        e.contains("bands[1].from_unit: unit 1 does not come after"),
        "{e}"
    );
}

#[test]
fn a_rule_may_not_ask_about_the_credit() {
    let rule = Rule::When {
        condition: Condition::CreditMoreThan(1.into()),
        then: Box::new(Rule::Fixed {
            amount: Amount::Fixed(1.into()),
        }),
        otherwise: None,
    };
    let e = refused(Provision::new("p", Subject::outages(), rule));
    assert!(
        e.contains("rule.condition: credit-more-than can only decide a payment"),
        "{e}"
    );
}
