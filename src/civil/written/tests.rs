use super::*;
use chrono_tz::{America, Australia, Europe, UTC};

fn when(text: &str) -> When {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn refused(text: &str) -> String {
    match text.parse::<When>() {
        Ok(w) => panic!("{text} was read as {w:?}"),
        Err(e) => e.to_string(),
    }
}

fn local(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, mo, d)
        .and_then(|d| d.and_hms_opt(h, mi, s))
        .unwrap()
}

/// Every spelling the claim file accepts, and what it keeps: the offset only where one
/// is written, spaces around the whole ignored.
#[test]
fn each_spelling_keeps_what_was_written() {
    let six = local(2024, 10, 1, 6, 0, 0);
    for text in [
        "2024-10-01T06:00",
        "2024-10-01T06:00:00",
        "2024-10-01 06:00",
        "2024-10-01 06:00:00",
        "2024-10-01t06:00",
        "  2024-10-01T06:00  ",
    ] {
        assert_eq!(when(text), When::Local(six), "{text}");
    }
    // 06:00 at -04:00 is 10:00 UTC however the offset is spelt.
    let exact = DateTime::parse_from_rfc3339("2024-10-01T06:00:00-04:00").unwrap();
    for text in [
        "2024-10-01T06:00:00-04:00",
        "2024-10-01T06:00-04:00",
        "2024-10-01 06:00-04:00",
        "2024-10-01T06:00:00-0400",
    ] {
        let read = when(text);
        assert_eq!(read, When::Exact(exact), "{text}");
        assert_eq!(read.exact().unwrap().offset().local_minus_utc(), -4 * 3600);
    }
    assert_eq!(
        when("2024-10-01T10:00z").exact().unwrap().to_rfc3339(),
        "2024-10-01T10:00:00+00:00"
    );
    // Fractions of a second are kept to the nanosecond.
    assert_eq!(
        when("2024-10-01T06:00:00.000000001").to_string(),
        "2024-10-01T06:00:00.000000001"
    );
    assert_eq!(
        when("2024-10-01"),
        When::Date(NaiveDate::from_ymd_opt(2024, 10, 1).unwrap())
    );
}

/// Text that is no date and time is refused saying what to write; an impossible one says
/// it is not a real date and time.
#[test]
fn what_is_not_a_date_and_time_says_what_to_write() {
    for text in [
        "yesterday",
        "2024-10-01T06",
        "20241001T0600",
        "2024-10-01T06:00:00+25:00",
        "2024-10-01T06:00:00-04",
        "2024-10-01T06:00:00-04:60",
        "2024-10-01T06:00:00 EDT",
        "",
    ] {
        let message = refused(text);
        assert!(
            message.contains("is not a date and time; write"),
            "{text}: {message}"
        );
        assert!(message.contains("\"2024-10-01T06:00\" (read in the plan's time_zone)"));
    }
    for text in ["2024-02-30T06:00", "2024-10-01T25:00:00Z", "2023-02-29"] {
        assert!(
            refused(text).contains("is not a real date and time"),
            "{text}"
        );
    }
    assert_eq!(
        refused("03:00:00"),
        "`03:00:00` is a time without a date; write the date too, such as \"2024-10-01T03:00:00\""
    );
    // A character that would hide text on a terminal is shown, not acted on.
    assert!(refused("2024-10-01\u{202e}T06:00").contains("\\u{202e}"));
}

/// A local time is read at the zone's offset then: 06:00 in New York on 1 October 2024 is
/// daylight time, -04:00, so 10:00 UTC; on 1 December it is -05:00, so 11:00 UTC.
#[test]
fn a_local_time_is_read_at_the_zones_offset_then() {
    let ny = America::New_York;
    let october = when("2024-10-01T06:00").instant_in(ny).unwrap();
    assert_eq!(october.to_rfc3339(), "2024-10-01T06:00:00-04:00");
    assert_eq!(october.naive_utc(), local(2024, 10, 1, 10, 0, 0));
    let december = when("2024-12-01 06:00").instant_in(ny).unwrap();
    assert_eq!(december.naive_utc(), local(2024, 12, 1, 11, 0, 0));
    // An exact instant is itself in any zone.
    let exact = when("2024-10-01T06:00:00+05:30");
    assert_eq!(exact.instant_in(ny).unwrap(), exact.exact().unwrap());
    assert_eq!(exact.instant_in(UTC).unwrap(), exact.exact().unwrap());
}

/// A DST fold: New York went back from 02:00 EDT (-04:00) to 01:00 EST (-05:00) on
/// 3 November 2024, so 01:30 happened at 05:30 UTC and again at 06:30 UTC. Both are
/// named, each with its offset; just before and after the fold, one instant.
#[test]
fn a_time_in_a_fold_is_refused_naming_both_offsets() {
    let ny = America::New_York;
    assert_eq!(
        when("2024-11-03T01:30")
            .instant_in(ny)
            .unwrap_err()
            .to_string(),
        "2024-11-03T01:30 happened twice in America/New_York: write 2024-11-03T01:30-04:00 \
         for the first or 2024-11-03T01:30-05:00 for the second"
    );
    // 00:59:59 is before the fold (once, at -04:00); 02:00 after it (once, at -05:00).
    assert_eq!(
        when("2024-11-03T00:59:59")
            .instant_in(ny)
            .unwrap()
            .to_rfc3339(),
        "2024-11-03T00:59:59-04:00"
    );
    assert_eq!(
        when("2024-11-03T02:00")
            .instant_in(ny)
            .unwrap()
            .to_rfc3339(),
        "2024-11-03T02:00:00-05:00"
    );
    // Both spellings the message suggests are accepted, an hour apart.
    let first = when("2024-11-03T01:30-04:00").instant_in(ny).unwrap();
    let second = when("2024-11-03T01:30-05:00").instant_in(ny).unwrap();
    assert_eq!(second - first, TimeDelta::hours(1));
    // Sydney's fold: back from 03:00 AEDT (+11:00) to 02:00 AEST (+10:00), 7 April 2024.
    assert!(when("2024-04-07T02:15")
        .instant_in(Australia::Sydney)
        .unwrap_err()
        .to_string()
        .contains("write 2024-04-07T02:15+11:00 for the first or 2024-04-07T02:15+10:00"));
}

/// A DST gap: New York went from 02:00 EST to 03:00 EDT on 10 March 2024, so 02:30 never
/// showed. The message says when the clocks jumped and gives the instants an hour either
/// side, each at the offset it really had: 03:30-04:00 (07:30 UTC) and 01:30-05:00
/// (06:30 UTC). London's gap (30 March 2025, 01:00 GMT to 02:00 BST) likewise.
#[test]
fn a_time_in_a_gap_is_refused_saying_when_the_clocks_jumped() {
    assert_eq!(
        when("2024-03-10T02:30")
            .instant_in(America::New_York)
            .unwrap_err()
            .to_string(),
        "2024-03-10T02:30 did not happen in America/New_York: clocks went from 02:00 to \
         03:00; write an instant with its offset, such as 2024-03-10T03:30-04:00 or \
         2024-03-10T01:30-05:00"
    );
    assert_eq!(
        when("2025-03-30 01:00")
            .instant_in(Europe::London)
            .unwrap_err()
            .to_string(),
        "2025-03-30T01:00 did not happen in Europe/London: clocks went from 01:00 to \
         02:00; write an instant with its offset, such as 2025-03-30T02:00+01:00 or \
         2025-03-30T00:00+00:00"
    );
    // The last second before the gap and its first minute after exist.
    assert!(when("2024-03-10T01:59:59")
        .instant_in(America::New_York)
        .is_ok());
    assert!(when("2024-03-10T03:00")
        .instant_in(America::New_York)
        .is_ok());
    // Every time the message suggests is accepted, and without a note.
    for suggested in ["2024-03-10T03:30-04:00", "2024-03-10T01:30-05:00"] {
        let t = when(suggested);
        assert!(t.instant_in(America::New_York).is_ok());
        assert_eq!(t.offset_note(America::New_York, "start"), None);
    }
}

/// A date alone is refused with an example at noon that day, in the zone and with the
/// zone's offset then: New York is at -04:00 on 19 July 2024, Sydney at +10:00.
#[test]
fn a_date_alone_is_refused_with_an_example_in_the_zone() {
    let date = when("2024-07-19");
    assert_eq!(
        date.resolve(America::New_York, "start").unwrap_err(),
        "`2024-07-19` is a date; `start` needs a time too, such as 2024-07-19T12:00 (read \
         in America/New_York) or 2024-07-19T12:00-04:00"
    );
    assert_eq!(
        date.instant_in(Australia::Sydney).unwrap_err().to_string(),
        "`2024-07-19` is a date; an instant needs a time too, such as 2024-07-19T12:00 \
         (read in Australia/Sydney) or 2024-07-19T12:00+10:00"
    );
}

/// An offset the zone did not have then is noted, naming both offsets and the instant
/// in the zone: 05:00 at -05:00 is 10:00 UTC, which New York (at -04:00 in October)
/// shows as 06:00. The zone's own offset, and UTC however written, are not noted.
#[test]
fn an_offset_the_zone_did_not_have_is_noted() {
    let ny = America::New_York;
    assert_eq!(
        when("2024-10-01T05:00:00-05:00").offset_note(ny, "start of outage 1"),
        Some(
            "start of outage 1 was written -05:00 (2024-10-01T05:00-05:00); New York \
             (America/New_York) was at -04:00 then, so it is taken as that instant, \
             2024-10-01T06:00-04:00 there"
                .to_owned()
        )
    );
    // In December New York is at -05:00: the same spelling is its own offset then.
    assert_eq!(
        when("2024-12-01T05:00:00-05:00").offset_note(ny, "start"),
        None
    );
    assert_eq!(
        when("2024-10-01T06:00:00-04:00").offset_note(ny, "start"),
        None
    );
    for utc in ["2024-10-01T10:00:00Z", "2024-10-01T10:00:00+00:00"] {
        assert_eq!(when(utc).offset_note(ny, "start"), None, "{utc}");
    }
    // A local time has no offset of its own to note.
    assert_eq!(when("2024-10-01T06:00").offset_note(ny, "start"), None);
    // A zone without a city is named as it is.
    assert!(when("2024-10-01T05:00:00-05:00")
        .offset_note(chrono_tz::EST, "as_of")
        .is_none());
    assert!(when("2024-10-01T06:00:00-04:00")
        .offset_note(chrono_tz::EST, "as_of")
        .unwrap()
        .contains("; EST was at -05:00 then"));
}

/// The zones that are a fixed offset or a rule rather than a place are noted with the
/// zone to write; a place's zone, UTC and HST (Honolulu keeps -10:00 all year) are not.
#[test]
fn a_fixed_offset_zone_is_noted_with_the_zone_to_write() {
    let noted = |zone: Tz| zone_note(zone).unwrap_or_default();
    assert!(noted(chrono_tz::EST).contains("`EST` is a fixed offset, -05:00 all year"));
    assert!(noted(chrono_tz::EST).contains("such as America/New_York"));
    assert!(noted(chrono_tz::MST).contains("America/Phoenix for Arizona"));
    assert!(noted(chrono_tz::EST5EDT).contains("`EST5EDT` is a rule, not a place"));
    assert!(noted(chrono_tz::CET).contains("Europe/Berlin"));
    // Etc/GMT+5 is five hours behind UTC: its sign is the reverse of ISO 8601's.
    assert!(noted(chrono_tz::Etc::GMTPlus5).contains("-05:00 all year"));
    assert!(noted(chrono_tz::Etc::GMTMinus10).contains("+10:00 all year"));
    for fine in [
        America::New_York,
        UTC,
        chrono_tz::HST,
        chrono_tz::Etc::GMT,
        chrono_tz::Etc::GMTPlus0,
        chrono_tz::Etc::UTC,
    ] {
        assert_eq!(zone_note(fine), None, "{}", fine.name());
    }
}

/// Written back, a time keeps its form: an exact instant its offset, a local time none;
/// TOML's own date-times mean what the quoted text means.
#[test]
fn a_time_is_written_back_as_it_was_written() {
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Doc {
        t: When,
    }
    for text in [
        "2024-10-01T06:00:00-05:00",
        "2024-10-01T06:00:00",
        "2024-10-01T06:00:00.500",
        "2024-10-01",
    ] {
        let doc = Doc { t: when(text) };
        let json = serde_json::to_string(&doc).unwrap();
        assert_eq!(json, format!("{{\"t\":\"{text}\"}}"));
        assert_eq!(serde_json::from_str::<Doc>(&json).unwrap(), doc);
        let toml_text = toml::to_string(&doc).unwrap();
        assert_eq!(toml::from_str::<Doc>(&toml_text).unwrap(), doc);
    }
    let native: Doc = toml::from_str("t = 2024-10-01T06:00:00-04:00").unwrap();
    assert_eq!(native.t, when("2024-10-01T06:00:00-04:00"));
    let native: Doc = toml::from_str("t = 2024-10-01 06:00:00").unwrap();
    assert_eq!(native.t, when("2024-10-01T06:00"));
    let native: Doc = toml::from_str("t = 2024-10-01").unwrap();
    assert_eq!(native.t, when("2024-10-01"));
    let err = toml::from_str::<Doc>("t = 06:00:00")
        .unwrap_err()
        .to_string();
    assert!(err.contains("a time without a date"), "{err}");
    let err = serde_json::from_str::<Doc>("{\"t\": {\"a\": 1}}")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("a table where a date and time belongs"),
        "{err}"
    );
    let err = serde_json::from_str::<Doc>("{\"t\": 5}")
        .unwrap_err()
        .to_string();
    assert!(err.contains("invalid type: integer `5`"), "{err}");
}

/// No text makes reading or resolving a time panic: at the ends of chrono's years, in
/// zones with gaps and folds, whatever the characters.
#[test]
fn no_text_makes_reading_or_resolving_panic() {
    use proptest::prelude::*;
    let zones = [
        America::New_York,
        Europe::London,
        Australia::Sydney,
        chrono_tz::Australia::Lord_Howe,
        chrono_tz::EST,
        UTC,
    ];
    let check = |text: &str| {
        if let Ok(written) = text.parse::<When>() {
            for zone in zones {
                let _ = written.instant_in(zone);
                let _ = written.offset_note(zone, "start");
                let _ = written.resolve(zone, "start");
            }
            let _ = written.to_string();
        }
    };
    for text in [
        "262142-12-31T23:59:59",
        "262143-01-01T00:00",
        "-262143-01-01T00:00",
        "+262142-12-31T23:59:59.999999999-23:59",
        "9999-12-31T23:59:59+23:59",
        "0000-01-01T00:00:00-23:59",
        "2024-10-01T06:00:00.9999999999",
        "2024-10-01T23:59:60",
    ] {
        check(text);
    }
    let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
        cases: 4_000,
        ..Default::default()
    });
    runner
        .run(
            &prop_oneof![
                "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,10})?)?([Zz]|[+-][0-9]{2}:?[0-9]{2})?",
                "[0-9Tt:. +Zz-]{0,30}",
                "\\PC{0,30}",
            ],
            |text| {
                check(&text);
                Ok(())
            },
        )
        .unwrap();
}
