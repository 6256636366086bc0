//! Regions: ISO 3166-1 alpha-2 country codes (`US`, `GB`, `DE`) and ISO 3166-2
//! subdivision codes (`US-NY`, `GB-SCT`, `DE-BY`), in any letter case, checked and
//! written upper case. Source: ISO 3166-1 and ISO 3166-2.
//!
//! The rule: a region means exactly what its code means, or it is refused with what to
//! write instead. A code is accepted when
//!
//! - it is one of the 249 officially assigned ISO 3166-1 alpha-2 codes; or
//! - it is such a country code, `-` and a subdivision of that country: for the countries
//!   whose subdivisions redress carries (see [`checks_subdivisions`]: Australia's states
//!   and territories, Canada's provinces and territories, Germany's Länder, Italy's
//!   regions and provinces, Portugal's districts and autonomous regions, Spain's
//!   communities and provinces, the four nations of the United Kingdom, the United
//!   States' states, district and outlying areas) one of those; for any other country,
//!   one to three letters or digits, checked for its country only.
//!
//! A bare code always means the country: `CA` is Canada (not California), `DE` Germany
//! (not Delaware), `IN` India (not Indiana). Names and everyday codes are refused with the
//! code they name: `NY` and `New York` suggest `US-NY`, `UK` suggests `GB`, `England`
//! suggests `GB-ENG`, `Bayern` suggests `DE-BY`, a misspelt name the nearest.
//!
//! ```
//! use redress::region::canonical;
//! assert_eq!(canonical("us-ny")?, "US-NY");
//! assert_eq!(canonical("CA")?, "CA");
//! let err = canonical("NY").unwrap_err();
//! assert_eq!(err.suggestions(), ["US-NY"]);
//! # Ok::<(), redress::region::Unknown>(())
//! ```

mod codes;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use crate::suggest::nearest;
use crate::visible::visible;
use codes::{CHECKED, COUNTRIES, OTHER_NAMES, SUBDIVISIONS};

/// The most suggestions a refusal lists.
const MOST_SUGGESTED: usize = 3;

/// A region code checked and written upper case: borrowed when the text was already
/// written so (as nearly every row of a batch is), with surrounding spaces left out.
///
/// # Errors
/// [`Unknown`] for anything that is not an ISO 3166 code by the rule of this module,
/// with the codes it may have meant.
///
/// # Example
/// ```
/// use redress::region::canonical;
/// assert_eq!(canonical(" gb-sct ")?, "GB-SCT");
/// assert_eq!(canonical("FR-IDF")?, "FR-IDF"); // France's subdivisions: checked for form only
/// assert_eq!(canonical("UK").unwrap_err().suggestions(), ["GB"]);
/// assert!(canonical("US-XX").is_err());
/// # Ok::<(), redress::region::Unknown>(())
/// ```
pub fn canonical(text: &str) -> Result<Cow<'_, str>, Unknown> {
    let text = text.trim();
    if is_code(text) {
        return Ok(Cow::Borrowed(text));
    }
    if text.len() <= 6 && text.is_ascii() {
        let upper = text.to_ascii_uppercase();
        if is_code(&upper) {
            return Ok(Cow::Owned(upper));
        }
    }
    Err(refuse(text))
}

/// Whether `code` is a region code as [`canonical`] writes it: upper case, valid.
///
/// # Example
/// ```
/// use redress::region::is_code;
/// assert!(is_code("US-NY") && is_code("DE") && is_code("JP-13"));
/// assert!(!is_code("us-ny") && !is_code("NY") && !is_code("GB-LND"));
/// ```
pub fn is_code(code: &str) -> bool {
    match code.split_once('-') {
        None => code.len() == 2 && country(code).is_some(),
        Some((land, sub)) => {
            if country(land).is_none() {
                false
            } else if checks_subdivisions(land) {
                subdivision(code).is_some()
            } else {
                (1..=3).contains(&sub.len())
                    && sub
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            }
        }
    }
}

/// The English name of a region code (upper case), if it is one redress lists: every
/// country, and the subdivisions of the countries it checks.
///
/// # Example
/// ```
/// use redress::region::name;
/// assert_eq!(name("DE"), Some("Germany"));
/// assert_eq!(name("US-NY"), Some("New York"));
/// assert_eq!(name("FR-IDF"), None);
/// ```
pub fn name(code: &str) -> Option<&'static str> {
    country(code).or_else(|| subdivision(code))
}

/// Whether redress checks a country's subdivision codes against their ISO 3166-2 list
/// (`US`, `CA`, `GB`, `DE`, `ES`, `IT`, `PT`, `AU`); any other country's are checked for
/// their form only: one to three letters or digits after the country code and `-`.
///
/// # Example
/// ```
/// use redress::region::checks_subdivisions;
/// assert!(checks_subdivisions("US") && checks_subdivisions("GB"));
/// assert!(!checks_subdivisions("FR"));
/// ```
pub fn checks_subdivisions(country: &str) -> bool {
    CHECKED.binary_search_by(|(c, _)| (*c).cmp(country)).is_ok()
}

/// Every ISO 3166-1 alpha-2 code with its English short name, by code.
///
/// # Example
/// ```
/// let countries = redress::region::countries();
/// assert_eq!(countries.len(), 249);
/// assert!(countries.contains(&("GB", "United Kingdom of Great Britain and Northern Ireland")));
/// ```
pub fn countries() -> &'static [(&'static str, &'static str)] {
    COUNTRIES
}

fn country(code: &str) -> Option<&'static str> {
    lookup(COUNTRIES, code)
}

fn subdivision(code: &str) -> Option<&'static str> {
    lookup(SUBDIVISIONS, code)
}

fn lookup(table: &'static [(&'static str, &'static str)], code: &str) -> Option<&'static str> {
    let at = table.binary_search_by(|(c, _)| (*c).cmp(code)).ok()?;
    table.get(at).map(|(_, name)| *name)
}

/// A region that is not an ISO 3166 code by the rule of [`crate::region`], with the codes
/// it may have meant.
///
/// # Example
/// ```
/// let err = redress::region::canonical("New York").unwrap_err();
/// assert_eq!(err.given(), "New York");
/// assert_eq!(err.suggestions(), ["US-NY"]);
/// assert!(err.to_string().starts_with("`New York` is not an ISO 3166 code (did you mean `US-NY` (New York)?)"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    given: String,
    suggestions: Vec<String>,
    why: Why,
}

/// What kind of mistake a refused region is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    /// Nothing was written.
    Empty,
    /// Not a code at all (a name, an unassigned code).
    NotCode,
    /// A valid country whose subdivisions are checked, with a subdivision it lacks.
    NotSubdivision(&'static str),
    /// A valid country whose subdivisions are checked for form only, with a bad form.
    BadForm(&'static str),
}

impl Unknown {
    /// The text refused, spaces around it left out.
    pub fn given(&self) -> &str {
        &self.given
    }

    /// The codes it may have meant, nearest first (at most three; none when nothing is
    /// close).
    pub fn suggestions(&self) -> &[String] {
        &self.suggestions
    }
}

impl std::error::Error for Unknown {}

impl fmt::Display for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let given = visible(&self.given);
        match self.why {
            Why::Empty => {
                return f.write_str(
                    "is empty; write an ISO 3166 code such as US-NY, GB or DE, or leave the \
                     region out",
                )
            }
            Why::NotCode => write!(f, "`{given}` is not an ISO 3166 code")?,
            Why::NotSubdivision(land) => write!(
                f,
                "`{given}` is not an ISO 3166-2 subdivision of {} that redress takes",
                name(land).unwrap_or(land)
            )?,
            Why::BadForm(land) => write!(
                f,
                "`{given}` is not an ISO 3166-2 code: after {land} and `-` come one to three \
                 letters or digits"
            )?,
        }
        if !self.suggestions.is_empty() {
            f.write_str(" (did you mean ")?;
            for (i, code) in self.suggestions.iter().enumerate() {
                let last = i + 1 == self.suggestions.len();
                let join = match i {
                    0 => "",
                    _ if last => " or ",
                    _ => ", ",
                };
                match name(code) {
                    Some(name) => write!(f, "{join}`{code}` ({name})")?,
                    None => write!(f, "{join}`{code}`")?,
                }
            }
            f.write_str("?)")?;
        }
        f.write_str("; ")?;
        f.write_str(&advice(self.why))
    }
}

/// What to write instead, after a refusal.
fn advice(why: Why) -> Cow<'static, str> {
    match why {
        Why::NotSubdivision("GB") => Cow::Borrowed(
            "write the nation: GB-ENG, GB-SCT, GB-WLS or GB-NIR, or GB for the whole \
             United Kingdom (council areas are not taken: the rules differ by nation)",
        ),
        Why::NotSubdivision(land) => {
            let example = CHECKED
                .iter()
                .find(|(c, _)| *c == land)
                .map_or(land, |(_, e)| *e);
            Cow::Owned(format!(
                "write one of its ISO 3166-2 codes, such as {example}, or {land} for the \
                 whole country"
            ))
        }
        _ => Cow::Borrowed(
            "write an ISO 3166-1 country code (US, GB, DE) or an ISO 3166-2 subdivision \
             code: the country's code, `-` and the subdivision's (US-NY, GB-SCT, DE-BY)",
        ),
    }
}

/// The refusal of a text that is not a code: why, and what it may have meant.
fn refuse(text: &str) -> Unknown {
    let upper = text.to_ascii_uppercase();
    let why = match upper.split_once('-') {
        _ if text.is_empty() => Why::Empty,
        Some((land, _)) => match COUNTRIES.iter().find(|(c, _)| *c == land) {
            Some((land, _)) if checks_subdivisions(land) => Why::NotSubdivision(land),
            Some((land, _)) => Why::BadForm(land),
            None => Why::NotCode,
        },
        None => Why::NotCode,
    };
    let mut suggestions = Vec::new();
    if why != Why::Empty {
        suggest(text, &upper, &mut suggestions);
    }
    suggestions.truncate(MOST_SUGGESTED);
    Unknown {
        given: text.to_owned(),
        suggestions,
        why,
    }
}

/// The codes a refused text may mean, in order of likelihood: the text with another
/// separator (`US_NY`), a bare subdivision code (`NY`), a code or name written another
/// way (`UK`, `New York`, `UK-ENG`), a subdivision code cut short (`GB-EN`), a misspelt
/// name.
fn suggest(text: &str, upper: &str, out: &mut Vec<String>) {
    fn add(out: &mut Vec<String>, code: &str) {
        if !out.iter().any(|c| c == code) {
            out.push(code.to_owned());
        }
    }
    let separated: String = upper
        .chars()
        .map(|c| {
            if matches!(c, ' ' | '_' | '.' | '/') {
                '-'
            } else {
                c
            }
        })
        .collect();
    if separated != upper && is_code(&separated) {
        add(out, &separated);
    }
    if upper.len() <= 3 {
        for code in bare(upper) {
            add(out, code);
        }
    }
    let folded = fold(text);
    for code in names().get(folded.as_str()).into_iter().flatten() {
        add(out, code);
    }
    if let Some((land, sub)) = separated.split_once('-') {
        for code in within(land, sub) {
            add(out, code);
        }
    }
    if out.is_empty() && folded.chars().count() >= 4 {
        let names = names();
        if let Some(near) = nearest(&folded, names.keys().map(String::as_str)) {
            for code in names.get(near).into_iter().flatten() {
                add(out, code);
            }
        }
    }
}

/// The listed code written so, if it is one.
fn known(code: &str) -> Option<&'static str> {
    let table = if code.contains('-') {
        SUBDIVISIONS
    } else {
        COUNTRIES
    };
    let at = table.binary_search_by(|(c, _)| (*c).cmp(code)).ok()?;
    table.get(at).map(|(c, _)| *c)
}

/// The subdivisions whose own code is `sub` (`NY` → `US-NY`; `WA` → `US-WA`, `AU-WA`),
/// among the countries whose subdivisions are written with letters that people write
/// alone: the United States, Canada, Australia, the United Kingdom and Germany.
fn bare(sub: &str) -> impl Iterator<Item = &'static str> + '_ {
    ["US", "CA", "AU", "GB", "DE"]
        .into_iter()
        .filter_map(move |land| known(&format!("{land}-{sub}")))
}

/// The subdivisions a `land-sub` text may mean: `land` as a country code or another name
/// for one (`UK-ENG` → `GB-ENG`), then `sub` as the start of a subdivision code of that
/// country (`GB-EN` → `GB-ENG`) or one with letters added (`GB-ENGL`), a subdivision code
/// of another (`US-ON` → `CA-ON`), or a near one longer than any code (`GB-SCOT` →
/// `GB-SCT`).
fn within(land: &str, sub: &str) -> Vec<&'static str> {
    let land = match known(land) {
        Some(land) => land,
        None => match names().get(fold(land).as_str()).and_then(|c| c.first()) {
            Some(code) if code.len() == 2 => code,
            _ => return Vec::new(),
        },
    };
    let own = |(code, _): &&(&'static str, &str)| {
        code.strip_prefix(land)
            .is_some_and(|rest| rest.starts_with('-'))
    };
    let mut found: Vec<&'static str> = Vec::new();
    let whole = format!("{land}-{sub}");
    if let Some(code) = known(&whole).filter(|_| checks_subdivisions(land)) {
        found.push(code);
    }
    if !sub.is_empty() {
        // A code cut short (`GB-EN`), or one with letters added (`GB-ENGL`, `US-NYC`).
        found.extend(
            SUBDIVISIONS
                .iter()
                .filter(own)
                .map(|(code, _)| *code)
                .filter(|code| {
                    code.get(3..)
                        .is_some_and(|s| s.starts_with(sub) || (s.len() >= 2 && sub.starts_with(s)))
                }),
        );
    }
    found.extend(bare(sub));
    // Only a subdivision longer than any code is compared by spelling: a code of up to
    // three letters that is not listed is as likely another place (`GB-LDS`, Leeds) as
    // a slip of the hand, and the nearest code would name the wrong place.
    if found.is_empty() && sub.chars().count() > 3 {
        let subs = SUBDIVISIONS
            .iter()
            .filter(own)
            .filter_map(|(code, _)| code.get(3..));
        if let Some(near) = nearest(sub, subs) {
            found.extend(known(&format!("{land}-{near}")));
        }
    }
    found
}

/// A name as it is compared: lower case, accents left out, `-`, `_`, `.`, `,` and `'` as
/// spaces, runs of spaces as one.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            'ß' => {
                out.push_str("ss");
                continue;
            }
            '-' | '_' | '.' | ',' | '\'' | '/' => ' ',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Every name redress knows, folded, with the codes it names: each country's and listed
/// subdivision's name, the name without its parenthesis or what follows a comma (`Korea`
/// for both Koreas), and the other names of [`OTHER_NAMES`]. Made once, on the first
/// refusal.
fn names() -> &'static HashMap<String, Vec<&'static str>> {
    static NAMES: OnceLock<HashMap<String, Vec<&'static str>>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: HashMap<String, Vec<&'static str>> = HashMap::new();
        let mut add = |name: &str, code: &'static str| {
            let codes = names.entry(fold(name)).or_default();
            if !codes.contains(&code) {
                codes.push(code);
            }
        };
        for (code, name) in COUNTRIES.iter().chain(SUBDIVISIONS) {
            add(name, code);
            if let Some(short) = name.split(['(', ',']).next() {
                add(short, code);
            }
        }
        for (name, code) in OTHER_NAMES {
            add(name, code);
        }
        names
    })
}

#[cfg(test)]
mod tests;
