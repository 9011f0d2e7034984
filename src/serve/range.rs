//! HTTP range requests (`Range: bytes=…`), as static hosts answer them: the search client
//! fetches one term's positions from a position file by range (`search/export`).

use std::ops::Range;

/// What a `Range` header asks of a body of `len` bytes.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Asked {
    /// No range, or one this server does not serve by parts (several ranges, other units):
    /// the whole body, as RFC 9110 allows.
    Whole,
    /// One satisfiable range.
    Part(Range<usize>),
    /// A range that starts past the end: 416.
    Unsatisfiable,
}

/// Read a `Range` header value against a body of `len` bytes.
pub(crate) fn asked(header: Option<&str>, len: usize) -> Asked {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return Asked::Whole;
    };
    if spec.contains(',') {
        return Asked::Whole;
    }
    let Some((first, last)) = spec.split_once('-') else {
        return Asked::Whole;
    };
    let (first, last) = (first.trim(), last.trim());
    let range = match (first.parse::<usize>(), last.parse::<usize>()) {
        // `bytes=-N`: the last N bytes.
        (Err(_), Ok(n)) if first.is_empty() => len.saturating_sub(n)..len,
        (Ok(a), Err(_)) if last.is_empty() => a..len,
        (Ok(a), Ok(b)) if a <= b => a..(b + 1).min(len),
        _ => return Asked::Whole,
    };
    if range.start >= len {
        return Asked::Unsatisfiable;
    }
    Asked::Part(range)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_forms_static_hosts_answer() {
        assert_eq!(asked(None, 10), Asked::Whole);
        assert_eq!(asked(Some("bytes=2-5"), 10), Asked::Part(2..6));
        assert_eq!(asked(Some("bytes=2-50"), 10), Asked::Part(2..10));
        assert_eq!(asked(Some("bytes=7-"), 10), Asked::Part(7..10));
        assert_eq!(asked(Some("bytes=-3"), 10), Asked::Part(7..10));
        assert_eq!(asked(Some("bytes=10-12"), 10), Asked::Unsatisfiable);
        assert_eq!(asked(Some("bytes=5-2"), 10), Asked::Whole);
        assert_eq!(asked(Some("bytes=0-1,4-5"), 10), Asked::Whole);
        assert_eq!(asked(Some("items=0-1"), 10), Asked::Whole);
    }
}
