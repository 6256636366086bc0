use super::*;

fn suggested(text: &str) -> Vec<String> {
    canonical(text).expect_err(text).suggestions().to_vec()
}

#[test]
fn the_tables_are_sorted_for_binary_search_and_complete() {
    for table in [COUNTRIES, SUBDIVISIONS, CHECKED] {
        assert!(table.windows(2).all(|w| w[0].0 < w[1].0), "{:?}", table[0]);
    }
    assert_eq!(COUNTRIES.len(), 249);
    assert!(COUNTRIES
        .iter()
        .all(|(c, _)| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())));
    for (land, example) in CHECKED {
        assert!(country(land).is_some(), "{land}");
        assert!(subdivision(example).is_some(), "{example}");
    }
    for (code, _) in SUBDIVISIONS {
        let (land, sub) = code.split_once('-').expect(code);
        assert!(checks_subdivisions(land), "{code}");
        assert!((1..=3).contains(&sub.len()), "{code}");
    }
    let count = |land: &str| {
        SUBDIVISIONS
            .iter()
            .filter(|(c, _)| c.starts_with(land))
            .count()
    };
    // 50 states, DC, 6 outlying areas; 13; 8; 16; 4; 20 regions and 107 provinces; 20;
    // 17 communities, 2 cities and 50 provinces.
    for (land, n) in [
        ("US-", 57),
        ("CA-", 13),
        ("AU-", 8),
        ("DE-", 16),
        ("GB-", 4),
        ("IT-", 20 + 107),
        ("PT-", 20),
        ("ES-", 69),
    ] {
        assert_eq!(count(land), n, "{land}");
    }
    for (name, code) in OTHER_NAMES {
        assert_eq!(fold(name), *name, "{name} is not written folded");
        assert!(is_code(code), "{code}");
    }
}

#[test]
fn codes_are_accepted_in_any_case_and_written_upper_case() {
    for (text, code) in [
        ("US-NY", "US-NY"),
        ("us-ny", "US-NY"),
        (" Gb-Eng ", "GB-ENG"),
        ("de", "DE"),
        ("au-vic", "AU-VIC"),
        ("it-25", "IT-25"),
        ("ES-M", "ES-M"),
        ("fr-idf", "FR-IDF"),
        ("JP-13", "JP-13"),
    ] {
        assert_eq!(canonical(text).as_deref(), Ok(code), "{text}");
    }
    assert!(matches!(canonical("US-NY"), Ok(Cow::Borrowed(_))));
}

#[test]
fn a_bare_code_that_is_a_country_means_the_country() {
    for (code, country) in [
        ("CA", "Canada"),
        ("DE", "Germany"),
        ("IN", "India"),
        ("AL", "Albania"),
        ("GA", "Gabon"),
        ("PA", "Panama"),
    ] {
        assert_eq!(canonical(code).as_deref(), Ok(code));
        assert_eq!(name(code), Some(country));
    }
}

#[test]
fn every_us_state_name_and_postal_code_suggests_its_code() {
    for (code, state) in SUBDIVISIONS.iter().filter(|(c, _)| c.starts_with("US-")) {
        // A state named like a country (Georgia), or an outlying area that has a
        // country code of its own (Guam), suggests both.
        let by_name = suggested(state);
        assert!(
            by_name.contains(&(*code).to_owned()),
            "{state}: {by_name:?}"
        );
        assert!(by_name.len() <= 2, "{state}: {by_name:?}");
        let lower = suggested(&state.to_lowercase());
        assert_eq!(lower, by_name, "{state}");
        let postal = &code[3..];
        if country(postal).is_none() {
            // First the state; then a same-coded Canadian or Australian one (WA, NT).
            assert_eq!(
                suggested(postal).first(),
                Some(&(*code).to_owned()),
                "{postal}"
            );
            assert_eq!(
                suggested(&postal.to_lowercase()).first(),
                Some(&(*code).to_owned())
            );
        }
    }
}

#[test]
fn names_and_everyday_codes_suggest_the_code() {
    for (text, codes) in [
        ("NY", &["US-NY"][..]),
        ("New York", &["US-NY"]),
        ("new york", &["US-NY"]),
        ("UK", &["GB"]),
        ("England", &["GB-ENG"]),
        ("Scotland", &["GB-SCT"]),
        ("Germany", &["DE"]),
        ("Bavaria", &["DE-BY"]),
        ("Bayern", &["DE-BY"]),
        ("Baden-Württemberg", &["DE-BW"]),
        ("Nordrhein-Westfalen", &["DE-NW"]),
        ("WA", &["US-WA", "AU-WA"]),
        ("NSW", &["AU-NSW"]),
        ("ON", &["CA-ON"]),
        ("Ontario", &["CA-ON"]),
        ("Catalonia", &["ES-CT"]),
        ("Lombardy", &["IT-25"]),
        ("United States", &["US"]),
        ("US_NY", &["US-NY"]),
        ("US NY", &["US-NY"]),
        ("UK-ENG", &["GB-ENG"]),
        ("GB-EN", &["GB-ENG"]),
        ("GB-SCOT", &["GB-SCT"]),
        ("GB-ENGL", &["GB-ENG"]),
        ("US-NYC", &["US-NY"]),
        ("GB-LDS", &[]),
        ("GB-SCO", &[]),
        ("US-ON", &["CA-ON"]),
        ("Nwe York", &["US-NY"]),
        ("Scottland", &["GB-SCT"]),
        ("Californa", &["US-CA"]),
        ("Georgia", &["GE", "US-GA"]),
        ("fr idf", &["FR-IDF"]),
    ] {
        assert_eq!(suggested(text), codes, "{text}");
    }
}

#[test]
fn what_is_not_a_code_is_refused_saying_what_to_write() {
    let text = |t: &str| canonical(t).expect_err(t).to_string();
    assert_eq!(
        text("NY"),
        "`NY` is not an ISO 3166 code (did you mean `US-NY` (New York)?); write an ISO \
         3166-1 country code (US, GB, DE) or an ISO 3166-2 subdivision code: the country's \
         code, `-` and the subdivision's (US-NY, GB-SCT, DE-BY)"
    );
    assert_eq!(
        text("US-XX"),
        "`US-XX` is not an ISO 3166-2 subdivision of United States of America that redress \
         takes; write one of its ISO 3166-2 codes, such as US-NY, or US for the whole country"
    );
    assert!(text("GB-LND").contains("write the nation: GB-ENG, GB-SCT, GB-WLS or GB-NIR"));
    assert!(text("FR-ABCD").contains("after FR and `-` come one to three letters or digits"));
    assert!(text("").starts_with("is empty;"));
    assert!(text("XX").starts_with("`XX` is not an ISO 3166 code; write"));
    assert!(text("US\u{202e}NY").contains("US\\u{202e}NY"));
    for refused in ["US-", "-NY", "U", "USA-NY", "US-NY-1", "EU", "ZZ", "GB-UKM"] {
        assert!(canonical(refused).is_err(), "{refused}");
    }
}

#[test]
fn a_long_text_is_refused_in_time_proportional_to_its_length() {
    let long = "New York ".repeat(100_000);
    let err = canonical(&long).unwrap_err();
    assert!(err.to_string().len() < 2000);
}

#[test]
fn every_calendar_region_and_catalog_jurisdiction_is_a_code() {
    for region in crate::calendar::supported_regions() {
        assert!(is_code(region), "{region}");
    }
    for policy in crate::catalog::all() {
        let codes = std::iter::once(&policy.jurisdiction).chain(&policy.excluded_regions);
        for code in codes.filter(|c| *c != "*") {
            assert!(is_code(code), "{}: {code}", policy.id);
        }
    }
}

#[test]
fn every_listed_code_is_taken_in_lower_case_and_its_name_suggests_it() {
    for (code, name) in COUNTRIES.iter().chain(SUBDIVISIONS) {
        assert_eq!(
            canonical(&code.to_lowercase()).as_deref(),
            Ok(*code),
            "{code}"
        );
        let by_name = suggested(name);
        assert!(by_name.iter().any(|c| c == code), "{name}: {by_name:?}");
    }
}
