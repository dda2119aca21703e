//! Checks for values people type: URLs and dates. Each error is one line naming the value.

/// An absolute `http`/`https` URL, normalised by the `url` crate.
pub fn http_url(s: &str) -> Result<String, String> {
    let s = s.trim();
    let parsed = url::Url::parse(s).map_err(|e| match e {
        url::ParseError::RelativeUrlWithoutBase => {
            format!("'{s}' is not a URL: it needs http:// or https:// in front (https://{s})")
        }
        e => format!("'{s}' is not a URL: {e}"),
    })?;
    match parsed.scheme() {
        // "https://www.un.org@evil.example/report" goes to evil.example: a user name
        // in a source URL only disguises its host.
        "http" | "https" if !parsed.username().is_empty() || parsed.password().is_some() => {
            Err(format!(
                "'{s}' goes to {}, not to what comes before '@'; give the address without a user name",
                parsed.host_str().unwrap_or("another host")
            ))
        }
        "http" | "https" if parsed.host_str().is_some_and(|h| !h.is_empty()) => {
            Ok(parsed.to_string())
        }
        "http" | "https" => Err(format!("'{s}' has no host")),
        other => Err(format!(
            "'{s}' is a {other}: URL; only http and https addresses are accepted"
        )),
    }
}

/// True when `s` is an http(s) URL that is safe to turn into a link.
pub fn is_http_url(s: &str) -> bool {
    http_url(s).is_ok()
}

/// A date as YYYY, YYYY-MM or YYYY-MM-DD (calendar-checked), or a full RFC 3339 time.
pub fn date(s: &str) -> Result<String, String> {
    let s = well_formed_date(s.trim())?;
    let limit = (time::OffsetDateTime::now_utc() + time::Duration::days(1)).date();
    let limit = format!(
        "{:04}-{:02}-{:02}",
        limit.year(),
        u8::from(limit.month()),
        limit.day()
    );
    // Something published or read cannot be dated after today (a day's slack for
    // time zones): a typo, such as 2099 for 2009.
    let day = s.get(..10.min(s.len())).unwrap_or(&s);
    if day > &limit[..day.len().min(10)] {
        return Err(format!("'{s}' is in the future"));
    }
    Ok(s)
}

/// A well-formed date, not checked against today.
fn well_formed_date(s: &str) -> Result<String, String> {
    let bad = || format!("'{s}' is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)");
    if time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok() {
        return Ok(s.to_string());
    }
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => num(y, 4).map(|_| s.to_string()).ok_or_else(bad),
        [y, m] => match (num(y, 4), num(m, 2)) {
            (Some(_), Some(m)) if (1..=12).contains(&m) => Ok(s.to_string()),
            _ => Err(bad()),
        },
        [y, m, d] => {
            let (Some(y), Some(m), Some(d)) = (num(y, 4), num(m, 2), num(d, 2)) else {
                return Err(bad());
            };
            let month = time::Month::try_from(m as u8).map_err(|_| bad())?;
            time::Date::from_calendar_date(y as i32, month, d as u8)
                .map(|_| s.to_string())
                .map_err(|_| bad())
        }
        _ => Err(bad()),
    }
}

/// The registrable-ish domain of a URL (host without a leading `www.`), used to count
/// independent sources: two pages on one domain count once.
pub fn domain(url: &str) -> Option<String> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_ascii_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            http_url("https://un.org/report").unwrap(),
            "https://un.org/report"
        );
        assert!(
            http_url("javascript:alert(1)")
                .unwrap_err()
                .contains("javascript")
        );
        assert!(http_url("JaVaScRiPt:alert(1)").is_err());
        assert!(http_url("data:text/html,hi").is_err());
        assert!(http_url("not a url").is_err());
        // A user name before '@' disguises the real host.
        assert_eq!(
            http_url("https://www.un.org@evil.example/report"),
            Err("'https://www.un.org@evil.example/report' goes to evil.example, not to what comes before '@'; give the address without a user name".into())
        );
        assert!(http_url("https://user:pass@evil.example/").is_err());
        assert!(!is_http_url("https://www.un.org@evil.example/report"));
        assert!(http_url("file:///etc/passwd").is_err());
        assert_eq!(domain("https://www.UN.org/x").as_deref(), Some("un.org"));
    }

    #[test]
    fn dates() {
        assert!(date("2023-05-12").is_ok());
        assert!(date("2023-05").is_ok());
        assert!(date("2023").is_ok());
        assert!(date("2023-02-30").is_err());
        assert!(date("12/05/2023").is_err());
        assert!(date("2023-05-12T10:00:00Z").is_ok());
        // Nothing published or read is dated after tomorrow.
        assert_eq!(
            date("2099-01-01"),
            Err("'2099-01-01' is in the future".into())
        );
        assert!(date("2999").is_err());
        assert!(date("2099-01-01T00:00:00Z").is_err());
        let today = time::OffsetDateTime::now_utc().date();
        let iso = format!(
            "{:04}-{:02}-{:02}",
            today.year(),
            u8::from(today.month()),
            today.day()
        );
        assert!(date(&iso).is_ok());
        assert!(date(&iso[..4]).is_ok());
    }
}
