//! `weather_category`: the category Ofgem's severe-weather standard gives a storm, as an
//! outage with `cause = "severe-weather"` may state it.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::numbers::{Field, Written};

/// The category of a severe-weather event under The Electricity (Standards of
/// Performance) Regulations 2015 (SI 2015/699, as amended by SI 2023/887 and SI
/// 2024/984), which sets how long the distributor has to restore supply: category 1
/// within 24 hours, category 2 within 48 hours. Category 3 (an event affecting at least
/// 35 % of exposed customers) had a longer standard set by formula until 1 September
/// 2023, when it was abolished and such storms became category 2.
///
/// A claim file writes it as the outage's `weather_category`: `1`, `2` or `3` (a number,
/// or the same digit as text). It is read only by policies with a severe-weather
/// standard (`uk-ofgem-gsop`) and only for an outage with `cause = "severe-weather"`.
///
/// # Example
/// ```
/// use redress::{Outage, WeatherCategory};
/// let outage: Outage = toml::from_str(r#"
///     services = ["electricity"]
///     start = "2025-01-24T06:00:00Z"
///     end = "2025-01-26T18:00:00Z"
///     cause = "severe-weather"
///     weather_category = 2
/// "#).unwrap();
/// assert_eq!(outage.weather_category, Some(WeatherCategory::Two));
/// assert_eq!(WeatherCategory::Two.number(), 2);
/// // Anything but 1, 2 or 3 is refused, in plain words.
/// let wrong = toml::from_str::<Outage>(r#"
///     services = ["electricity"]
///     start = "2025-01-24T06:00:00Z"
///     weather_category = 4
/// "#).unwrap_err();
/// assert!(wrong.to_string().contains("write 1, 2 or 3"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WeatherCategory {
    /// Category 1: restore within 24 hours.
    One,
    /// Category 2: restore within 48 hours.
    Two,
    /// Category 3: before 1 September 2023, a standard set by formula; since then
    /// abolished, such storms being category 2.
    Three,
}

/// What belongs in the field, for its messages.
const CATEGORY: Field = Field {
    what: "a severe-weather category",
    example: "1",
};

impl WeatherCategory {
    /// The category's number, as the claim file writes it.
    ///
    /// # Example
    /// ```
    /// assert_eq!(redress::WeatherCategory::Three.number(), 3);
    /// ```
    pub fn number(self) -> u8 {
        match self {
            WeatherCategory::One => 1,
            WeatherCategory::Two => 2,
            WeatherCategory::Three => 3,
        }
    }

    /// The category with this number, or what to write instead.
    ///
    /// # Example
    /// ```
    /// use redress::WeatherCategory;
    /// assert_eq!(WeatherCategory::from_number(1), Ok(WeatherCategory::One));
    /// assert!(WeatherCategory::from_number(0).unwrap_err().contains("write 1, 2 or 3"));
    /// ```
    pub fn from_number(number: u64) -> Result<WeatherCategory, String> {
        match number {
            1 => Ok(WeatherCategory::One),
            2 => Ok(WeatherCategory::Two),
            3 => Ok(WeatherCategory::Three),
            _ => Err(refusal(&format!("the number {number}"))),
        }
    }

    /// The category a value as written names, or what to write instead.
    fn from_written(written: &Written) -> Result<WeatherCategory, String> {
        match written {
            Written::Integer(n) => match u64::try_from(*n) {
                Ok(n) => WeatherCategory::from_number(n),
                Err(_) => Err(refusal(&written.shown())),
            },
            Written::Text(text) => match text.trim() {
                "1" => Ok(WeatherCategory::One),
                "2" => Ok(WeatherCategory::Two),
                "3" => Ok(WeatherCategory::Three),
                _ => Err(refusal(&written.shown())),
            },
            Written::Float(_) => Err(refusal(&written.shown())),
        }
    }
}

/// The message for a value that is not a category.
fn refusal(shown: &str) -> String {
    format!(
        "{shown} is not a severe-weather category; write 1, 2 or 3: the category Ofgem's \
         severe-weather standard gives the event"
    )
}

impl fmt::Display for WeatherCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "category {}", self.number())
    }
}

impl Serialize for WeatherCategory {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.number())
    }
}

impl<'de> Deserialize<'de> for WeatherCategory {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<WeatherCategory, D::Error> {
        let written = Written::read(d, CATEGORY)?;
        WeatherCategory::from_written(&written).map_err(serde::de::Error::custom)
    }
}

/// `weather_category`, absent or a category.
pub(super) fn optional<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<WeatherCategory>, D::Error> {
    match Written::read_optional(d, CATEGORY)? {
        Some(written) => WeatherCategory::from_written(&written)
            .map(Some)
            .map_err(serde::de::Error::custom),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Outage;

    fn read(value: &str) -> Result<Option<WeatherCategory>, String> {
        toml::from_str::<Outage>(&format!(
            "services = [\"electricity\"]\nstart = \"2025-01-24T06:00:00Z\"\n{value}"
        ))
        .map(|o| o.weather_category)
        .map_err(|e| e.to_string())
    }

    #[test]
    fn one_two_three_as_numbers_or_digits() {
        assert_eq!(read(""), Ok(None));
        assert_eq!(read("weather_category = 1"), Ok(Some(WeatherCategory::One)));
        assert_eq!(read("weather_category = 2"), Ok(Some(WeatherCategory::Two)));
        assert_eq!(
            read("weather_category = \"3\""),
            Ok(Some(WeatherCategory::Three))
        );
    }

    #[test]
    fn anything_else_is_refused_with_what_to_write() {
        for (value, shown) in [
            ("0", "the number 0"),
            ("4", "the number 4"),
            ("-1", "the number -1"),
            ("2.5", "the number 2.5"),
            ("\"two\"", "the text \"two\""),
        ] {
            let message = read(&format!("weather_category = {value}")).unwrap_err();
            assert!(
                message.contains(&format!(
                    "{shown} is not a severe-weather category; write 1, 2 or 3: the category \
                     Ofgem's severe-weather standard gives the event"
                )),
                "{value}: {message}"
            );
        }
    }

    #[test]
    fn written_back_as_its_number() {
        let outage = Outage::new(vec![crate::ServiceKind::Electricity], {
            chrono::DateTime::parse_from_rfc3339("2025-01-24T06:00:00Z").unwrap()
        })
        .with_weather_category(WeatherCategory::Two);
        let text = toml::to_string(&outage).unwrap();
        assert!(text.contains("weather_category = 2"), "{text}");
        assert_eq!(toml::from_str::<Outage>(&text).unwrap(), outage);
    }
}
