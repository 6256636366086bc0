//! Numbers as people write them: `4200`, `"4200"`, `"4,200"`, `"1,234.50"`. A comma
//! separates thousands only when it is well formed (one to three digits, then groups of
//! exactly three: `4,200`, `1,234,567`); any other comma (`4,20`, a decimal comma
//! `12,50`) is refused with what to write instead, since `4,200` and `4,20` would
//! otherwise read as numbers a thousand times apart. The point is the only decimal mark.
//!
//! The readers here know nothing of currencies; a price's sign is read by
//! [`crate::money`] and the price by [`crate::plan`].

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};

/// A number as the document gave it: a number, or text to read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Written {
    /// A whole number (TOML integer, JSON number without a point).
    Integer(i128),
    /// A number with a point or exponent.
    Float(f64),
    /// Text.
    Text(String),
}

/// A field's numbers, for the words of its errors: what it holds ("a whole number")
/// and a value to write ("4200").
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    /// What belongs there, with its article.
    pub what: &'static str,
    /// A value to show.
    pub example: &'static str,
}

impl Written {
    /// Reads a field's value, number or text, refusing anything else in plain words.
    pub(crate) fn read<'de, D: Deserializer<'de>>(d: D, field: Field) -> Result<Written, D::Error> {
        d.deserialize_any(field)
    }

    /// As [`Written::read`], for a field that may be absent or null.
    pub(crate) fn read_optional<'de, D: Deserializer<'de>>(
        d: D,
        field: Field,
    ) -> Result<Option<Written>, D::Error> {
        d.deserialize_option(Optional(field))
    }

    /// The value as a person sees it in a message: `the number 5`, `the text "5"`.
    pub(crate) fn shown(&self) -> String {
        match self {
            Written::Integer(n) => format!("the number {n}"),
            Written::Float(f) => format!("the number {f}"),
            Written::Text(t) => format!("the text \"{t}\""),
        }
    }
}

impl<'de> Visitor<'de> for Field {
    type Value = Written;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, such as {}", self.what, self.example)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Written, E> {
        Ok(Written::Integer(i128::from(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Written, E> {
        Ok(Written::Integer(i128::from(v)))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Written, E> {
        Ok(Written::Integer(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Written, E> {
        Ok(Written::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Written, E> {
        Ok(Written::Text(v.to_owned()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Written, E> {
        Err(self.wrong(&v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Written, E> {
        Err(self.wrong("an empty value"))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Written, A::Error> {
        Err(self.wrong("a list"))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<Written, A::Error> {
        Err(self.wrong("a table"))
    }
}

impl Field {
    /// "X where a whole number belongs; write a whole number, such as 4200".
    pub(crate) fn wrong<E: de::Error>(&self, got: &str) -> E {
        E::custom(format!(
            "{got} where {} belongs; write {}, such as {}",
            self.what, self.what, self.example
        ))
    }
}

/// [`Field`] for a field that may be absent or null.
struct Optional(Field);

impl<'de> Visitor<'de> for Optional {
    type Value = Option<Written>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<Written>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<Written>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<Written>, D::Error> {
        Written::read(d, self.0).map(Some)
    }
}

/// Why a text is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unread {
    /// Not a number at all.
    NotANumber,
    /// A comma that does not separate thousands (`4,20`, `12,50`).
    Comma,
    /// Beyond what a `Decimal` holds.
    TooLarge,
}

/// A decimal number written in text: an optional `-`, digits with well-formed thousands
/// commas, and an optional point and decimal part. Text without commas is read as
/// `Decimal::from_str` reads it (or in scientific notation, `1e3`), as before commas
/// were read.
pub(crate) fn decimal(text: &str) -> Result<Decimal, Unread> {
    let text = text.trim();
    if !text.contains(',') {
        return Decimal::from_str(text)
            .or_else(|_| Decimal::from_scientific(text))
            .map_err(|_| unread(text));
    }
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let plain = fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if !plain || !whole.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return Err(Unread::NotANumber);
    }
    if !thousands(whole) {
        return Err(Unread::Comma);
    }
    let joined: String = whole.chars().filter(|c| *c != ',').collect();
    let text = match fraction {
        Some(fraction) => format!("{sign}{joined}.{fraction}"),
        None => format!("{sign}{joined}"),
    };
    Decimal::from_str(&text).map_err(|_| Unread::TooLarge)
}

/// Digits and commas that separate thousands: one to three digits, then groups of three.
fn thousands(whole: &str) -> bool {
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

/// Why text without commas did not read: digits too many for a `Decimal`, or not a
/// number at all.
fn unread(text: &str) -> Unread {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        Unread::TooLarge
    } else {
        Unread::NotANumber
    }
}

/// A whole number from 0 to `most`, from a number or text; refused in plain words with
/// the field's example.
pub(crate) fn whole(written: &Written, field: Field, most: u64) -> Result<u64, String> {
    let shown = written.shown();
    let value = match written {
        Written::Integer(n) => Decimal::from_i128_with_scale(*n, 0),
        Written::Float(f) => Decimal::from_str(&f.to_string()).map_err(|_| too_large(&shown))?,
        Written::Text(t) => decimal(t).map_err(|e| match e {
            Unread::Comma => format!(
                "{shown} is not {}: a comma separates thousands, so three digits follow \
                 it, as in 4,200; write {} without the comma, or with three digits after \
                 it, such as {}",
                field.what, field.what, field.example
            ),
            Unread::TooLarge => too_large(&shown),
            Unread::NotANumber => format!(
                "{shown} where {} belongs; write {}, such as {}",
                field.what, field.what, field.example
            ),
        })?,
    };
    if value.is_sign_negative() && !value.is_zero() {
        return Err(format!(
            "{shown} is not a whole number from 0 up; write one, such as {}",
            field.example
        ));
    }
    if !value.fract().is_zero() {
        return Err(format!(
            "{shown} is not {}: it has a part after the point; write one, such as {}",
            field.what, field.example
        ));
    }
    u64::try_from(value)
        .ok()
        .filter(|n| *n <= most)
        .ok_or_else(|| {
            format!(
                "{shown} is not a whole number from 0 to {most}; write one, such as {}",
                field.example
            )
        })
}

fn too_large(shown: &str) -> String {
    format!("{shown} is too large a number to read")
}

#[cfg(test)]
mod tests {
    use super::*;

    const COUNT: Field = Field {
        what: "a whole number",
        example: "4200",
    };

    fn text(t: &str) -> Written {
        Written::Text(t.to_owned())
    }

    #[test]
    fn well_formed_thousands_are_read_and_others_refused() {
        // 4,200 is four thousand two hundred; 1,234,567 a little over a million.
        for (written, value) in [
            ("4,200", 4200),
            ("12,000", 12_000),
            ("1,234,567", 1_234_567),
        ] {
            assert_eq!(
                whole(&text(written), COUNT, u64::MAX),
                Ok(value),
                "{written}"
            );
        }
        for bad in ["4,20", ",200", "4,2000", "4,,200", "1234,567", "4,200,"] {
            let err = whole(&text(bad), COUNT, u64::MAX).unwrap_err();
            assert!(err.contains("a comma separates thousands"), "{bad}: {err}");
        }
        assert_eq!(decimal("1,234.50"), Ok(Decimal::new(123_450, 2)));
        assert_eq!(decimal("12,50"), Err(Unread::Comma));
        assert_eq!(decimal("1.234,50"), Err(Unread::NotANumber));
    }

    #[test]
    fn whole_numbers_come_as_numbers_or_text() {
        assert_eq!(whole(&Written::Integer(12), COUNT, 255), Ok(12));
        assert_eq!(whole(&text(" 12 "), COUNT, 255), Ok(12));
        assert_eq!(whole(&Written::Float(4200.0), COUNT, u64::MAX), Ok(4200));
        assert_eq!(
            whole(&text("fifth"), COUNT, 255),
            Err("the text \"fifth\" where a whole number belongs; write a whole number, such as 4200".into())
        );
        assert_eq!(
            whole(&Written::Integer(-5), COUNT, 255),
            Err("the number -5 is not a whole number from 0 up; write one, such as 4200".into())
        );
        assert_eq!(
            whole(&text("-5"), COUNT, 255),
            Err("the text \"-5\" is not a whole number from 0 up; write one, such as 4200".into())
        );
        assert!(whole(&Written::Float(12.5), COUNT, 255)
            .unwrap_err()
            .contains("a part after the point"));
        assert_eq!(
            whole(&Written::Integer(300), COUNT, 255),
            Err(
                "the number 300 is not a whole number from 0 to 255; write one, such as 4200"
                    .into()
            )
        );
    }
}
