//! Reading rows: fields checked and named, services read on the plain path and the
//! general one alike.

use super::*;

#[test]
fn services_parse_without_regex_and_errors_name_the_pair() {
    let s = parse_services(" internet : 79.99 | TV:65 ").unwrap();
    assert_eq!(s[0].kind, ServiceKind::Internet);
    assert_eq!(s[1].kind, ServiceKind::Tv);
    assert_eq!(s[1].monthly_price, Decimal::from(65));
    for (text, message) in [
        ("", "services: is empty"),
        (
            "internet",
            "services[0]: `internet` is not a kind:monthly_price pair",
        ),
        ("internet:79.99|:5", "services[1]: `:5` has no service kind"),
        ("internet:abc", "services[0]: `abc` is not a price"),
    ] {
        let err = parse_services(text).unwrap_err().to_string();
        assert!(err.starts_with(message), "{text:?}: {err}");
    }
}

/// The services columns take the words a claim file takes, with the same errors.
#[test]
fn services_columns_take_everyday_words_and_refuse_unknown_ones() {
    let s = parse_services("Broadband:60|landline:45| Cable TV :90|other:Alarm-Line:9.50").unwrap();
    let kinds: Vec<ServiceKind> = s.iter().map(|s| s.kind.clone()).collect();
    assert_eq!(
        kinds,
        [
            ServiceKind::Internet,
            ServiceKind::Phone,
            ServiceKind::Tv,
            ServiceKind::Other("alarm-line".into())
        ]
    );
    // The price is what follows the last `:`: 9.50, mantissa 950 and scale 2.
    assert_eq!(s[3].monthly_price, Decimal::new(950, 2));
    assert_eq!(
        parse_service_kinds("fiber|voice|other:alarm-line").unwrap(),
        [
            ServiceKind::Internet,
            ServiceKind::Phone,
            ServiceKind::Other("alarm-line".into())
        ]
    );
    for (text, message) in [
        (
            "internet:60|brodband:5",
            "services[1]: `brodband` is not a service kind redress knows; did you mean \
             `broadband` (the `internet` kind)?",
        ),
        (
            "satellite:5",
            "services[0]: `satellite` is not a service kind redress knows; write one of",
        ),
        (
            "other:internet:5",
            "services[0]: `other:internet` is a kind redress knows",
        ),
    ] {
        let err = parse_services(text).unwrap_err().to_string();
        assert!(err.starts_with(message), "{text:?}: {err}");
    }
    let err = parse_service_kinds("tv|internt").unwrap_err().to_string();
    assert!(
        err.starts_with(
            "services[1]: `internt` is not a service kind redress knows; did you mean `internet`?"
        ),
        "{err}"
    );
    // A count of customers with thousands commas, as a claim file takes it.
    let fields = OutageFields {
        area: "a",
        services: "Broadband",
        start: "2024-10-01T06:00:00-04:00",
        customers_affected: "4,200",
        ..Default::default()
    };
    let outage = AreaOutage::parse(&fields).unwrap().outage;
    assert_eq!(outage.services, [ServiceKind::Internet]);
    assert_eq!(outage.customers_affected, Some(4200));
    let err = AreaOutage::parse(&OutageFields {
        customers_affected: "4,20",
        ..fields
    })
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("customers_affected: the text \"4,20\" is not a whole number"),
        "{err}"
    );
    // A plan naming one service by two words lists it twice.
    let err = Account::parse(&AccountFields {
        account: "A-1",
        area: "a",
        currency: "USD",
        time_zone: "UTC",
        services: "internet:60|fibre:5",
        ..Default::default()
    })
    .unwrap_err();
    assert!(err.to_string().contains("listed twice"), "{err}");
}

#[test]
fn account_fields_are_checked_and_named() {
    let good = AccountFields {
        account: "A-1",
        region: "US-NY",
        area: "a",
        currency: "USD",
        time_zone: "America/New_York",
        billing_day: "",
        services: "internet:79.99",
    };
    assert_eq!(Account::parse(&good).unwrap().billing_day, 1);
    assert_eq!(
        Account::parse(&AccountFields {
            region: " ",
            ..good
        })
        .unwrap()
        .region,
        None
    );
    for (fields, message) in [
        (
            AccountFields {
                account: "",
                ..good
            },
            "account: is empty",
        ),
        (AccountFields { area: " ", ..good }, "area: is empty"),
        (
            AccountFields {
                currency: "XYZ",
                ..good
            },
            "currency: unknown currency `XYZ`",
        ),
        (
            AccountFields {
                time_zone: "Mars/Olympus",
                ..good
            },
            "time_zone: `Mars/Olympus`",
        ),
        (
            AccountFields {
                billing_day: "32",
                ..good
            },
            "billing_day: must be a day of the month",
        ),
        (
            AccountFields {
                billing_day: "x",
                ..good
            },
            "billing_day: `x` is not a day",
        ),
        (
            AccountFields {
                services: "internet:-1",
                ..good
            },
            "services[0].monthly_price: a price cannot be negative",
        ),
        (
            AccountFields {
                services: "tv:1|tv:2",
                ..good
            },
            "services[1].kind: `tv` is listed twice",
        ),
    ] {
        let err = Account::parse(&fields).unwrap_err().to_string();
        assert!(err.starts_with(message), "{fields:?}: {err}");
    }
}

#[test]
fn outage_fields_are_checked_and_named() {
    let good = OutageFields {
        area: "a",
        services: "internet|tv",
        start: "2024-10-01T06:00:00-04:00",
        end: "2024-10-03T11:00:00-04:00",
        customers_affected: "",
        cause: "severe-weather",
    };
    assert_eq!(
        AreaOutage::parse(&good).unwrap().outage.cause,
        Cause::SevereWeather
    );
    for (fields, message) in [
        (OutageFields { area: "", ..good }, "area: is empty"),
        (
            OutageFields {
                services: "",
                ..good
            },
            "services: is empty",
        ),
        (
            OutageFields {
                services: "internet||tv",
                ..good
            },
            "services[1]: an empty service kind",
        ),
        (
            OutageFields {
                start: "2024-10-01 06:00",
                ..good
            },
            // An outages file spans zones: a time without its offset is refused, saying why.
            "start: `2024-10-01 06:00` is not an RFC 3339 instant with its offset, such as \
             2024-10-01T06:00:00-04:00 or 2024-10-01T10:00:00Z: an outages file's times need \
             their offset, since an area's outages are not read in any one zone",
        ),
        (
            OutageFields {
                end: "2024-09-30T00:00:00Z",
                ..good
            },
            "end: 2024-09-30T00:00:00+00:00 is before the start",
        ),
        (
            OutageFields {
                start: "1800-01-01T00:00:00Z",
                ..good
            },
            "start: 1800-01-01 is outside the supported years",
        ),
        (
            OutageFields {
                customers_affected: "lots",
                ..good
            },
            "customers_affected: `lots` is not a whole number",
        ),
        (
            OutageFields {
                cause: "aliens",
                ..good
            },
            "cause: unknown variant `aliens`",
        ),
    ] {
        let err = AreaOutage::parse(&fields).unwrap_err().to_string();
        assert!(err.starts_with(message), "{fields:?}: {err}");
    }
}

#[test]
fn parsing_into_a_reused_account_equals_parsing_afresh() {
    let rows = [
        (
            "A-1",
            "US-NY",
            "USD",
            "America/New_York",
            "5",
            "internet:79.99|tv:65",
        ),
        ("A-2", "", "usd", "America/New_York", "", "phone:30"),
        (
            "A-3",
            "GB-ENG",
            "GBP",
            "Europe/London",
            "31",
            "internet:30|satellite:5",
        ),
        ("A-4", "GB-ENG", "GBP", "europe/london", "1", "internet:30"),
        ("A-5", "DE", "EUR", "UTC", "1", "internet:30|tv:1|phone:2"),
        ("A-6", "DE", "XYZ", "UTC", "1", "internet:30"),
        ("A-7", "US-NY", "USD", "America/New_York", "5", "tv:1"),
    ];
    let mut reused = Account::default();
    for (account, region, currency, time_zone, billing_day, services) in rows {
        let fields = AccountFields {
            account,
            region,
            area: "a",
            currency,
            time_zone,
            billing_day,
            services,
        };
        let fresh = Account::parse(&fields);
        let again = reused.parse_into(&fields).map(|()| reused.clone());
        assert_eq!(again, fresh, "{account}");
    }
}

mod plain {
    use super::*;
    use proptest::prelude::*;

    /// A parse's outcome with each price as its exact representation (`Decimal`'s `==`
    /// ignores the scale, which the output shows) and any error as its words.
    /// Services with their prices' exact representations, or an error's words.
    type Exact = std::result::Result<Vec<(ServiceKind, [u8; 16])>, String>;

    fn exactly(outcome: Result<()>, services: &[Service]) -> Exact {
        outcome.map_err(|e| e.to_string())?;
        Ok(services
            .iter()
            .map(|s| (s.kind.clone(), s.monthly_price.serialize()))
            .collect())
    }

    fn both_readings(text: &str) -> (Exact, Exact) {
        let mut fast = vec![Service::new(ServiceKind::Tv, Decimal::ONE)];
        let outcome = parse_services_into(text, &mut fast);
        let fast = exactly(outcome, &fast);
        let mut general = Vec::new();
        let outcome = parse_any_services(text, &mut general);
        (fast, exactly(outcome, &general))
    }

    #[test]
    fn plain_prices_take_the_plain_path() {
        for text in [
            "0",
            "104.40",
            "00.10",
            "12345678901234567",
            "1234567890123.456",
        ] {
            let (price, end) = plain_price(text.as_bytes(), 0).unwrap();
            assert_eq!(end, text.len(), "{text}");
            let expected = Decimal::from_str(text).unwrap();
            assert_eq!(price.serialize(), expected.serialize(), "{text}");
        }
        for text in [
            "",
            ".5",
            "5.",
            "1.2.3",
            "-1",
            "+1",
            "1_0",
            "123456789012345678",
        ] {
            let whole = plain_price(text.as_bytes(), 0).is_some_and(|(_, end)| end == text.len());
            assert!(!whole, "{text}");
        }
        let mut services = Vec::new();
        assert!(parse_plain_services(
            "internet:79.99|landline:5",
            &mut services
        ));
        assert_eq!(services[1].kind, ServiceKind::Phone);
        // A word that is no kind is left to the general reading, which refuses it.
        assert!(!parse_plain_services(
            "internet:1|satellite:5",
            &mut Vec::new()
        ));
        for text in [
            "",
            "Internet:1",
            "tv: 1",
            "tv:1|",
            "|tv:1",
            "tv:1 ",
            "tv",
            "tv:1|tv:2x",
        ] {
            assert!(!parse_plain_services(text, &mut Vec::new()), "{text:?}");
        }
    }

    #[test]
    fn every_kind_is_read_back_from_its_name_in_any_case() {
        for kind in [
            ServiceKind::Internet,
            ServiceKind::Tv,
            ServiceKind::Phone,
            ServiceKind::Mobile,
            ServiceKind::Electricity,
            ServiceKind::Gas,
            ServiceKind::Water,
            ServiceKind::Compute,
            ServiceKind::Storage,
        ] {
            let name = kind.as_str();
            assert_eq!(ServiceKind::from(name), kind);
            assert_eq!(ServiceKind::from(name.to_uppercase().as_str()), kind);
            assert_eq!(ServiceKind::from(format!(" {name}").as_str()), kind);
        }
    }

    proptest! {
        /// Whatever prefix of a text the plain reading takes as a price is read as
        /// `Decimal::from_str` reads it: the same mantissa, scale and sign.
        #[test]
        fn a_plain_price_is_the_decimal_from_str_gives(
            text in "[0-9.]{0,20}|[0-9]{1,19}(\\.[0-9]{0,19})?|[-+_ 0-9.eE|]{0,8}",
        ) {
            if let Some((price, end)) = plain_price(text.as_bytes(), 0) {
                let taken = text.get(..end).unwrap();
                let expected = Decimal::from_str(taken).unwrap();
                prop_assert_eq!(price.serialize(), expected.serialize(), "{}", taken);
            }
        }

        /// The plain reading of a `services` field gives the general reading's services,
        /// or leaves the text to it: the same services, prices and errors either way.
        #[test]
        fn plain_services_read_as_any_services_do(
            text in "((internet|tv|phone|TV|satellite| x|)( ?: ?|:|)([0-9]{0,3}(\\.[0-9]{0,3})?|-1|1e2|1_0| 5|0\\.)(\\|| \\||))*",
        ) {
            let (fast, general) = both_readings(&text);
            prop_assert_eq!(fast, general, "{:?}", text);
        }

        /// Plainly written fields do take the plain reading, and agree with the general one.
        #[test]
        fn plain_services_are_read_plainly(
            text in "(internet|tv|phone|landline):[0-9]{1,9}(\\.[0-9]{1,4})?(\\|(internet|tv|phone|gas):[0-9]{1,5}(\\.[0-9]{1,3})?){0,3}",
        ) {
            prop_assert!(parse_plain_services(&text, &mut Vec::new()));
            let (fast, general) = both_readings(&text);
            prop_assert_eq!(fast, general, "{:?}", text);
        }
    }
}

#[test]
fn ascii_splits_agree_with_the_standard_ones() {
    for text in [
        "",
        "|",
        "a",
        "a|b",
        "|a||b|",
        "é|ü:x",
        "internet:79.99|tv:65.00",
        "::",
    ] {
        let ours: Vec<&str> = split_ascii(text, b'|').collect();
        let std: Vec<&str> = text.split('|').collect();
        assert_eq!(ours, std, "{text:?}");
        assert_eq!(
            split_once_ascii(text, b':'),
            text.split_once(':'),
            "{text:?}"
        );
    }
}

/// A row's region follows the claim file's rule: a code in any case, written upper case;
/// anything else is the row's error at `region`, with the code it may have meant. A row
/// that repeats the previous row's region keeps it.
#[test]
fn a_rows_region_is_an_iso_code_in_any_case() {
    let row = |region| AccountFields {
        account: "A-1",
        region,
        area: "a",
        currency: "USD",
        time_zone: "UTC",
        billing_day: "",
        services: "internet:79.99",
    };
    let mut account = Account::default();
    for (region, code) in [
        ("us-ny", "US-NY"),
        ("US-NY", "US-NY"),
        ("de", "DE"),
        ("DE", "DE"),
    ] {
        account.parse_into(&row(region)).unwrap();
        assert_eq!(account.region.as_deref(), Some(code), "{region}");
    }
    for (region, suggestion) in [("NY", "`US-NY`"), ("New York", "`US-NY`"), ("UK", "`GB`")] {
        let err = account.parse_into(&row(region)).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("region: `{region}` is not an ISO 3166 code")),
            "{err}"
        );
        assert!(err.contains(suggestion), "{err}");
    }
    assert!(account.parse_into(&row("US-XX")).is_err());
}
