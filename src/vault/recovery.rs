//! The recovery key: 160 random bits a person writes down or prints when
//! turning the lock on, which opens the lock instead of the passphrase.
//!
//! It is shown as 32 characters of Crockford's base32 (digits and capital
//! letters without I, L, O and U, so nothing looks like something else) in
//! eight groups of four: `7K3D-…`. When typed back, case, spaces and dashes
//! do not matter, and the look-alikes are read as Crockford says (O as 0,
//! I and L as 1). Its key is derived like the passphrase's (PBKDF2, with its
//! own salt and rounds in the lock record), so a stolen lock record gives
//! no shortcut to it either.

use super::{Random, VaultError};
use zeroize::Zeroize;

/// Crockford's base32 alphabet.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a recovery key (5 bits each: 160 bits).
pub const LENGTH: usize = 32;
/// Characters per group as shown.
const GROUP: usize = 4;

/// A recovery key, in its canonical form (32 characters, no dashes).
/// Overwritten with zeros when dropped; no `Debug` that shows it.
pub struct RecoveryKey(String);

impl RecoveryKey {
    /// A fresh random recovery key.
    pub fn generate(random: &dyn Random) -> Result<Self, VaultError> {
        let mut bytes = [0u8; LENGTH];
        random.fill(&mut bytes)?;
        // 256 is a multiple of 32, so taking each byte modulo 32 keeps it uniform.
        let text = bytes.iter().map(|b| ALPHABET[usize::from(b % 32)] as char).collect();
        bytes.zeroize();
        Ok(Self(text))
    }

    /// Reads a recovery key as a person typed or pasted it. Refuses, in
    /// words, anything that cannot be one (before any key is derived).
    pub fn parse(typed: &str) -> Result<Self, VaultError> {
        let mut canonical = String::with_capacity(LENGTH);
        for c in typed.chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' | '\t' | '\n' | '\r' | '\u{a0}' | '\u{2010}'..='\u{2015}' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => c,
                _ => {
                    canonical.zeroize();
                    return Err(VaultError::RecoveryKeyMalformed(RecoveryShape::Character));
                }
            };
            canonical.push(c);
        }
        if canonical.is_empty() {
            return Err(VaultError::RecoveryKeyMalformed(RecoveryShape::Empty));
        }
        if canonical.len() != LENGTH {
            let found = canonical.len();
            canonical.zeroize();
            return Err(VaultError::RecoveryKeyMalformed(RecoveryShape::Length { found }));
        }
        Ok(Self(canonical))
    }

    /// The text its key is derived from.
    pub(crate) fn canonical(&self) -> &str {
        &self.0
    }

    /// As shown to be written down: eight groups of four, with dashes.
    pub fn grouped(&self) -> String {
        self.groups().join("-")
    }

    /// The eight groups of four, to show one by one.
    pub fn groups(&self) -> Vec<&str> {
        (0..LENGTH / GROUP).map(|i| &self.0[i * GROUP..(i + 1) * GROUP]).collect()
    }
}

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(hidden)")
    }
}

impl Drop for RecoveryKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// What is wrong with typed text that cannot be a recovery key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecoveryShape {
    Empty,
    Character,
    Length { found: usize },
}

impl std::fmt::Display for RecoveryShape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Empty => f.write_str(super::words().recovery_empty),
            Self::Character => f.write_str(super::words().recovery_character),
            Self::Length { found } => f.write_str(&super::words().recovery_length(found, LENGTH)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::testing::CountingRandom;

    #[test]
    fn a_new_key_is_eight_groups_of_four_from_the_alphabet_and_keys_differ() {
        let random = CountingRandom::default();
        let a = RecoveryKey::generate(&random).unwrap();
        let b = RecoveryKey::generate(&random).unwrap();
        assert_ne!(a.canonical(), b.canonical());
        let shown = a.grouped();
        assert_eq!(shown.len(), 32 + 7);
        assert_eq!(a.groups().len(), 8);
        assert!(a.canonical().bytes().all(|c| ALPHABET.contains(&c)), "{shown}");
        assert!(!format!("{a:?}").contains(a.canonical()));
    }

    #[test]
    fn what_is_typed_back_reads_as_the_same_key() {
        let key = RecoveryKey::generate(&CountingRandom::default()).unwrap();
        let shown = key.grouped();
        for typed in [
            shown.clone(),
            shown.to_lowercase(),
            shown.replace('-', " "),
            shown.replace('-', ""),
            format!("  {}\n", shown.replace('-', " - ")),
            shown.replace('0', "O").replace('1', "l"),
        ] {
            assert_eq!(RecoveryKey::parse(&typed).unwrap().canonical(), key.canonical(), "{typed:?}");
        }
    }

    #[test]
    fn text_that_cannot_be_a_key_is_refused_in_words() {
        let key = RecoveryKey::generate(&CountingRandom::default()).unwrap();
        let shown = key.grouped();
        for (typed, shape) in [
            ("", RecoveryShape::Empty),
            (" - ", RecoveryShape::Empty),
            (&shown[..shown.len() - 1], RecoveryShape::Length { found: 31 }),
            (&format!("{shown}A")[..], RecoveryShape::Length { found: 33 }),
            (&shown.replacen(&shown[..1], "U", 1)[..], RecoveryShape::Character),
            (&shown.replacen(&shown[..1], "é", 1)[..], RecoveryShape::Character),
        ] {
            let err = RecoveryKey::parse(typed).unwrap_err();
            assert_eq!(err, VaultError::RecoveryKeyMalformed(shape), "{typed:?}");
            assert!(!err.to_string().is_empty());
        }
        assert!(RecoveryShape::Length { found: 31 }.to_string().contains("this has 31"));
    }
}
