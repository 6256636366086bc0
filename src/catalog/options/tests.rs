use super::*;
use crate::catalog::{get, ids};

fn kebab(word: &str) -> bool {
    !word.is_empty()
        && !word.starts_with('-')
        && !word.ends_with('-')
        && !word.contains("--")
        && word
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[test]
fn the_registry_names_catalog_policies_once_with_kebab_case_options() {
    let mut seen = Vec::new();
    for entry in REGISTRY {
        assert!(
            ids().contains(&entry.id),
            "{} is not a catalog id",
            entry.id
        );
        assert!(!seen.contains(&entry.id), "{} listed twice", entry.id);
        seen.push(entry.id);
        assert!(
            !entry.options.is_empty(),
            "{}: an entry without options",
            entry.id
        );
        for (i, option) in entry.options.iter().enumerate() {
            let place = format!("{}.{}", entry.id, option.name);
            assert!(kebab(option.name), "{place}: not kebab-case");
            assert!(
                entry.options[..i].iter().all(|o| o.name != option.name),
                "{place}: named twice"
            );
            assert!(option.values.len() >= 2, "{place}: nothing to choose");
            assert_eq!(option.values.first(), Some(&option.default), "{place}");
            assert!(
                option.values.iter().all(|v| kebab(v)),
                "{place}: a value not kebab-case"
            );
            let mut values = option.values.to_vec();
            values.sort_unstable();
            values.dedup();
            assert_eq!(values.len(), option.values.len(), "{place}: a value twice");
            assert!(!option.meaning.is_empty(), "{place}: no meaning");
        }
    }
}

#[test]
fn without_options_or_with_only_defaults_each_policy_is_the_catalogs() {
    for id in ids() {
        let catalog = get(id).unwrap();
        assert_eq!(with_options(id, &[]).unwrap(), catalog, "{id}");
        let defaults: Vec<(&str, &str)> = reading_options(id)
            .iter()
            .map(|o| (o.name, o.default))
            .collect();
        assert_eq!(with_options(id, &defaults).unwrap(), catalog, "{id}");
    }
}

/// Every word of every option builds, and each word other than the default builds
/// another policy (a word the builder does not match would fall back to the default),
/// noted in plain words.
#[test]
fn every_value_of_every_option_builds_its_own_reading() {
    let mut built = 0;
    for entry in REGISTRY {
        let default = get(entry.id).unwrap();
        for option in entry.options {
            let mut seen: Vec<Policy> = vec![default.clone()];
            for value in option.values.iter().filter(|v| **v != option.default) {
                let policy = with_options(entry.id, &[(option.name, value)]).unwrap();
                let note = format!("{} = {value} (default: {})", option.name, option.default);
                assert_eq!(policy.chosen_options, [note], "{}", entry.id);
                let mut bare = policy.clone();
                bare.chosen_options.clear();
                assert!(
                    !seen.contains(&bare),
                    "{}.{} = {value} builds a reading already built",
                    entry.id,
                    option.name
                );
                seen.push(bare);
                built += 1;
            }
        }
    }
    // 1 + 3 + 4 + 2 + 3 + 1 + 2 + 2 + 5 + 1 + 1 + 2 + 2: every word but the defaults, in
    // the registry's order (Ofgem's 5: counting 1, normal-weather cap 2, large incidents 1,
    // multiple interruptions 1).
    assert_eq!(built, 29);
}

#[test]
fn options_combine_and_the_last_word_given_wins() {
    let p = with_options(
        "de-tkg-58",
        &[
            ("restoration-day", "paid"),
            ("report-day", "day-one"),
            ("report-day", "day-zero"),
        ],
    )
    .unwrap();
    let mut want = de::tkg_58_with(de::TkgOptions {
        restoration_day: de::RestorationDay::Paid,
        ..Default::default()
    });
    want.chosen_options = vec!["restoration-day = paid (default: unpaid)".to_owned()];
    assert_eq!(p, want);
}

#[test]
fn a_name_or_word_not_known_is_refused_with_the_list_and_the_nearest() {
    let err = with_options("us-nj-cable", &[("scop", "every-service")]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "policy `us-nj-cable` has no option `scop` (did you mean `scope`?); its options: \
         `month`, `scope`"
    );
    let err = with_options("rogers-2022", &[("month", "30-day")]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "option `month` of policy `rogers-2022` has no value `30-day` (did you mean \
         `30-days`?); its values: `calendar-month`, `30-days`, `annualised`"
    );
    let err = with_options("aws-ec2-region", &[("month", "30-days")]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "policy `aws-ec2-region` has no option `month`; it has no reading options to choose"
    );
    assert!(matches!(
        with_options("rogers-2023", &[]),
        Err(Error::UnknownPolicy { .. })
    ));
}

fn file_options(text: &str) -> ChosenOptions {
    let file: crate::ClaimFile = toml::from_str(&format!(
        "{text}\n[plan]\ncurrency = \"CAD\"\ntime_zone = \"America/Toronto\"\n"
    ))
    .unwrap();
    file.options
}

#[test]
fn a_claim_files_options_are_named_by_their_path_when_refused() {
    for (text, want) in [
        (
            "[options.Rogers-2022]\nmonth = \"30-days\"",
            "options.Rogers-2022: unknown policy `Rogers-2022` (did you mean `rogers-2022`?)",
        ),
        (
            "[options.rogers]\nmonth = \"30-days\"",
            "options.rogers: unknown policy `rogers` (did you mean `rogers-2022`?)",
        ),
        (
            "[options.rogers-2022]\nMonth = \"30-days\"",
            "options.rogers-2022.Month: policy `rogers-2022` has no option `Month` (did you \
             mean `month`?); its options: `month`",
        ),
        (
            "[options.rogers-2022]\nmonth = \"30 days\"",
            "options.rogers-2022.month: option `month` of policy `rogers-2022` has no value \
             `30 days` (did you mean `30-days`?); its values: `calendar-month`, `30-days`, \
             `annualised`",
        ),
        (
            "[options.rogers-2022]\nas_of = \"2022-07-20T12:00\"",
            "options.rogers-2022.as_of: policy `rogers-2022` has no option `as_of`; its \
             options: `month`; `as_of` is a top-level field, and in TOML a key written after \
             a table's header belongs to that table: write `as_of` before the first table",
        ),
    ] {
        let err = check_options(&file_options(text)).unwrap_err();
        assert_eq!(err.to_string(), want, "{text}");
    }
}

#[test]
fn options_of_a_policy_not_built_are_checked_and_change_nothing_else() {
    let options = file_options("[options.us-nj-cable]\nscope = \"every-service\"");
    assert!(check_options(&options).is_ok());
    assert_eq!(
        with_file_options("rogers-2022", &options).unwrap(),
        get("rogers-2022").unwrap()
    );
    let nj = with_file_options("us-nj-cable", &options).unwrap();
    assert_eq!(
        nj.chosen_options,
        ["scope = every-service (default: cable-television)"]
    );
}

#[test]
fn assess_file_builds_the_named_policies_with_the_files_options() {
    let file: crate::ClaimFile = toml::from_str(
        r#"
        policies = ["rogers-2022"]
        [options.rogers-2022]
        month = "30-days"
        [plan]
        provider = "Rogers"
        currency = "CAD"
        time_zone = "America/Toronto"
        [[plan.services]]
        kind = "mobile"
        monthly_price = "90"
        [[outages]]
        services = ["mobile"]
        start = "2022-07-08T04:45:00-04:00"
        end = "2022-07-08T23:00:00-04:00"
        "#,
    )
    .unwrap();
    let claims = crate::assess_file(&file).unwrap();
    // 5 × 90 / 30 = 15.00 (the default, 5 × 90 / 31 = 14.516 → 14.52).
    assert_eq!(claims[0].total.to_string(), "15.00");
    assert!(claims[0]
        .notes
        .contains(&"Option chosen: month = 30-days (default: calendar-month)".to_owned()));
    let mut bad = file.clone();
    bad.options
        .entry("rogers-2022".to_owned())
        .or_default()
        .insert("month".to_owned(), "31-days".to_owned());
    assert!(crate::assess_file(&bad).is_err());
}
