//! Assesses the speed targets' one-outage account (`benches/data/ny-one-outage.toml`,
//! New York's PSC rule) a given number of times, for counting instructions per
//! assessment with callgrind, which criterion's timings cannot give:
//!
//! ```sh
//! benches/count_instructions.sh            # both functions, start-up subtracted
//! cargo run --release --example assess_loop -- totals 1000
//! ```
//!
//! `totals` runs `redress::assess_totals` (the figures only), `full` runs
//! `redress::assess` (the claim with its working).

use std::process::ExitCode;

const NY: &str = include_str!("../benches/data/ny-one-outage.toml");

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(which), Some(Ok(times))) = (args.next(), args.next().map(|n| n.parse::<u64>()))
    else {
        eprintln!("usage: assess_loop totals|full TIMES");
        return ExitCode::from(2);
    };
    let file: redress::ClaimFile = match toml::from_str(NY) {
        Ok(file) => file,
        Err(e) => {
            eprintln!("assess_loop: the bundled claim does not parse: {e}");
            return ExitCode::FAILURE;
        }
    };
    let case = match redress::Case::from_file(&file) {
        Ok(case) => case,
        Err(e) => {
            eprintln!("assess_loop: the bundled claim is refused: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Ok(policy) = redress::catalog::get("us-ny-psc-outage-credit") else {
        eprintln!("assess_loop: the catalog has no us-ny-psc-outage-credit");
        return ExitCode::FAILURE;
    };
    // Something of every result is kept, so no assessment can be skipped.
    let mut kept: i128 = 0;
    for _ in 0..times {
        let case = std::hint::black_box(&case);
        let outcome = match which.as_str() {
            "totals" => redress::assess_totals(case, &policy).map(|t| t.total.mantissa()),
            "full" => redress::assess(case, &policy).map(|c| c.lines.len() as i128),
            _ => {
                eprintln!("assess_loop: `{which}` is neither totals nor full");
                return ExitCode::from(2);
            }
        };
        match outcome {
            Ok(n) => kept = kept.wrapping_add(n),
            Err(e) => {
                eprintln!("assess_loop: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!("{kept}");
    ExitCode::SUCCESS
}
