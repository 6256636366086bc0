//! Hostile and broken claim files: each gets a clear error naming the file, the place
//! (field path or line) and the problem, and the CLI exits 2. Never a panic, never a hang.
//!
//! The corpus is `tests/data/bad/`; this table says what each file must produce.

mod common;

use common::{redress, root, scratch};
use redress::diagnose::hides_or_reorders;

/// How every message states the supported instants.
const SUPPORTED: &str =
    "write an instant from 1900-01-01T00:00:00Z up to but not including 2200-01-01T00:00:00Z";

/// serde's words, which a message must not use: it says what is wrong in plain words.
const JARGON: &[&str] = &[
    "invalid type",
    "invalid value",
    "expected u",
    "expected i",
    "sequence",
    "variant",
    "EOF",
    "premature end",
    "struct ",
    "found while parsing",
];

/// (file, what the message must contain besides the file's name).
const CORPUS: &[(&str, &[&str])] = &[
    (
        "truncated.toml",
        &["line 8", "a quoted string is not closed"],
    ),
    (
        "truncated.json",
        &["outages[0].start", "the file ends inside a string"],
    ),
    ("empty.toml", &["the file is empty"]),
    ("empty.json", &["the file is empty"]),
    (
        "binary.toml",
        &[
            "line 1, column 1",
            "the byte 0xff is not UTF-8 text",
            "save the claim file as UTF-8",
        ],
    ),
    (
        "wrong-type.toml",
        &[
            "plan.billing_day",
            "line 4",
            "the text \"fifth\" where a whole number belongs",
            "such as 5",
        ],
    ),
    (
        "wrong-type.json",
        &["plan.services", "the text \"tv\" where a list belongs"],
    ),
    (
        "not-a-document.json",
        &["line 1, column 1", "a JSON claim file is one object"],
    ),
    (
        "unknown-field.toml",
        &[
            "line 7",
            "unknown field `outage`",
            "did you mean `outages`?",
        ],
    ),
    (
        "unknown-nested-field.toml",
        &[
            "outages[0].ended",
            "unknown field `ended`",
            "did you mean `end`?",
        ],
    ),
    (
        "unknown-cause.toml",
        &[
            "outages[0].cause",
            "unknown value `netwrok`",
            "did you mean `network`?",
        ],
    ),
    ("missing-plan.toml", &["missing field `plan`: add it"]),
    (
        "missing-currency.toml",
        &[
            "plan",
            "missing field `currency`: add it",
            "such as \"USD\"",
        ],
    ),
    (
        "missing-start.toml",
        &["outages[0]", "missing field `start`: add it"],
    ),
    (
        "end-before-start.toml",
        &["outages[0].end", "is before the start"],
    ),
    (
        "report-before-start.toml",
        &["outages[0].reported", "before the outage began"],
    ),
    (
        "power-before-start.toml",
        &["outages[0].power_restored", "before the outage began"],
    ),
    (
        "february-30.toml",
        &["outages[0].start", "not a real date and time"],
    ),
    (
        "hour-25.json",
        &["outages[0].start", "not a real date and time"],
    ),
    // Seconds since 1970 are not a time a person reads; a TOML time of day has no date.
    (
        "time-epoch-seconds.json",
        &[
            "outages[0].start",
            "not a date and time; write one such as \"2024-10-01T06:00\" (read in the \
             plan's time_zone) or, with its offset, \"2024-10-01T06:00:00-04:00\"",
        ],
    ),
    (
        "time-without-date.toml",
        &[
            "outages[0].start",
            "line 9",
            "`06:00:00` is a time without a date; write the date too, such as \
             \"2024-10-01T06:00:00\"",
        ],
    ),
    (
        "year-1850.toml",
        &[
            "outages[0].start",
            "outside the supported years 1900-2199, counted in UTC",
            SUPPORTED,
        ],
    ),
    (
        "year-2400.toml",
        &[
            "outages[0].end",
            "outside the supported years 1900-2199, counted in UTC",
            SUPPORTED,
        ],
    ),
    // The supported years are of the instant, however its offset is written.
    (
        "year-2200-utc.toml",
        &[
            "outages[0].end",
            "2200-01-01 is outside the supported years 1900-2199, counted in UTC;",
            SUPPORTED,
        ],
    ),
    (
        "year-2200-written-2199.toml",
        &[
            "outages[0].end",
            "2200-01-01 is outside the supported years 1900-2199, counted in UTC \
             (2199-12-31T19:00:00-05:00 is 2200-01-01T00:00:00Z)",
            SUPPORTED,
        ],
    ),
    (
        "year-1899-written-1900.toml",
        &[
            "outages[0].start",
            "1899-12-31 is outside the supported years 1900-2199, counted in UTC \
             (1900-01-01T04:59:59+05:00 is 1899-12-31T23:59:59Z)",
            SUPPORTED,
        ],
    ),
    // A JSON claim file is one document: nothing may follow its closing `}`.
    (
        "stray-brace.json",
        &[
            "line 8, column 5",
            "the claim's JSON object ends before this, but more text follows",
            "remove the `}` that closes it early",
        ],
    ),
    (
        "trailing-text.json",
        &["line 18, column 1", "more text follows"],
    ),
    // TOML has no such hole: a stray `}` is not a key.
    ("stray-brace.toml", &["line 9, column 1", "not a key"]),
    // Control characters get a reason; hidden ones are shown escaped.
    (
        "control-in-comment.toml",
        &[
            "line 1, column 24",
            "the control character U+0007 is not allowed in a TOML file, not even in a comment",
            "delete it",
        ],
    ),
    (
        "lone-carriage-return.toml",
        &[
            "line 2, column 17",
            "a carriage return (U+000D) not followed by a line feed",
        ],
    ),
    (
        "nul-in-string.json",
        &[
            "plan.time_zone",
            "line 1, column 60",
            "the control character U+0000 is not allowed in a JSON file",
        ],
    ),
    (
        "tab-in-string.json",
        &["customer.name", "line 2, column 30", "write it as \\t"],
    ),
    (
        "bidi-before-key.toml",
        &["line 4, column 1", "\\u{202e}", "delete it"],
    ),
    (
        "zero-width-currency.toml",
        &[
            "plan.currency",
            "unknown currency `US\\u{200b}D`",
            "write one such as USD",
        ],
    ),
    (
        "zero-width-number.toml",
        &["plan.billing_day", "\\u{200b}5", "a whole number"],
    ),
    (
        "bidi-service.toml",
        &[
            "outages[0].services[0]",
            "`tv\\u{202e}\\u{2066}evil\\u{2069}` is not a service kind redress knows",
        ],
    ),
    (
        "bom-in-policy.toml",
        &[
            "policies[0]",
            "unknown policy `us-ny-psc-outage-credit\\u{feff}`",
            "did you mean `us-ny-psc-outage-credit`?",
        ],
    ),
    (
        "unknown-currency.toml",
        &[
            "plan.currency",
            "unknown currency `USX`",
            "write one such as USD, EUR or GBP",
        ],
    ),
    (
        "misspelt-zone.toml",
        &["plan.time_zone", "did you mean `America/New_York`?"],
    ),
    (
        "billing-day-32.toml",
        &["plan.billing_day", "1-31 (got 32)"],
    ),
    ("billing-day-0.toml", &["plan.billing_day", "1-31 (got 0)"]),
    (
        "negative-price.toml",
        &["plan.services[0].monthly_price", "cannot be negative"],
    ),
    (
        "non-numeric-price.toml",
        &["plan.services[0].monthly_price", "not a decimal number"],
    ),
    (
        "duplicate-service.toml",
        &["plan.services[1].kind", "listed twice"],
    ),
    (
        "service-not-in-plan.toml",
        &[
            "outages[0].services[0]",
            "`tv` is not a service of the plan",
            "add `tv` to the plan's services",
        ],
    ),
    (
        "no-services.toml",
        &["outages[0].services", "name at least one"],
    ),
    (
        "negative-customers.toml",
        &[
            "outages[0].customers_affected",
            "the number -5 is not a whole number from 0 up",
        ],
    ),
    (
        "unknown-policy.toml",
        &[
            "policies[0]",
            "did you mean `us-ny-psc-outage-credit`?",
            "`redress policies` lists the ids",
        ],
    ),
    (
        "two-currencies.toml",
        &[
            "uk-ofcom-auto-comp",
            "pays in GBP, but the plan is priced in USD",
        ],
    ),
    (
        "uncovered-services.toml",
        &["aws-ec2-region", "cannot apply", "the plan has internet"],
    ),
    (
        "ongoing-after-as-of.toml",
        &["outages[0].start", "ongoing but starts at or after as_of"],
    ),
    (
        "overflow.toml",
        &[
            "us-ny-psc-outage-credit",
            "arithmetic overflow",
            "too large to compute",
        ],
    ),
];

#[test]
fn every_bad_file_exits_2_naming_the_file_the_place_and_the_problem() {
    let dir = root().join("tests").join("data").join("bad");
    let mut listed: Vec<&str> = CORPUS.iter().map(|(f, _)| *f).collect();
    listed.sort_unstable();
    let mut present: Vec<String> = std::fs::read_dir(&dir)
        .expect("the corpus folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    present.sort_unstable();
    assert_eq!(
        present, listed,
        "every file of the corpus is in the table, and only those"
    );

    for (file, expected) in CORPUS {
        let path = format!("tests/data/bad/{file}");
        let run = redress(["claim", path.as_str()]);
        assert_eq!(
            run.code, 2,
            "{file}: exit {}\n{}{}",
            run.code, run.stdout, run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{file}: {}", run.stderr);
        let message = run.stderr.lines().last().unwrap_or_default();
        assert!(
            message.contains(&path),
            "{file}: the message names the file: {message}"
        );
        for part in *expected {
            assert!(
                message.contains(part),
                "{file}: expected `{part}` in: {message}"
            );
        }
        assert!(
            !message.chars().any(hides_or_reorders),
            "{file}: a hidden character is shown escaped: {message:?}"
        );
        for word in JARGON {
            assert!(
                !message.contains(word),
                "{file}: `{word}` is serde's word, not a plain one: {message}"
            );
        }
    }
}

const NY: &str = "examples/claims/ny-cable-outage.toml";

/// The NY claim file with its outage's end written as `end`, assessed as of a later
/// instant (so the outage is over whatever the end).
fn ny_ending(dir: &std::path::Path, name: &str, end: &str) -> String {
    let text = std::fs::read_to_string(root().join(NY)).expect("read NY");
    let text = text
        .replace(
            "end = \"2024-10-03T11:00:00-04:00\"",
            &format!("end = \"{end}\""),
        )
        .replace("as_of = \"2024-10-05T12:00:00-04:00\"\n", "");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write a scratch claim file");
    path.to_string_lossy().into_owned()
}

/// `--policy ''` is the flag's fault: the message names the flag, not the file.
#[test]
fn an_empty_policy_flag_is_blamed_on_the_flag() {
    for id in ["", "  "] {
        let run = redress(["claim", NY, "--policy", id]);
        assert_eq!(run.code, 2, "{id:?}: {}", run.stderr);
        assert_eq!(
            run.stderr,
            "redress: --policy: an empty policy id; write an id such as \
             us-ny-psc-outage-credit; see `redress policies`\n",
            "{id:?}"
        );
        assert!(run.stdout.is_empty());
    }
}

/// An `--as-of` outside the supported instants is the flag's fault, not the file's
/// `as_of` (which the flag replaces).
#[test]
fn an_as_of_flag_out_of_range_is_blamed_on_the_flag() {
    for (flag, date) in [
        ("2400-01-01T00:00:00Z", "2400-01-01"),
        ("1850-06-01T12:00:00+02:00", "1850-06-01"),
    ] {
        let run = redress(["claim", NY, "--as-of", flag]);
        assert_eq!(run.code, 2, "{flag}: {}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!(
                "redress: --as-of: {date} is outside the supported years 1900-2199, counted in UTC"
            )),
            "{flag}: {}",
            run.stderr
        );
        assert!(
            !run.stderr.contains(NY) && !run.stderr.contains("as_of:"),
            "{flag}: not the file's fault: {}",
            run.stderr
        );
    }
}

/// One instant, written with several offsets, gets one answer: at each edge of the
/// supported range (from 1900-01-01T00:00:00Z, up to but not including
/// 2200-01-01T00:00:00Z), the instant a second inside is accepted and the one at or
/// past the edge refused, whatever the offset, in the file and in `--as-of` alike.
#[test]
fn an_instant_at_the_edges_gets_one_answer_however_its_offset_is_written() {
    let dir = scratch("edges");
    // (the same instant written four ways, accepted?)
    let cases: [([&str; 4], bool); 2] = [
        (
            [
                "2199-12-31T23:59:59Z",
                "2199-12-31T18:59:59-05:00",
                "2200-01-01T05:29:59+05:30",
                "2200-01-01T13:59:59+14:00",
            ],
            true,
        ),
        (
            [
                "2200-01-01T00:00:00Z",
                "2199-12-31T19:00:00-05:00",
                "2200-01-01T05:30:00+05:30",
                "2199-12-31T10:00:00-14:00",
            ],
            false,
        ),
    ];
    for (spellings, accepted) in cases {
        for (i, end) in spellings.iter().enumerate() {
            let file = ny_ending(&dir, &format!("end-{accepted}-{i}.toml"), end);
            let as_of = if accepted {
                spellings[i]
            } else {
                "2199-12-31T23:59:59Z"
            };
            let run = redress(["claim", file.as_str(), "--as-of", as_of]);
            let refused = run.stderr.contains("outside the supported years");
            assert_eq!(!refused, accepted, "end {end}: {}", run.stderr);
            assert_eq!(run.code == 0, accepted, "end {end}: {}", run.stderr);
            if !accepted {
                assert!(run.stderr.contains("outages[0].end: 2200-01-01 is outside"));
            }
            // The same spelling as --as-of, with the file as bundled.
            let run = redress(["claim", NY, "--as-of", end]);
            let refused = run.stderr.contains("outside the supported years");
            assert_eq!(!refused, accepted, "--as-of {end}: {}", run.stderr);
            if !accepted {
                assert!(run
                    .stderr
                    .starts_with("redress: --as-of: 2200-01-01 is outside"));
            }
        }
    }
    // The first edge: 1900-01-01T00:00:00Z is accepted however written, a second
    // before it refused however written.
    for (as_of, accepted) in [
        ("1900-01-01T00:00:00Z", true),
        ("1899-12-31T19:00:00-05:00", true),
        ("1900-01-01T05:30:00+05:30", true),
        ("1899-12-31T23:59:59Z", false),
        ("1899-12-31T18:59:59-05:00", false),
        ("1900-01-01T13:59:59+14:00", false),
    ] {
        let run = redress(["claim", NY, "--as-of", as_of]);
        let refused = run.stderr.contains("outside the supported years");
        assert_eq!(!refused, accepted, "--as-of {as_of}: {}", run.stderr);
    }
}

/// The limit a claim file may not pass, as the message states it.
const LIMIT: u64 = 64 * 1024 * 1024;

fn refused_for_size(run: &common::Run, what: &str) {
    assert_eq!(run.code, 2, "{what}: {}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "the file holds more than 64 MiB ({LIMIT} bytes), the most a claim file may hold"
        )),
        "{what}: {}",
        run.stderr
    );
}

/// A claim file one byte over 64 MiB is refused, saying so and naming the limit; one of
/// exactly 64 MiB is read (and refused for what it holds, not its size).
#[test]
fn a_claim_file_over_64_mib_is_refused_naming_the_limit() {
    let dir = scratch("size");
    // Sparse files: the length is set, no data written.
    let over = dir.join("over.toml");
    std::fs::File::create(&over)
        .and_then(|f| f.set_len(LIMIT + 1))
        .expect("a sparse file");
    refused_for_size(&redress(["claim", over.to_str().unwrap()]), "LIMIT + 1");

    let exactly = dir.join("exactly.toml");
    std::fs::File::create(&exactly)
        .and_then(|f| f.set_len(LIMIT))
        .expect("a sparse file");
    let run = redress(["claim", exactly.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!run.stderr.contains("64 MiB"), "{}", run.stderr);
    assert!(
        run.stderr.contains("the control character U+0000"),
        "{}",
        run.stderr
    );
}

/// A device or a pipe that never ends is read to the limit, not forever.
#[cfg(unix)]
#[test]
fn devices_and_pipes_are_read_no_further_than_the_limit() {
    let dir = scratch("devices");
    for (name, device) in [("zero.toml", "/dev/zero"), ("random.json", "/dev/urandom")] {
        let link = dir.join(name);
        std::os::unix::fs::symlink(device, &link).expect("a symlink to a device");
        refused_for_size(&redress(["claim", link.to_str().unwrap()]), device);
    }

    // A named pipe with a writer that never stops.
    let fifo = dir.join("pipe.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let mut writer = std::process::Command::new("sh")
        .arg("-c")
        .arg("exec cat /dev/zero > \"$0\"")
        .arg(&fifo)
        .spawn()
        .expect("a writer for the pipe");
    let run = redress(["claim", fifo.to_str().unwrap()]);
    // The reader has closed the pipe; the writer stops on its own, or is stopped here.
    let _ = writer.kill();
    let _ = writer.wait();
    refused_for_size(&run, "a named pipe");
}

/// A file's name with hidden characters is shown escaped, as is a flag's text.
#[test]
fn hidden_characters_in_names_and_flags_are_shown_escaped() {
    let dir = scratch("hidden");
    let name = "claim\u{202e}lmot.toml";
    std::fs::write(dir.join(name), "").expect("write");
    let path = dir.join(name);
    let run = redress(["claim", path.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("claim\\u{202e}lmot.toml: the file is empty"),
        "{}",
        run.stderr
    );

    for args in [
        vec!["claim", NY, "--as-of", "2024-10-05\u{200b}"],
        vec!["claim", NY, "--policy", "us-ny-psc-outage-credit\u{2066}"],
        vec!["policies", "--region", "US\u{202e}NY"],
    ] {
        let run = redress(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            !run.stderr.chars().any(hides_or_reorders_but_newline),
            "{args:?}: {:?}",
            run.stderr
        );
        assert!(run.stderr.contains("\\u{"), "{args:?}: {}", run.stderr);
    }
}

fn hides_or_reorders_but_newline(c: char) -> bool {
    c != '\n' && hides_or_reorders(c)
}

/// A JSON claim file that starts with a byte-order mark reads as it would without one.
#[test]
fn a_json_claim_file_may_start_with_a_byte_order_mark() {
    let dir = scratch("bom");
    let toml_text = std::fs::read_to_string(root().join(NY)).expect("read NY");
    let claim: redress::ClaimFile = toml::from_str(&toml_text).expect("NY parses");
    let json = serde_json::to_string(&claim).expect("to JSON");
    let plain = dir.join("plain.json");
    let marked = dir.join("marked.json");
    std::fs::write(&plain, &json).expect("write");
    std::fs::write(&marked, format!("\u{feff}{json}")).expect("write");
    let a = redress(["claim", plain.to_str().unwrap(), "--json"]);
    let b = redress(["claim", marked.to_str().unwrap(), "--json"]);
    assert_eq!(a.code, 0, "{}", a.stderr);
    assert_eq!(b.code, 0, "{}", b.stderr);
    assert_eq!(a.stdout, b.stdout);
}
