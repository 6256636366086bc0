//! `redress batch --report FILE.html`: a self-contained page for a regulator or a
//! newsroom (no script, no network: inline CSS and SVG): the incident, a chart of owed
//! against offered by region, the shortfall table, the rules applied and what was
//! assumed. The figures are the library's (`Shortfalls`); this file only draws them,
//! which is why the plotting and escaping crates are the example's, not the library's.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use html_escape::encode_text as esc;
use plotters::prelude::*;
use redress::batch::{OutageIndex, Shortfalls};
use redress::civil::When;
use redress::policy::Policy;
use rust_decimal::prelude::ToPrimitive;

use super::output::{self, Plan};
use crate::{BatchArgs, Failure};

/// Where `--report` goes, checked before anything is read as `--out` is: never an
/// input, nor the `--out` file.
pub fn plan(args: &BatchArgs, inputs: &[(&str, &Path)]) -> Result<Option<Plan>, Failure> {
    let Some(path) = args.report.as_deref() else {
        return Ok(None);
    };
    let relabel = |mut failure: Failure| {
        failure.message = failure.message.replacen("--out:", "--report:", 1);
        failure.message = failure.message.replace("the credits", "the report");
        failure
    };
    if args.out.as_deref() == Some(path) {
        return Err(Failure::input(format!(
            "--report: `{}` is the --out file; write the report to another file, such as \
             --report report.html",
            path.display()
        )));
    }
    let mut inputs = inputs.to_vec();
    if let Some(out) = args.out.as_deref() {
        inputs.push(("--out", out));
    }
    output::plan(Some(path), &inputs).map(Some).map_err(relabel)
}

/// Writes the page to its file, whole or not at all (as `--out` is written).
pub fn write(plan: Plan, page: &str) -> Result<(), Failure> {
    let mut out = plan.open()?;
    out.writer()
        .write_all(page.as_bytes())
        .map_err(Failure::output)?;
    out.commit()
}

/// What the page shows.
pub struct Report<'a> {
    pub as_of: DateTime<FixedOffset>,
    pub outages: &'a OutageIndex,
    pub shortfalls: &'a Shortfalls,
    pub policies: &'a [Policy],
    pub offer: Option<&'a Policy>,
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;\
padding:0 1rem;color:#222}table{border-collapse:collapse;margin:1rem 0}\
td,th{border:1px solid #bbb;padding:.25rem .5rem}td.n{text-align:right}\
th{background:#eee}h1{font-size:1.6rem}";

/// The page, whole.
pub fn html(report: &Report<'_>) -> String {
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Offered versus owed</title><style>{STYLE}</style></head><body>\n\
         <h1>Offered versus owed</h1>\n<p>Assessed as of {}.</p>\n",
        esc(&report.as_of.to_rfc3339())
    );
    incident(&mut page, report);
    page.push_str("<h2>Owed and offered by region</h2>\n");
    page.push_str(&chart(report.shortfalls));
    shortfall_table(&mut page, report.shortfalls);
    rules(&mut page, report);
    page.push_str(
        "<h2>What was assumed</h2>\n<ul>\
         <li>Every account in an area lost the services its area's outage names, from its \
         start to its end (or to the assessment time while ongoing).</li>\
         <li>The shortfall is what is owed less what was received, never below zero; what \
         was received is the account's <code>credited</code> figure when given, else \
         what the offer gives it.</li>\
         <li>Accounts whose rows could not be read are not in these figures (they are in \
         the CSV's error column).</li></ul>\n</body></html>\n",
    );
    page
}

/// The outages by area, each with its services, times and duration in hours.
fn incident(page: &mut String, report: &Report<'_>) {
    page.push_str(
        "<h2>The incident</h2>\n<table><tr><th>area</th><th>services</th><th>start</th>\
         <th>end</th><th>hours</th><th>customers affected</th></tr>\n",
    );
    let mut areas: Vec<&str> = report.outages.area_names().collect();
    areas.sort_unstable();
    for area in areas {
        for outage in report.outages.outages(area) {
            let services: Vec<String> = outage.services.iter().map(|s| s.to_string()).collect();
            let end = outage
                .end
                .as_ref()
                .map_or("ongoing".to_owned(), |e| e.to_string());
            let hours = match (&outage.start, &outage.end) {
                (When::Exact(s), Some(When::Exact(e))) => hours(*s, *e),
                (When::Exact(s), None) => hours(*s, report.as_of),
                _ => String::new(),
            };
            let customers = outage
                .customers_affected
                .map_or("unknown".to_owned(), |n| n.to_string());
            let _ = writeln!(
                page,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{hours}</td>\
                 <td class=\"n\">{customers}</td></tr>",
                esc(area),
                esc(&services.join(", ")),
                esc(&outage.start.to_string()),
                esc(&end)
            );
        }
    }
    page.push_str("</table>\n");
}

fn hours(start: DateTime<FixedOffset>, end: DateTime<FixedOffset>) -> String {
    let minutes = (end - start).num_minutes();
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// The shortfall table: by area, then by region.
fn shortfall_table(page: &mut String, shortfalls: &Shortfalls) {
    page.push_str("<h2>Shortfall</h2>\n");
    for (label, rows) in [
        ("area", shortfalls.by_area().collect::<Vec<_>>()),
        ("region", shortfalls.by_region().collect::<Vec<_>>()),
    ] {
        let _ = writeln!(
            page,
            "<table><tr><th>{label}</th><th>policy</th><th>accounts</th><th>short-changed</th>\
             <th>owed</th><th>offered</th><th>credited</th><th>shortfall</th></tr>"
        );
        for (place, policy, currency, t) in rows {
            let _ = writeln!(
                page,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
                 <td class=\"n\">{}</td><td class=\"n\">{}</td>\
                 <td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                esc(place),
                esc(policy),
                t.accounts,
                t.short,
                money(t.owed, currency),
                known(t.offered, t.offered_accounts, currency),
                known(t.credited, t.credited_accounts, currency),
                known(t.shortfall, t.accounts.saturating_sub(t.unknown), currency)
            );
        }
        page.push_str("</table>\n");
    }
}

/// A sum over the accounts that had the figure, or "-" when none had it (no offer, no
/// `credited` column).
fn known(amount: rust_decimal::Decimal, accounts: u64, currency: redress::Currency) -> String {
    if accounts == 0 {
        "-".to_owned()
    } else {
        money(amount, currency)
    }
}

/// An amount at its currency's minor unit at least (`0.00 USD`, not `0 USD`).
fn money(mut amount: rust_decimal::Decimal, currency: redress::Currency) -> String {
    if amount.scale() < currency.minor_units() {
        amount.rescale(currency.minor_units());
    }
    format!("{amount} {}", currency.code())
}

/// The rules applied and the offer, with their citations.
fn rules(page: &mut String, report: &Report<'_>) {
    page.push_str("<h2>Rules applied</h2>\n<ul>\n");
    let offer = report.offer.map(|p| (p, " (the offer)"));
    for (policy, what) in report.policies.iter().map(|p| (p, "")).chain(offer) {
        let _ = writeln!(
            page,
            "<li><strong>{}</strong>{what}: {}. <em>{}</em></li>",
            esc(&policy.id),
            esc(&policy.title),
            esc(&policy.citation)
        );
    }
    page.push_str("</ul>\n");
}

/// Owed against offered, a pair of bars per region, as inline SVG.
fn chart(shortfalls: &Shortfalls) -> String {
    // The regions short most first, at most 20 pairs of bars (the table has them all).
    let mut regions: Vec<_> = shortfalls.by_region().collect();
    regions.sort_by_key(|r| std::cmp::Reverse(r.3.shortfall));
    let bars: Vec<Bar> = regions
        .into_iter()
        .take(20)
        .map(|(region, policy, currency, t)| Bar {
            label: format!("{region} {policy}"),
            owed: (t.owed.to_f64().unwrap_or(0.0), money(t.owed, currency)),
            offered: (
                t.offered.to_f64().unwrap_or(0.0),
                money(t.offered, currency),
            ),
        })
        .collect();
    let mut svg = String::new();
    let height = 60 + 50 * bars.len().max(1) as u32;
    let drawn = draw(&mut svg, &bars, height);
    if drawn.is_err() {
        return "<p>(the chart could not be drawn)</p>\n".to_owned();
    }
    svg.push('\n');
    svg
}

/// One region's pair of bars: each amount as drawn and as written.
struct Bar {
    label: String,
    owed: (f64, String),
    offered: (f64, String),
}

fn draw(svg: &mut String, bars: &[Bar], height: u32) -> Result<(), String> {
    let root = SVGBackend::with_string(svg, (800, height)).into_drawing_area();
    let err = |e: DrawingAreaErrorKind<_>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    let most = bars
        .iter()
        .map(|bar| bar.owed.0.max(bar.offered.0))
        .fold(1.0_f64, f64::max);
    let (x, scale) = (300, 360.0 / most);
    let w = |v: f64| x + (v * scale) as i32;
    let font = ("sans-serif", 13);
    for (i, bar) in bars.iter().enumerate() {
        let y = 40 + 50 * i as i32;
        let (owed, offered) = (&bar.owed, &bar.offered);
        root.draw(&Text::new(bar.label.clone(), (10, y + 12), font))
            .map_err(err)?;
        root.draw(&Rectangle::new([(x, y), (w(owed.0), y + 18)], RED.filled()))
            .map_err(err)?;
        let blue = Rectangle::new([(x, y + 20), (w(offered.0), y + 38)], BLUE.filled());
        root.draw(&blue).map_err(err)?;
        let owed_text = Text::new(format!("owed {}", owed.1), (w(owed.0) + 4, y + 3), font);
        root.draw(&owed_text).map_err(err)?;
        let at = (w(offered.0) + 4, y + 23);
        root.draw(&Text::new(format!("offered {}", offered.1), at, font))
            .map_err(err)?;
    }
    let key = Text::new("red: owed; blue: offered".to_owned(), (10, 10), font);
    root.draw(&key).map_err(err)?;
    root.present().map_err(err)?;
    Ok(())
}
