//! How the letter writes dates, times, durations, counts and lists of services.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};
use chrono_tz::Tz;

use crate::plan::ServiceKind;

pub(super) trait LowercaseFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowercaseFirst for String {
    /// "Internet and TV" → "internet and TV" (acronyms such as TV are kept).
    fn to_lowercase_first(&self) -> String {
        let mut chars = self.chars();
        match chars.next() {
            Some(first) if !self.starts_with("TV") => {
                first.to_lowercase().collect::<String>() + chars.as_str()
            }
            _ => self.clone(),
        }
    }
}

/// "Internet", "Internet and TV", "Internet, phone and TV".
pub(super) fn services_text(services: &[ServiceKind]) -> String {
    let names: Vec<String> = services
        .iter()
        .map(|s| match s {
            ServiceKind::Tv => "TV".to_owned(),
            other => other.as_str().to_owned(),
        })
        .collect();
    let joined = match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => joined,
    }
}

pub(super) fn local_day(instant: DateTime<FixedOffset>, zone: Tz) -> NaiveDate {
    instant.with_timezone(&zone).date_naive()
}

/// "Tuesday 1 October 2024, 06:00 EDT".
pub(super) fn when(instant: DateTime<FixedOffset>, zone: Tz) -> String {
    instant
        .with_timezone(&zone)
        .format("%A %-d %B %Y, %H:%M %Z")
        .to_string()
}

/// "1 October 2024".
pub(super) fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// "53 hours", "6 hours 30 minutes", "4 days 2 hours".
pub(super) fn duration_text(delta: TimeDelta) -> String {
    let minutes = delta.num_minutes().max(0);
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    let unit = |n: i64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    if minutes >= 72 * 60 {
        parts.push(unit(days, "day"));
        if hours > 0 {
            parts.push(unit(hours, "hour"));
        }
    } else {
        let hours = minutes / 60;
        if hours > 0 {
            parts.push(unit(hours, "hour"));
        }
        if mins > 0 || hours == 0 {
            parts.push(unit(mins, "minute"));
        }
    }
    parts.join(" ")
}

/// 4200 → "4,200".
pub(super) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_counts_read_naturally() {
        assert_eq!(duration_text(TimeDelta::minutes(50)), "50 minutes");
        assert_eq!(duration_text(TimeDelta::minutes(390)), "6 hours 30 minutes");
        assert_eq!(duration_text(TimeDelta::hours(53)), "53 hours");
        assert_eq!(duration_text(TimeDelta::hours(161)), "6 days 17 hours");
        assert_eq!(thousands(182000), "182,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(services_text(&[ServiceKind::Tv]), "TV");
        assert_eq!(
            services_text(&[ServiceKind::Internet, ServiceKind::Phone, ServiceKind::Tv]),
            "Internet, phone and TV"
        );
    }
}
