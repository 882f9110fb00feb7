//! Record ids: short, URL-safe, sortable by creation time.

/// An id from the time and some randomness, both given by the caller so tests
/// are deterministic: base-36 milliseconds, a dash, base-36 random bits.
/// Only lowercase letters, digits and one `-`, so it is safe in keys and paths.
pub fn new_id(now_ms: u64, random: u64) -> String {
    format!("{}-{}", base36(now_ms), base36(random % 36u64.pow(8)))
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    if n == 0 {
        return "0".into();
    }
    let mut out = Vec::new();
    while n > 0 {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_slugs_and_differ_by_randomness() {
        let a = new_id(1_763_700_000_000, 12345);
        let b = new_id(1_763_700_000_000, 67890);
        assert_ne!(a, b);
        for id in [&a, &b] {
            assert!(id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            assert!(matches!(crate::route::Route::from_path(&format!("/check/result/{id}")), crate::route::Route::CheckResult(_)));
        }
        assert_eq!(new_id(0, 0), "0-0");
    }
}
