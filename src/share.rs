//! Share codes: one person's check result as a short code the other person
//! types, pastes or scans on their own device. Nothing is sent anywhere.
//!
//! A code carries the role, the situation, the check's version and item set,
//! the day the check was taken and the six dimension scores; the item answers
//! only if the person ticked the box for them. Never a safety answer. The
//! README's "Share codes" section describes every field, so another program
//! could read the codes.
//!
//! The text is Crockford base32 (digits and capital letters without I, L, O, U),
//! grouped in fours, ending in two check symbols over GF(32): the first is the
//! sum of all symbols, so any single mistyped character changes it and is
//! caught; the second weighs each symbol by its position, so two neighbouring
//! characters typed the wrong way round are caught too.

use crate::assessment::{self, Answer, CheckResult, Scores};
use crate::content::model::CheckContent;
use crate::settings::{Role, Situation};
use crate::vault::{self, KdfParams, Key, VaultError};

/// The layout of the code's bytes. A reader refuses codes with a higher number.
pub const FORMAT_VERSION: u8 = 1;
/// The version of the readiness check whose scores a code carries. It changes
/// when a dimension changes meaning, and then older and newer codes are not compared.
pub const CHECK_VERSION: u8 = 1;

const KIND_PLAIN: u8 = 0;
const KIND_PROTECTED: u8 = 1;
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
/// The rounds of key stretching are written in units of this many.
const ROUNDS_UNIT: u32 = 100_000;
const DAY_MS: u64 = 86_400_000;

/// What a code from the other person holds, once read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedResult {
    pub role: Option<Role>,
    pub situation: Option<Situation>,
    /// Days since 1 January 1970 (UTC), the day the check was taken.
    pub day: u16,
    /// 0 to 100 per dimension, in the check's dimension order.
    pub scores: Vec<u32>,
    /// 1 to 5 per item, in the check's item order, when the person chose to share them.
    pub answers: Option<Vec<Answer>>,
    /// The code held answers to a different set of questions, so they were left out.
    pub answers_left_out: bool,
}

/// Why a code could not be read, in words a person can act on. Nothing is
/// saved when any of these happens.
/// The words are the active locale's (`check_share_errors`), through `Display`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    Empty,
    Character(char),
    Typo,
    Damaged,
    NewerFormat,
    NewerCheck { theirs: u8, ours: u8 },
    OlderCheck { theirs: u8, ours: u8 },
    WrongPassphrase,
    /// Why, in words: the browser's or the lock's, or `check_share_errors.rounds`.
    Crypto(String),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = crate::text::check_share_errors::get();
        match self {
            ShareError::Empty => f.write_str(t.empty),
            ShareError::Character(c) => f.write_str(&t.character(c)),
            ShareError::Typo => f.write_str(t.typo),
            ShareError::Damaged => f.write_str(t.damaged),
            ShareError::NewerFormat => f.write_str(t.newer_format),
            ShareError::NewerCheck { theirs, ours } => f.write_str(&t.newer_check(ours, theirs)),
            ShareError::OlderCheck { theirs, ours } => f.write_str(&t.older_check(ours, theirs)),
            ShareError::WrongPassphrase => f.write_str(t.wrong_passphrase),
            ShareError::Crypto(reason) => f.write_str(&t.crypto(reason)),
        }
    }
}

/// A code as first read: either the result itself, or one that needs a passphrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    Plain(SharedResult),
    Protected(Protected),
}

/// A passphrase-protected code, read but not yet opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protected {
    /// Everything before the ciphertext; authenticated with it.
    header: Vec<u8>,
    salt: [u8; SALT_LEN],
    rounds: u32,
    nonce: [u8; NONCE_LEN],
    sealed: Vec<u8>,
}

impl Protected {
    /// The key derivation the person who made the code used.
    pub fn params(&self) -> KdfParams {
        KdfParams { salt: self.salt, iterations: self.rounds }
    }

    /// Opens the code with the key derived from the passphrase typed.
    pub fn open(&self, content: &CheckContent, key: &Key) -> Result<SharedResult, ShareError> {
        let payload = vault::open_bytes(key, &self.nonce, &self.header, &self.sealed).map_err(|e| match e {
            VaultError::Undecryptable => ShareError::WrongPassphrase,
            _ => ShareError::Damaged,
        })?;
        read_payload(content, &payload)
    }
}

/// A 16-bit fingerprint of the check's item set: the dimension ids, and each
/// item's id, dimension and keying, in order (FNV-1a, folded). Two apps with
/// the same fingerprint ask the same questions in the same order.
pub fn item_set(content: &CheckContent) -> u16 {
    let mut h: u32 = 0x811c_9dc5;
    let mut feed = |s: &str| {
        for b in s.bytes().chain([0]) {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    };
    for d in &content.dimensions {
        feed(&d.id);
    }
    for it in &content.items {
        feed(&it.id);
        feed(&it.dimension);
        feed(if it.reverse { "r" } else { "p" });
    }
    ((h >> 16) ^ (h & 0xffff)) as u16
}

/// The day (since 1970, UTC) a moment in milliseconds falls on, within the code's range.
pub fn day_of(ms: u64) -> u16 {
    u16::try_from(ms / DAY_MS).unwrap_or(u16::MAX)
}

/// Noon (UTC) of a day, in milliseconds: shown as that date in every time zone within 12 hours.
pub fn noon_of(day: u16) -> u64 {
    u64::from(day) * DAY_MS + DAY_MS / 2
}

fn role_bits(role: Option<Role>) -> u8 {
    match role {
        None => 0,
        Some(Role::Hurt) => 1,
        Some(Role::Unfaithful) => 2,
        Some(Role::Both) => 3,
    }
}

fn situation_bits(situation: Option<Situation>) -> u8 {
    match situation {
        None => 0,
        Some(Situation::Together) => 1,
        Some(Situation::Apart) => 2,
        Some(Situation::ApartUnsure) => 3,
    }
}

/// The payload: check version, item set, flags, day, scores, and the answers if chosen.
fn payload(content: &CheckContent, result: &CheckResult, with_answers: bool) -> Vec<u8> {
    let answers: Option<Vec<Answer>> = with_answers
        .then(|| content.items.iter().map(|it| result.answers.get(&it.id).copied()).collect::<Option<Vec<_>>>())
        .flatten();
    let mut out = vec![CHECK_VERSION];
    out.extend_from_slice(&item_set(content).to_be_bytes());
    out.push(role_bits(result.role) | situation_bits(result.situation) << 2 | u8::from(answers.is_some()) << 4);
    out.extend_from_slice(&day_of(result.taken_at).to_be_bytes());
    for d in &content.dimensions {
        out.push(result.dimension(&d.id).unwrap_or(0).min(100) as u8);
    }
    if let Some(answers) = answers {
        let mut bits = BitWriter::default();
        for a in answers {
            bits.push(u32::from(a), 3);
        }
        out.extend(bits.finish());
    }
    out
}

fn read_payload(content: &CheckContent, p: &[u8]) -> Result<SharedResult, ShareError> {
    let dims = content.dimensions.len();
    if p.is_empty() {
        return Err(ShareError::Damaged);
    }
    match p[0] {
        v if v > CHECK_VERSION => return Err(ShareError::NewerCheck { theirs: v, ours: CHECK_VERSION }),
        v if v < CHECK_VERSION => return Err(ShareError::OlderCheck { theirs: v, ours: CHECK_VERSION }),
        _ => {}
    }
    if p.len() < 6 + dims {
        return Err(ShareError::Damaged);
    }
    let set = u16::from_be_bytes([p[1], p[2]]);
    let flags = p[3];
    if flags & 0b1110_0000 != 0 {
        return Err(ShareError::Damaged);
    }
    let role = match flags & 3 {
        0 => None,
        1 => Some(Role::Hurt),
        2 => Some(Role::Unfaithful),
        _ => Some(Role::Both),
    };
    let situation = match flags >> 2 & 3 {
        0 => None,
        1 => Some(Situation::Together),
        2 => Some(Situation::Apart),
        3 => Some(Situation::ApartUnsure),
        _ => return Err(ShareError::Damaged),
    };
    let day = u16::from_be_bytes([p[4], p[5]]);
    let scores: Vec<u32> = p[6..6 + dims].iter().map(|&s| u32::from(s)).collect();
    if scores.iter().any(|&s| s > 100) {
        return Err(ShareError::Damaged);
    }
    let rest = &p[6 + dims..];
    let has_answers = flags & 0b1_0000 != 0;
    let (answers, answers_left_out) = if !has_answers {
        if !rest.is_empty() {
            return Err(ShareError::Damaged);
        }
        (None, false)
    } else if set != item_set(content) {
        // Another set of questions: the scores still compare, the answers don't.
        (None, true)
    } else {
        let n = content.items.len();
        if rest.len() != (3 * n).div_ceil(8) {
            return Err(ShareError::Damaged);
        }
        let mut bits = BitReader::new(rest);
        let answers: Vec<Answer> = (0..n).map(|_| bits.take(3) as Answer).collect();
        if answers.iter().any(|a| !assessment::SCALE.contains(a)) || bits.take(bits.left()) != 0 {
            return Err(ShareError::Damaged);
        }
        (Some(answers), false)
    };
    Ok(SharedResult { role, situation, day, scores, answers, answers_left_out })
}

/// A plain share code for a finished result, ready to show (grouped in fours).
pub fn encode(content: &CheckContent, result: &CheckResult, with_answers: bool) -> String {
    let mut bytes = vec![FORMAT_VERSION << 4 | KIND_PLAIN];
    bytes.extend(payload(content, result, with_answers));
    to_text(&bytes)
}

/// A passphrase-protected share code: the payload sealed with AES-256-GCM under
/// a key derived (PBKDF2, as the lock does) with `params`; the salt and rounds
/// travel in the code's header, which the cipher also authenticates.
pub fn encode_protected(
    content: &CheckContent,
    result: &CheckResult,
    with_answers: bool,
    key: &Key,
    params: &KdfParams,
    nonce: [u8; NONCE_LEN],
) -> Result<String, ShareError> {
    let rounds = u8::try_from(params.iterations / ROUNDS_UNIT)
        .ok()
        .filter(|r| u32::from(*r) * ROUNDS_UNIT == params.iterations)
        .ok_or_else(|| ShareError::Crypto(crate::text::check_share_errors::get().rounds.into()))?;
    let mut bytes = vec![FORMAT_VERSION << 4 | KIND_PROTECTED];
    bytes.extend_from_slice(&params.salt);
    bytes.push(rounds);
    bytes.extend_from_slice(&nonce);
    let sealed = vault::seal_bytes(key, nonce, &bytes, &payload(content, result, with_answers))
        .map_err(|e| ShareError::Crypto(e.to_string()))?;
    bytes.extend(sealed);
    Ok(to_text(&bytes))
}

/// Reads a typed, pasted or scanned code. Spaces, dashes and lower case are
/// fine, and O, I and L are read as 0, 1 and 1.
pub fn parse(content: &CheckContent, text: &str) -> Result<Parsed, ShareError> {
    let bytes = from_text(text)?;
    let (&first, rest) = bytes.split_first().ok_or(ShareError::Damaged)?;
    if first >> 4 > FORMAT_VERSION {
        return Err(ShareError::NewerFormat);
    }
    if first >> 4 != FORMAT_VERSION {
        return Err(ShareError::Damaged);
    }
    match first & 0x0f {
        KIND_PLAIN => read_payload(content, rest).map(Parsed::Plain),
        KIND_PROTECTED => {
            let head = 1 + SALT_LEN + 1 + NONCE_LEN;
            if bytes.len() < head + TAG_LEN + 1 {
                return Err(ShareError::Damaged);
            }
            let salt: [u8; SALT_LEN] = bytes[1..1 + SALT_LEN].try_into().map_err(|_| ShareError::Damaged)?;
            let rounds = u32::from(bytes[1 + SALT_LEN]) * ROUNDS_UNIT;
            let nonce: [u8; NONCE_LEN] = bytes[2 + SALT_LEN..head].try_into().map_err(|_| ShareError::Damaged)?;
            let protected = Protected { header: bytes[..head].to_vec(), salt, rounds, nonce, sealed: bytes[head..].to_vec() };
            // A code asking for too few or absurdly many rounds was tampered with.
            protected.params().check().map_err(|_| ShareError::Damaged)?;
            Ok(Parsed::Protected(protected))
        }
        _ => Err(ShareError::NewerFormat),
    }
}

impl SharedResult {
    /// The result as one of the check history's, marked as the partner's.
    pub fn into_result(self, content: &CheckContent, id: String) -> CheckResult {
        let dimensions: Vec<(String, u32)> =
            content.dimensions.iter().map(|d| d.id.clone()).zip(self.scores.iter().copied()).collect();
        let overall = assessment::rounded_mean(&dimensions.iter().map(|(_, s)| *s).collect::<Vec<_>>());
        let answers = self
            .answers
            .map(|a| content.items.iter().map(|it| it.id.clone()).zip(a).collect())
            .unwrap_or_default();
        CheckResult {
            id,
            taken_at: noon_of(self.day),
            role: self.role,
            situation: self.situation,
            band: assessment::band(content, overall).id.clone(),
            scores: Scores { dimensions, overall },
            answers,
            safety_warnings: Vec::new(),
            partner: true,
        }
    }
}

/// An id for a partner's result that is the same each time the same code is
/// entered, so entering it twice keeps one copy: `p-` and a hash of the code's
/// content (not of its spelling, so a protected and a plain code of one result agree).
pub fn partner_id(shared: &SharedResult) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    feed(role_bits(shared.role) | situation_bits(shared.situation) << 2);
    shared.day.to_be_bytes().into_iter().for_each(&mut feed);
    shared.scores.iter().for_each(|&s| feed(s as u8));
    shared.answers.iter().flatten().for_each(|&a| feed(a));
    format!("p-{h:x}")
}

// ------------------------------------------------------------ text and checksum

/// Crockford's base32 digits: no I, L, O or U, which look or sound like others.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A symbol's value, reading look-alikes as Crockford does; `None` for anything else.
fn symbol(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    };
    ALPHABET.iter().position(|&a| char::from(a) == c).map(|p| p as u8)
}

/// Multiplication in GF(32), built on x⁵ + x² + 1.
fn gf_mul(mut a: u8, mut b: u8) -> u8 {
    let mut out = 0;
    while b != 0 {
        if b & 1 != 0 {
            out ^= a;
        }
        b >>= 1;
        a <<= 1;
        if a & 0x20 != 0 {
            a ^= 0x25;
        }
    }
    out
}

/// The two check symbols: the sum of the symbols, and their sum weighted by αⁱ.
///
/// A single wrong symbol `v + e` (e ≠ 0) at position i changes the first by e,
/// which is never zero; a wrong check symbol no longer matches. Two different
/// neighbours swapped leave the first alone but change the second by
/// (a + b)·αⁱ·(1 + α), a product of non-zero field elements, never zero.
fn check_symbols(values: &[u8]) -> [u8; 2] {
    let (mut sum, mut weighted, mut power) = (0u8, 0u8, 1u8);
    for &v in values {
        sum ^= v;
        weighted ^= gf_mul(v, power);
        power = gf_mul(power, 2);
    }
    [sum, weighted]
}

fn to_text(bytes: &[u8]) -> String {
    let mut bits = BitWriter::default();
    for &b in bytes {
        bits.push(u32::from(b), 8);
    }
    let total = bytes.len() * 8;
    let mut reader = BitReader::new(&bits.out);
    let mut values: Vec<u8> = (0..total.div_ceil(5))
        .map(|i| {
            let n = (total - i * 5).min(5);
            (reader.take(n) << (5 - n)) as u8
        })
        .collect();
    values.extend(check_symbols(&values));
    group(values.iter().map(|&v| char::from(ALPHABET[usize::from(v)])))
}

/// Groups of four, joined with dashes, for reading aloud.
fn group(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    for (i, c) in chars.enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(c);
    }
    out
}

fn from_text(text: &str) -> Result<Vec<u8>, ShareError> {
    let mut values = Vec::new();
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '-') {
        values.push(symbol(c).ok_or(ShareError::Character(c))?);
    }
    if values.is_empty() {
        return Err(ShareError::Empty);
    }
    if values.len() < 3 {
        return Err(ShareError::Damaged);
    }
    let (data, check) = values.split_at(values.len() - 2);
    if check_symbols(data) != [check[0], check[1]] {
        return Err(ShareError::Typo);
    }
    let mut bits = BitWriter::default();
    for &v in data {
        bits.push(u32::from(v), 5);
    }
    let total = data.len() * 5;
    // Whole bytes only; the few bits that pad the last symbol must be zero.
    if total % 8 >= 5 {
        return Err(ShareError::Damaged);
    }
    let mut reader = BitReader::new(&bits.out);
    let bytes: Vec<u8> = (0..total / 8).map(|_| reader.take(8) as u8).collect();
    if reader.take(total % 8) != 0 {
        return Err(ShareError::Damaged);
    }
    Ok(bytes)
}

#[derive(Default)]
struct BitWriter {
    out: Vec<u8>,
    used: usize,
}

impl BitWriter {
    /// Appends the low `n` bits of `value`, most significant first.
    fn push(&mut self, value: u32, n: usize) {
        for i in (0..n).rev() {
            if self.used % 8 == 0 {
                self.out.push(0);
            }
            if value >> i & 1 != 0 {
                let last = self.out.len() - 1;
                self.out[last] |= 0x80 >> (self.used % 8);
            }
            self.used += 1;
        }
    }

    fn finish(self) -> Vec<u8> {
        self.out
    }
}

struct BitReader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> BitReader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, at: 0 }
    }

    fn left(&self) -> usize {
        self.bytes.len() * 8 - self.at
    }

    /// The next `n` bits (zeros past the end).
    fn take(&mut self, n: usize) -> u32 {
        let mut v = 0;
        for _ in 0..n {
            let bit = self.bytes.get(self.at / 8).map_or(0, |b| b >> (7 - self.at % 8) & 1);
            v = v << 1 | u32::from(bit);
            self.at += 1;
        }
        v
    }
}

// ------------------------------------------------------------ QR code

/// A QR code's dark modules, row by row, `width` × `width`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrModules {
    pub width: usize,
    pub dark: Vec<bool>,
}

/// The QR code for a share code (alphanumeric mode: digits, capitals and `-`
/// are all it needs), with medium error correction so a slightly blurred
/// photo still reads.
pub fn qr(code: &str) -> Option<QrModules> {
    let qr = qrcode::QrCode::with_error_correction_level(code.as_bytes(), qrcode::EcLevel::M).ok()?;
    let width = qr.width();
    let dark = qr.into_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
    Some(QrModules { width, dark })
}

impl QrModules {
    /// An SVG path (one unit per module, offset by a quiet zone of `margin`)
    /// drawing every dark module, each run of dark modules in a row as one rectangle.
    pub fn svg_path(&self, margin: usize) -> String {
        let mut d = String::new();
        for y in 0..self.width {
            let row = &self.dark[y * self.width..(y + 1) * self.width];
            let mut x = 0;
            while x < self.width {
                if row[x] {
                    let start = x;
                    while x < self.width && row[x] {
                        x += 1;
                    }
                    d.push_str(&format!("M{} {}h{}v1h-{}z", start + margin, y + margin, x - start, x - start));
                } else {
                    x += 1;
                }
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Draft;
    use crate::camera::CameraError;
    use crate::locale::{self, Locale};
    use crate::share_sheet::ShareError as SheetError;
    use crate::vault::test_key;

    #[test]
    fn code_camera_and_share_sheet_messages_read_as_before_in_english() {
        locale::set_active(Locale::En);
        assert_eq!(ShareError::Character('U').to_string(), "“U” is not used in share codes, which have only digits and capital letters. Please check that character.");
        assert_eq!(
            ShareError::OlderCheck { theirs: 1, ours: 2 }.to_string(),
            "This result comes from an older version of the readiness check (version 1; this app has version 2), whose scores can’t be set beside these. Ask for a code from a check taken with a current version."
        );
        assert_eq!(ShareError::Crypto("no".into()).to_string(), "This browser can’t do the encryption a protected code needs (no).");
        assert_eq!(CameraError::Picture("it is empty".into()).to_string(), "That picture couldn’t be opened (it is empty). Try another photo, or type the code.");
        assert_eq!(CameraError::NoCamera.to_string(), "No camera was found. You can type the code, or choose a photo of it.");
        assert_eq!(SheetError::Failed("x".into()).to_string(), "the file could not be shared (x)");
        assert_eq!(SheetError::Unsupported.to_string(), "this browser cannot share files");
    }

    #[test]
    fn code_camera_and_share_sheet_messages_follow_the_language() {
        locale::set_active(Locale::Es);
        let said = [
            ShareError::Empty.to_string(),
            ShareError::Character('U').to_string(),
            ShareError::NewerCheck { theirs: 3, ours: 2 }.to_string(),
            ShareError::WrongPassphrase.to_string(),
            ShareError::Crypto("x".into()).to_string(),
            CameraError::Denied.to_string(),
            CameraError::Picture("y".into()).to_string(),
            SheetError::Unsupported.to_string(),
            SheetError::Failed("z".into()).to_string(),
        ];
        locale::set_active(Locale::En);
        assert_eq!(
            said,
            [
                "Aquí aún no hay ningún código. Escribe o pega el código que te dieron.",
                "“U” no se usa en los códigos para compartir, que solo tienen números y letras mayúsculas. Revisa ese carácter.",
                "Este resultado viene de una versión más reciente de la prueba de preparación (versión 3; esta app tiene la versión 2). Recarga la app para actualizarla y vuelve a intentarlo.",
                "Esa frase de contraseña no abre este código, o el código cambió por el camino. No se ha guardado nada. Revisa la frase y vuelve a intentarlo.",
                "Este navegador no puede hacer el cifrado que necesita un código protegido (x).",
                "La cámara no tiene permiso. No pasa nada: puedes escribir el código o elegir una foto de él. Para usar la cámara más adelante, permítela en los ajustes del sitio de tu navegador.",
                "No se pudo abrir esa imagen (y). Prueba con otra foto o escribe el código.",
                "este navegador no puede compartir archivos",
                "no se pudo compartir el archivo (z)",
            ]
        );
    }

    /// A SplitMix64 stream, so failures can be replayed.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    fn random_result(rng: &mut Rng) -> CheckResult {
        let c = crate::content::check();
        let mut draft = Draft::default();
        for it in &c.items {
            draft.answer(c, &it.id, 1 + rng.below(5) as u8);
        }
        let role = [None, Some(Role::Hurt), Some(Role::Unfaithful), Some(Role::Both)][rng.below(4) as usize];
        let situation = [None, Some(Situation::Together), Some(Situation::Apart), Some(Situation::ApartUnsure)][rng.below(4) as usize];
        let taken_at = rng.below(u64::from(u16::MAX) * DAY_MS);
        CheckResult::from_draft(c, &draft, "me".into(), taken_at, role, situation).expect("every item answered")
    }

    fn plain(text: &str) -> SharedResult {
        match parse(crate::content::check(), text) {
            Ok(Parsed::Plain(r)) => r,
            other => panic!("expected a plain code, got {other:?}"),
        }
    }

    #[test]
    fn ten_thousand_random_results_survive_encode_and_decode() {
        let c = crate::content::check();
        let mut rng = Rng(17);
        for _ in 0..10_000 {
            let result = random_result(&mut rng);
            let with_answers = rng.below(2) == 1;
            let code = encode(c, &result, with_answers);
            let back = plain(&code);
            assert_eq!(back.role, result.role);
            assert_eq!(back.situation, result.situation);
            assert_eq!(back.day, day_of(result.taken_at));
            let scores: Vec<u32> = c.dimensions.iter().map(|d| result.dimension(&d.id).unwrap()).collect();
            assert_eq!(back.scores, scores);
            let again = back.clone().into_result(c, "p".into());
            assert_eq!(again.scores, result.scores, "{code}");
            assert_eq!(again.band, result.band);
            assert!(again.partner);
            assert_eq!(day_of(again.taken_at), day_of(result.taken_at));
            if with_answers {
                assert_eq!(again.answers, result.answers);
            } else {
                assert_eq!(back.answers, None);
            }
        }
    }

    #[test]
    fn a_code_is_short_grouped_and_free_of_look_alikes() {
        let c = crate::content::check();
        let code = encode(c, &random_result(&mut Rng(1)), false);
        // 13 bytes → 21 symbols, and 2 check symbols.
        assert_eq!(code.replace('-', "").len(), 23, "{code}");
        assert!(code.split('-').all(|g| (1..=4).contains(&g.len())));
        assert!(!code.contains(['I', 'L', 'O', 'U']));
        let with = encode(c, &random_result(&mut Rng(1)), true);
        assert_eq!(with.replace('-', "").len(), 23 + 15, "{with}");
    }

    #[test]
    fn a_code_never_carries_safety_answers() {
        let c = crate::content::check();
        let mut calm = random_result(&mut Rng(12));
        calm.safety_warnings = Vec::new();
        let warned = CheckResult {
            safety_warnings: vec![crate::content::model::SafetyKind::Abuse, crate::content::model::SafetyKind::SelfHarm],
            ..calm.clone()
        };
        for with_answers in [false, true] {
            assert_eq!(encode(c, &calm, with_answers), encode(c, &warned, with_answers));
        }
    }

    #[test]
    fn spelling_variants_of_a_code_read_the_same() {
        let c = crate::content::check();
        let code = encode(c, &random_result(&mut Rng(2)), true);
        let loose = format!("  {} ", code.to_lowercase().replace('-', " ").replace('0', "o").replace('1', "l"));
        assert_eq!(plain(&loose), plain(&code));
    }

    /// Every way of mistyping one character of a code, in every position, of
    /// plain and protected codes: the checksum refuses each one.
    #[test]
    fn every_single_character_typo_is_caught() {
        let c = crate::content::check();
        let mut rng = Rng(3);
        let mut tried = 0;
        let mut codes: Vec<String> = (0..300).map(|i| encode(c, &random_result(&mut rng), i % 2 == 0)).collect();
        let protected = encode_protected(c, &random_result(&mut rng), true, &test_key(4), &params(), [9; 12]).unwrap();
        codes.push(protected);
        for code in codes {
            let symbols: Vec<char> = code.chars().filter(|&ch| ch != '-').collect();
            for i in 0..symbols.len() {
                for &other in ALPHABET.iter() {
                    let other = char::from(other);
                    if other == symbols[i] {
                        continue;
                    }
                    let mut typo = symbols.clone();
                    typo[i] = other;
                    let typo: String = typo.into_iter().collect();
                    assert_eq!(parse(c, &typo), Err(ShareError::Typo), "{code} → {typo}");
                    tried += 1;
                }
            }
        }
        assert!(tried > 200_000, "{tried}");
    }

    #[test]
    fn neighbours_swapped_are_caught() {
        let c = crate::content::check();
        let code = encode(c, &random_result(&mut Rng(5)), true);
        let symbols: Vec<char> = code.chars().filter(|&ch| ch != '-').collect();
        for i in 0..symbols.len() - 1 {
            if symbols[i] == symbols[i + 1] {
                continue;
            }
            let mut swapped = symbols.clone();
            swapped.swap(i, i + 1);
            let swapped: String = swapped.into_iter().collect();
            assert_eq!(parse(c, &swapped), Err(ShareError::Typo), "{swapped}");
        }
    }

    #[test]
    fn a_missing_or_foreign_character_is_named() {
        let c = crate::content::check();
        let code = encode(c, &random_result(&mut Rng(6)), false);
        assert_eq!(parse(c, &code.replacen(|ch: char| ch.is_ascii_alphanumeric(), "U", 1)), Err(ShareError::Character('U')));
        assert_eq!(parse(c, &format!("{code}!")), Err(ShareError::Character('!')));
        assert_eq!(parse(c, "  - "), Err(ShareError::Empty));
        let short: String = code.chars().filter(|&ch| ch != '-').take(10).collect();
        assert!(matches!(parse(c, &short), Err(ShareError::Typo | ShareError::Damaged)));
    }

    /// Builds a code from raw bytes, as a newer or a broken app might.
    fn raw_code(bytes: &[u8]) -> String {
        to_text(bytes)
    }

    fn plain_bytes(check_version: u8) -> Vec<u8> {
        let c = crate::content::check();
        let mut bytes = vec![FORMAT_VERSION << 4, check_version];
        bytes.extend_from_slice(&item_set(c).to_be_bytes());
        bytes.extend_from_slice(&[1 | 1 << 2, 0x50, 0x00]);
        bytes.extend(std::iter::repeat_n(60, c.dimensions.len()));
        bytes
    }

    #[test]
    fn a_code_from_a_newer_check_or_format_is_refused_in_words() {
        let c = crate::content::check();
        assert!(matches!(parse(c, &raw_code(&plain_bytes(CHECK_VERSION))), Ok(Parsed::Plain(_))));
        let newer = parse(c, &raw_code(&plain_bytes(CHECK_VERSION + 1)));
        assert_eq!(newer, Err(ShareError::NewerCheck { theirs: CHECK_VERSION + 1, ours: CHECK_VERSION }));
        assert!(newer.unwrap_err().to_string().contains("newer version of the readiness check"));
        let mut format = plain_bytes(CHECK_VERSION);
        format[0] = (FORMAT_VERSION + 1) << 4;
        assert_eq!(parse(c, &raw_code(&format)), Err(ShareError::NewerFormat));
        assert_eq!(
            parse(c, &raw_code(&plain_bytes(0))),
            Err(ShareError::OlderCheck { theirs: 0, ours: CHECK_VERSION })
        );
    }

    #[test]
    fn impossible_values_are_refused_as_damaged() {
        let c = crate::content::check();
        let mut score = plain_bytes(CHECK_VERSION);
        score[7] = 101;
        assert_eq!(parse(c, &raw_code(&score)), Err(ShareError::Damaged));
        let mut flags = plain_bytes(CHECK_VERSION);
        flags[4] = 0b1000_0000;
        assert_eq!(parse(c, &raw_code(&flags)), Err(ShareError::Damaged));
        let mut cut = plain_bytes(CHECK_VERSION);
        cut.pop();
        assert_eq!(parse(c, &raw_code(&cut)), Err(ShareError::Damaged));
        let mut extra = plain_bytes(CHECK_VERSION);
        extra.push(0);
        assert_eq!(parse(c, &raw_code(&extra)), Err(ShareError::Damaged));
    }

    #[test]
    fn answers_to_another_set_of_questions_are_left_out_but_scores_kept() {
        let c = crate::content::check();
        let mut bytes = plain_bytes(CHECK_VERSION);
        bytes[2] ^= 0xff;
        bytes[4] |= 1 << 4;
        bytes.extend(std::iter::repeat_n(0b0010_0100, (3 * c.items.len()).div_ceil(8)));
        let r = plain(&raw_code(&bytes));
        assert_eq!(r.answers, None);
        assert!(r.answers_left_out);
        assert_eq!(r.scores, vec![60; c.dimensions.len()]);
    }

    fn params() -> KdfParams {
        KdfParams { salt: [3; 16], iterations: KdfParams::MIN_ITERATIONS }
    }

    fn protected(text: &str) -> Protected {
        match parse(crate::content::check(), text) {
            Ok(Parsed::Protected(p)) => p,
            other => panic!("expected a protected code, got {other:?}"),
        }
    }

    #[test]
    fn a_protected_code_opens_with_its_key_only() {
        let c = crate::content::check();
        let result = random_result(&mut Rng(8));
        let code = encode_protected(c, &result, true, &test_key(1), &params(), [5; 12]).unwrap();
        let p = protected(&code);
        assert_eq!(p.params(), params());
        let opened = p.open(c, &test_key(1)).unwrap();
        assert_eq!(opened, plain(&encode(c, &result, true)));
        assert_eq!(p.open(c, &test_key(2)), Err(ShareError::WrongPassphrase));
    }

    /// A protected code changed in any byte, with its checksum recomputed so
    /// only the cipher can notice, is refused.
    #[test]
    fn a_tampered_protected_code_is_refused() {
        let c = crate::content::check();
        let code = encode_protected(c, &random_result(&mut Rng(9)), false, &test_key(1), &params(), [5; 12]).unwrap();
        let bytes = from_text(&code).unwrap();
        for i in 1..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x10;
            match parse(c, &raw_code(&bad)) {
                Ok(Parsed::Protected(p)) => assert_eq!(p.open(c, &test_key(1)), Err(ShareError::WrongPassphrase), "byte {i}"),
                // The rounds byte: too few or too many rounds is refused before any work.
                Err(e) => assert_eq!(e, ShareError::Damaged, "byte {i}"),
                Ok(other) => panic!("byte {i}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_partner_id_is_the_same_for_the_same_result_however_it_came() {
        let c = crate::content::check();
        let result = random_result(&mut Rng(10));
        let a = plain(&encode(c, &result, false));
        let b = protected(&encode_protected(c, &result, false, &test_key(1), &params(), [1; 12]).unwrap())
            .open(c, &test_key(1))
            .unwrap();
        assert_eq!(partner_id(&a), partner_id(&b));
        assert_ne!(partner_id(&a), partner_id(&plain(&encode(c, &result, true))));
        assert!(crate::route::Route::from_path(&format!("/check/result/{}", partner_id(&a))) != crate::route::Route::NotFound(String::new()));
    }

    #[test]
    fn the_qr_code_draws_every_dark_module_once() {
        let c = crate::content::check();
        let code = encode(c, &random_result(&mut Rng(11)), true);
        let qr = qr(&code).unwrap();
        assert_eq!(qr.dark.len(), qr.width * qr.width);
        let path = qr.svg_path(4);
        let drawn: usize = path
            .split('M')
            .skip(1)
            .map(|seg| seg.split('h').nth(1).unwrap().split('v').next().unwrap().parse::<usize>().unwrap())
            .sum();
        assert_eq!(drawn, qr.dark.iter().filter(|d| **d).count());
        assert!(path.starts_with("M4 4h7v1h-7z"), "the finder pattern's top edge: {path}");
    }

    #[test]
    fn gf32_multiplication_is_a_field() {
        for a in 1..32u8 {
            // Every non-zero element has an inverse, so no product of two non-zero elements is zero.
            assert_eq!((1..32u8).filter(|&b| gf_mul(a, b) == 1).count(), 1, "{a}");
        }
    }
}
