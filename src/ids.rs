//! Record ids: short, safe in storage keys and paths, roughly sorted by creation.

/// A fresh id from the caller's clock and randomness, so tests are
/// deterministic: base-36 time, a dash, base-36 random (e.g. `"m1x2y3z4-9kq0c7"`).
/// Only lowercase letters, digits and one `-`.
pub fn new_id(now_ms: u64, random: u64) -> String {
    format!("{}-{}", base36(now_ms), base36(random))
}

/// Turns `Math.random()` (a float in `[0, 1)`) into the 53 random bits it holds, for [`new_id`].
pub fn random_bits(unit: f64) -> u64 {
    const SCALE: f64 = (1u64 << 53) as f64;
    if unit.is_finite() && unit > 0.0 {
        // `as` saturates, so even a misbehaving source stays in range.
        (unit.min(1.0) * SCALE) as u64
    } else {
        0
    }
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::Route;

    #[test]
    fn ids_are_deterministic_and_differ_by_time_or_randomness() {
        let a = new_id(1_700_000_000_000, 12345);
        assert_eq!(a, new_id(1_700_000_000_000, 12345));
        assert_ne!(a, new_id(1_700_000_000_001, 12345));
        assert_ne!(a, new_id(1_700_000_000_000, 12346));
        assert_eq!(new_id(0, 0), "0-0");
        assert_eq!(new_id(36, 35), "10-z");
    }

    #[test]
    fn ids_are_safe_as_keys_and_in_paths() {
        for id in [new_id(u64::MAX, u64::MAX), new_id(1_763_700_000_000, 1 << 52)] {
            assert_eq!(crate::journal::validate_id(&id), Ok(()));
            assert!(id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            assert_eq!(Route::from_path(&format!("/check/result/{id}")), Route::CheckResult(id.clone()));
        }
    }

    #[test]
    fn random_bits_stay_in_range() {
        assert_eq!(random_bits(0.0), 0);
        assert_eq!(random_bits(0.5), 1 << 52);
        assert!(random_bits(0.999_999_999) < 1 << 53);
        assert_eq!(random_bits(f64::NAN), 0);
    }
}
