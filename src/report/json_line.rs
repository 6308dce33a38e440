//! Compact JSON into a byte buffer, byte for byte what `serde_json::to_writer` writes, for the
//! jsonl report: several hundred thousand lines a second, most of their bytes quoted text (the
//! claim's line and sentence).
//!
//! serde_json looks at every byte of a string through a table; here runs of bytes that need no
//! escaping are skipped sixteen at a time. Everything else follows serde_json: floats by the
//! same shortest-round-trip formatter (zmij), non-finite floats as `null`, enum variants as
//! strings, map keys strings.

use serde::ser::{self, Serialize};
use std::fmt;

/// Appends `value` as compact JSON to `out`. On an error (a map key that is not a string,
/// which the report model never has) `out` may hold part of the value.
pub fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(&mut Serializer { out })
}

/// Why a value could not be written as JSON.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

struct Serializer<'a> {
    out: &'a mut Vec<u8>,
}

/// Bytes a JSON string must escape: `"`, `\` and the control characters below 0x20.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Whether any byte of `block` needs escaping, with no early exit: the compiler turns the
/// test of a sixteen-byte block into a few vector compares. A byte below 0x20 or a quote
/// (0x22) is one with its bit 1 flipped below 0x21 (the flip keeps 0x00..=0x1F among
/// themselves and swaps 0x20 and 0x22): two compares a byte rather than three.
fn block_needs_escape(block: &[u8]) -> bool {
    let any = |test: fn(u8) -> bool| block.iter().fold(false, |any, &b| any | test(b));
    any(|b| b ^ 0x02 <= 0x20) | any(|b| b == b'\\')
}

/// Whether any of the eight bytes of `word` needs escaping: the "has a byte less than n" and
/// "has a zero byte" bit tricks, exact as a yes-or-no answer.
fn word_needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH_BITS;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH_BITS;
    let quote = has_zero(word ^ (ONES * u64::from(b'"')));
    let backslash = has_zero(word ^ (ONES * u64::from(b'\\')));
    below_space | quote | backslash != 0
}

/// Whether any byte of `bytes`, fewer than sixteen, needs escaping: two overlapping words
/// rather than a loop over the bytes (a line's short strings, and the tails of long ones).
fn short_needs_escape(bytes: &[u8]) -> bool {
    let n = bytes.len();
    let word = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("eight bytes"));
    let half = |b: &[u8]| u64::from(u32::from_le_bytes(b.try_into().expect("four bytes")));
    if n >= 8 {
        word_needs_escape(word(&bytes[..8])) || word_needs_escape(word(&bytes[n - 8..]))
    } else if n >= 4 {
        word_needs_escape(half(&bytes[..4]) | half(&bytes[n - 4..]) << 32)
    } else {
        bytes.iter().any(|&b| needs_escape(b))
    }
}

/// The index of the first byte of `bytes` that needs escaping, or its length.
fn plain_prefix(bytes: &[u8]) -> usize {
    let mut at = 0;
    for block in bytes.chunks_exact(16) {
        if block_needs_escape(block) {
            break;
        }
        at += 16;
    }
    let rest = &bytes[at..];
    let rest_is_plain = if rest.len() >= 16 {
        false // the block that needs escaping
    } else if at > 0 {
        // The last sixteen bytes: those before `at` are plain, so this tests the tail.
        !block_needs_escape(&bytes[bytes.len() - 16..])
    } else {
        !short_needs_escape(rest)
    };
    if rest_is_plain {
        return bytes.len();
    }
    at + rest
        .iter()
        .position(|&b| needs_escape(b))
        .unwrap_or(rest.len())
}

/// A JSON string.
pub fn string(out: &mut Vec<u8>, s: &str) {
    // A short text (a unit, a word) mostly needs no escaping: two word tests say so, and it is
    // quoted without the escaping loop.
    if s.len() < 16 && !short_needs_escape(s.as_bytes()) {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
        return;
    }
    out.reserve(s.len() + 2);
    out.push(b'"');
    string_body(out, s);
    out.push(b'"');
}

/// A JSON string of a text known to need no escaping (see `needs_escape`).
pub fn plain_string(out: &mut Vec<u8>, s: &str) {
    debug_assert!(!s.bytes().any(needs_escape), "{s:?} needs escaping");
    out.reserve(s.len() + 2);
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
}

/// A JSON string's escaped text, without its quotes. Each byte is escaped on its own, so the
/// body of `a + b` is the body of `a` followed by that of `b`.
pub fn string_body(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut bytes = s.as_bytes();
    loop {
        let plain = plain_prefix(bytes);
        out.extend_from_slice(&bytes[..plain]);
        let Some(&b) = bytes.get(plain) else { break };
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0A => out.extend_from_slice(b"\\n"),
            0x0C => out.extend_from_slice(b"\\f"),
            0x0D => out.extend_from_slice(b"\\r"),
            _ => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 0xF) as usize],
            ]),
        }
        bytes = &bytes[plain + 1..];
    }
}

/// A JSON number from an integer.
pub fn integer(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// A number as serde_json writes an `f64`: shortest round-trip digits, `null` when not finite.
pub fn float(out: &mut Vec<u8>, v: f64) {
    // zmij's longest number, 24 bytes, or a short decimal and room for eight-digit stores.
    let mut piece = Piece::<32>::new();
    piece.float(v);
    piece.append_to(out);
}

/// A float that is a whole number below 1e15, or a decimal below 1e12 with at most three
/// fractional digits: most of a report's amounts, bounds and percentages (24000.0, 11.5, 30.1).
///
/// Below 1e15 a float's spacing is at most 2^-3, and below 1e12 under 2^-13, far finer than
/// 0.001: the fewest fractional digits that read back as the float are then its shortest
/// round-trip digits, and they are unique, so they are what zmij writes (in plain notation,
/// which it uses from 1e-5 to 1e16).
struct ShortDecimal {
    negative: bool,
    /// The value times 10^`fraction_digits`.
    scaled: u64,
    fraction_digits: u32,
}

impl ShortDecimal {
    fn of(v: f64) -> Option<Self> {
        let magnitude = v.abs();
        // Not NaN or infinite, nor too large.
        if !magnitude.is_finite() || magnitude >= 1e15 {
            return None;
        }
        let whole = magnitude as i64;
        if whole as f64 == magnitude {
            return Some(ShortDecimal {
                negative: v.is_sign_negative(),
                scaled: whole as u64,
                fraction_digits: 0,
            });
        }
        if magnitude >= 1e12 {
            return None;
        }
        for (fraction_digits, scale) in [(1, 10.0), (2, 100.0), (3, 1000.0)] {
            // Rounded to the nearest integer (exact: the product is below 2^50, where adding a
            // half is exact and the cast truncates).
            let scaled = (magnitude * scale + 0.5) as i64;
            // The decimal `scaled / 10^digits` reads back as the nearest float to it, which is
            // this division, correctly rounded: it reads back as `v` exactly when this holds.
            if scaled as f64 / scale == magnitude {
                return Some(ShortDecimal {
                    negative: v.is_sign_negative(),
                    scaled: scaled as u64,
                    fraction_digits,
                });
            }
        }
        None
    }

    fn write<const N: usize>(&self, piece: &mut Piece<N>) {
        if self.negative {
            piece.push(b"-");
        }
        if self.fraction_digits == 0 {
            piece.integer(self.scaled);
            piece.push(b".0");
        } else {
            let scale = [1, 10, 100, 1000][self.fraction_digits as usize];
            piece.integer(self.scaled / scale);
            piece.push(b".");
            let fraction = (self.scaled % scale) as u32;
            piece.padded(fraction, self.fraction_digits as usize);
        }
    }
}

/// A short run of JSON put together on the stack and appended to a line in one copy: a span's
/// six numbers or a float are a few bytes each, and appending them piece by piece cost a
/// capacity check and a copy call for each.
pub struct Piece<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

/// A fixed text padded with zeros to `W` bytes, for `Piece::push_padded`: the piece keeps its
/// first `len` bytes, and needs room for the rest.
pub struct Padded<const W: usize> {
    bytes: [u8; W],
    len: usize,
}

impl<const W: usize> Padded<W> {
    pub const fn new(text: &[u8]) -> Self {
        assert!(text.len() <= W, "the text is longer than its padded width");
        let mut bytes = [0; W];
        let mut i = 0;
        while i < text.len() {
            bytes[i] = text[i];
            i += 1;
        }
        Padded {
            bytes,
            len: text.len(),
        }
    }

    /// Appends the text to `out`: its padded bytes, a copy of constant size, cut off after it.
    pub fn append_to(&self, out: &mut Vec<u8>) {
        let end = out.len() + self.len;
        out.extend_from_slice(&self.bytes);
        out.truncate(end);
    }
}

/// The decimal digits of `n` (below 10^8) in the eight bytes of a word, most significant first
/// in memory (little-endian), each byte a digit's value (not yet ASCII), with leading zeros:
/// a few multiplications rather than a division per digit.
fn eight_digits(n: u32) -> u64 {
    let n = u64::from(n);
    // Two 32-bit lanes of four digits, the high four first.
    let x = (n / 10_000) | ((n % 10_000) << 32);
    // Each lane split into two 16-bit lanes of two digits: v / 100 is v * 10486 >> 20 for
    // v < 10^4, and no lane's product reaches the next lane.
    let hundreds = ((x * 10_486) >> 20) & 0x0000_007F_0000_007F;
    let x = hundreds | ((x - hundreds * 100) << 16);
    // Each 16-bit lane split into two bytes: v / 10 is v * 103 >> 10 for v < 100.
    let tens = ((x * 103) >> 10) & 0x000F_000F_000F_000F;
    tens | ((x - tens * 10) << 8)
}

/// The decimal digits of a number below 10^8, ready to store in a piece: a number written
/// several times (a claim's line, mostly four times a line) is turned into digits once.
#[derive(Debug, Clone, Copy)]
pub struct Digits {
    /// The digits' values, most significant first in memory (see `eight_digits`).
    values: u64,
    width: usize,
}

impl Digits {
    /// `n`'s digits, if it is below 10^8.
    pub fn of(n: u64) -> Option<Self> {
        u32::try_from(n)
            .ok()
            .filter(|&n| n < 100_000_000)
            .map(Digits::below_10_8)
    }

    fn below_10_8(n: u32) -> Self {
        let digits = eight_digits(n);
        // The leading zeros are the low zero bytes; a zero keeps its last digit.
        let leading_zeros = (digits | 1 << 56).trailing_zeros() as usize / 8;
        Digits {
            values: digits >> (8 * leading_zeros),
            width: 8 - leading_zeros,
        }
    }
}

impl<const N: usize> Piece<N> {
    pub fn new() -> Self {
        Piece {
            bytes: [0; N],
            len: 0,
        }
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.bytes[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    /// One of several fixed texts (see `Padded`): a copy of constant size, where choosing
    /// between texts of different lengths for `push` made a call to copy them.
    pub fn push_padded<const W: usize>(&mut self, text: &Padded<W>) {
        self.bytes[self.len..self.len + W].copy_from_slice(&text.bytes);
        self.len += text.len;
    }

    /// `n` in decimal, as itoa writes it. Below 10^16 the digits are stored eight at a time as
    /// a word (so the piece needs room for eight more bytes than it keeps).
    #[inline]
    pub fn integer(&mut self, n: u64) {
        const EIGHT_DIGITS: u64 = 100_000_000;
        if n < EIGHT_DIGITS {
            self.unpadded(n as u32);
        } else if n < EIGHT_DIGITS * EIGHT_DIGITS {
            self.unpadded((n / EIGHT_DIGITS) as u32);
            match (n % EIGHT_DIGITS) as u32 {
                // A round amount ($1.5 billion) ends with eight zeros: no digits to work out.
                0 => self.push(b"00000000"),
                low => self.padded(low, 8),
            }
        } else {
            self.push(itoa::Buffer::new().format(n).as_bytes());
        }
    }

    /// `n` (below 10^8) in decimal.
    fn unpadded(&mut self, n: u32) {
        self.digits(Digits::below_10_8(n));
    }

    /// A number's digits, made before (see `Digits`).
    pub fn digits(&mut self, digits: Digits) {
        self.store_digits(digits.values, digits.width);
    }

    /// A float as serde_json writes it (see `float`). Not inlined: `optional_float` is, so
    /// that a `null` costs no call.
    #[inline(never)]
    pub fn float(&mut self, v: f64) {
        if let Some(decimal) = ShortDecimal::of(v) {
            decimal.write(self);
        } else if v.is_finite() {
            self.push(zmij::Buffer::new().format_finite(v).as_bytes());
        } else {
            self.push(b"null");
        }
    }

    /// A float or `null`.
    #[inline]
    pub fn optional_float(&mut self, v: Option<f64>) {
        match v {
            Some(v) => self.float(v),
            None => self.push(b"null"),
        }
    }

    /// The last `width` (1 to 8) decimal digits of `n` (below 10^8), with leading zeros.
    fn padded(&mut self, n: u32, width: usize) {
        self.store_digits(eight_digits(n) >> (8 * (8 - width)), width);
    }

    /// Stores the word of digit values `digits` (see `eight_digits`) as ASCII, and keeps its
    /// first `width` bytes.
    fn store_digits(&mut self, digits: u64, width: usize) {
        let ascii = digits | 0x3030_3030_3030_3030;
        self.bytes[self.len..self.len + 8].copy_from_slice(&ascii.to_le_bytes());
        self.len += width;
    }

    /// Appends the piece to `out`. A small piece is copied whole, a fixed size that compiles to
    /// a few moves rather than a call, and what lies past it is cut off again.
    pub fn append_to(&self, out: &mut Vec<u8>) {
        if N <= 64 {
            let end = out.len() + self.len;
            out.extend_from_slice(&self.bytes);
            out.truncate(end);
        } else {
            out.extend_from_slice(self.as_bytes());
        }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

impl<const N: usize> Default for Piece<N> {
    fn default() -> Self {
        Piece::new()
    }
}

/// An array or object being written: whether a separator goes before the next element.
struct Compound<'s, 'a> {
    ser: &'s mut Serializer<'a>,
    first: bool,
    /// The closing bytes: `]`, `}`, or `}}` for a variant wrapping an array or object.
    close: &'static [u8],
}

impl Compound<'_, '_> {
    fn separate(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.ser.out.push(b',');
        }
    }

    fn key(&mut self, key: &str) {
        self.separate();
        string(self.ser.out, key);
        self.ser.out.push(b':');
    }

    fn end(self) -> Result<(), Error> {
        self.ser.out.extend_from_slice(self.close);
        Ok(())
    }
}

impl<'s, 'a> Serializer<'a> {
    fn open(&'s mut self, open: &[u8], close: &'static [u8]) -> Compound<'s, 'a> {
        self.out.extend_from_slice(open);
        Compound {
            ser: self,
            first: true,
            close,
        }
    }

    /// `{"variant":` before a variant's content.
    fn variant_key(&mut self, variant: &str) {
        self.out.push(b'{');
        string(self.out, variant);
        self.out.push(b':');
    }
}

impl<'s, 'a> ser::Serializer for &'s mut Serializer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'s, 'a>;
    type SerializeTuple = Compound<'s, 'a>;
    type SerializeTupleStruct = Compound<'s, 'a>;
    type SerializeTupleVariant = Compound<'s, 'a>;
    type SerializeMap = Compound<'s, 'a>;
    type SerializeStruct = Compound<'s, 'a>;
    type SerializeStructVariant = Compound<'s, 'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        integer(self.out, v);
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        integer(self.out, v);
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        integer(self.out, v);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        integer(self.out, v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        integer(self.out, v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        integer(self.out, v);
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        integer(self.out, v);
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        integer(self.out, v);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        integer(self.out, v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        integer(self.out, v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        if v.is_finite() {
            self.out
                .extend_from_slice(zmij::Buffer::new().format_finite(v).as_bytes());
        } else {
            self.out.extend_from_slice(b"null");
        }
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        float(self.out, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        string(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        string(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.variant_key(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'s, 'a>, Error> {
        Ok(self.open(b"[", b"]"))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'s, 'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'s, 'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'s, 'a>, Error> {
        self.variant_key(variant);
        Ok(self.open(b"[", b"]}"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'s, 'a>, Error> {
        Ok(self.open(b"{", b"}"))
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'s, 'a>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'s, 'a>, Error> {
        self.variant_key(variant);
        Ok(self.open(b"{", b"}}"))
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.separate();
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.separate();
        key.serialize(KeySerializer { out: self.ser.out })?;
        self.ser.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.key(key);
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// Map keys: strings (and unit variants, as strings); anything else is an error, as the
/// report model never has one.
struct KeySerializer<'a> {
    out: &'a mut Vec<u8>,
}

fn key_error() -> Error {
    Error("a JSON object key must be a string".into())
}

impl ser::Serializer for KeySerializer<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        string(self.out, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_bool(self, _v: bool) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_i8(self, _v: i8) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_i16(self, _v: i16) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_i32(self, _v: i32) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_i64(self, _v: i64) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_u8(self, _v: u8) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_u16(self, _v: u16) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_u32(self, _v: u32) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_u64(self, _v: u64) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_f32(self, _v: f32) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_f64(self, _v: f64) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_error())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_error())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_error())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_error())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_error())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_error())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    fn same_as_serde_json<T: Serialize>(value: &T) {
        let mut ours = Vec::new();
        write(&mut ours, value).unwrap();
        let theirs = serde_json::to_vec(value).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
    }

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(i32, f64),
        Struct { a: Option<String>, b: Vec<bool> },
    }

    #[derive(Serialize)]
    struct Inner {
        x: f64,
        #[serde(skip_serializing_if = "Option::is_none")]
        y: Option<u64>,
    }

    #[derive(Serialize)]
    struct Outer {
        name: &'static str,
        #[serde(flatten)]
        inner: Inner,
        shapes: Vec<Shape>,
        map: BTreeMap<String, i64>,
        nothing: (),
        pair: (char, &'static [u8]),
    }

    #[test]
    fn every_serde_shape_matches_serde_json() {
        same_as_serde_json(&Outer {
            name: "a \"quoted\" \\ name\n\t\u{1}\u{1f}\u{7f}€’",
            inner: Inner {
                x: -1.5e300,
                y: Some(u64::MAX),
            },
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(7),
                Shape::Tuple(-3, f64::NAN),
                Shape::Struct {
                    a: None,
                    b: vec![true, false],
                },
            ],
            map: [("k".to_string(), -9), ("".to_string(), 0)].into(),
            nothing: (),
            pair: ('"', b"ab"),
        });
        for v in [
            0.0,
            -0.0,
            1.0,
            0.1,
            0.001,
            0.0005,
            999_999_999_999.999,
            1e12,
            1e15 + 0.5,
            4503599627370497.0,
            1e16,
            1e-7,
            123456789.125,
            f64::INFINITY,
        ] {
            same_as_serde_json(&v);
        }
    }

    #[test]
    fn non_string_keys_are_errors() {
        let map: BTreeMap<u8, u8> = [(1, 2)].into();
        assert!(write(&mut Vec::new(), &map).is_err());
    }

    /// A padded text pushed is the text pushed, at any place in a piece, with what follows it
    /// pushed after it rather than after its padding.
    #[test]
    fn padded_texts_push_as_their_texts() {
        const TEXTS: [&[u8]; 4] = [b"", b"x", b",\"low_open\":false,\"high\":", &[b'a'; 16]];
        for text in TEXTS {
            let padded = Padded::<32>::new(text);
            for before in [&b""[..], b"{\"low\":", b"1.5"] {
                let mut ours = Piece::<96>::new();
                ours.push(before);
                ours.push_padded(&padded);
                ours.push(b"null");
                let mut theirs = Piece::<96>::new();
                theirs.push(before);
                theirs.push(text);
                theirs.push(b"null");
                assert_eq!(ours.as_bytes(), theirs.as_bytes());
                let mut ours = before.to_vec();
                padded.append_to(&mut ours);
                assert_eq!(ours, [before, text].concat());
            }
        }
    }

    /// Every byte: the block test's two compares are `needs_escape`'s three.
    #[test]
    fn block_test_of_each_byte() {
        for b in 0..=u8::MAX {
            let block = [
                b'a', b'b', b'c', b'd', b'e', b'f', b'g', b'h', b'i', b'j', b'k', b'l', b'm', b'n',
                b'o', b,
            ];
            assert_eq!(block_needs_escape(&block), needs_escape(b), "byte {b:#04x}");
        }
    }

    proptest! {
        #[test]
        fn strings_escape_as_serde_json_does(s in any::<String>()) {
            same_as_serde_json(&s);
        }

        #[test]
        fn ascii_strings_with_escapes(s in "[ -~\\x00-\\x1f\"\\\\]{0,40}") {
            same_as_serde_json(&s);
        }

        /// Long texts, mostly plain, with an escape here and there: the pairs of blocks and
        /// the blocks and tails after them.
        #[test]
        fn long_texts_with_few_escapes(
            plain in "[a-z ]{0,150}",
            escapes in proptest::collection::vec((0usize..150, "[\"\\\\\\x00-\\x1f]"), 0..3),
        ) {
            let mut s = plain;
            for (at, escape) in escapes {
                s.insert_str(at.min(s.len()), &escape);
            }
            same_as_serde_json(&s);
        }

        #[test]
        fn floats_format_as_serde_json_does(v in any::<f64>()) {
            same_as_serde_json(&v);
        }

        /// Decimals with a few fractional digits (the fast path) and their float neighbours.
        #[test]
        fn short_decimals_format_as_serde_json_does(
            scaled in prop_oneof![0i64..100_000, any::<i64>()],
            fraction_digits in 0i32..6,
            nudge in -2i64..=2,
        ) {
            let v = scaled as f64 / 10f64.powi(fraction_digits);
            let v = f64::from_bits((v.to_bits() as i64 + nudge) as u64);
            same_as_serde_json(&v);
            same_as_serde_json(&-v);
        }

        #[test]
        fn integers_in_pieces_as_itoa(
            n in prop_oneof![
                0u64..1000,
                0u64..100_000_000,
                99_999_990u64..100_000_010,
                (1u64..100_000_000).prop_map(|high| high * 100_000_000),
                any::<u64>(),
            ],
        ) {
            let mut piece = Piece::<32>::new();
            piece.integer(n);
            let mut expected = itoa::Buffer::new();
            prop_assert_eq!(piece.as_bytes(), expected.format(n).as_bytes());
        }

        #[test]
        fn block_test_as_byte_test(
            mut bytes in any::<[u8; 16]>(),
            plain in any::<bool>(),
            escape in (0usize..16, prop_oneof![0u8..0x20, Just(b'"'), Just(b'\\')]),
        ) {
            // Mostly-plain blocks too, with one byte that needs escaping or none.
            if plain {
                for b in &mut bytes {
                    *b = b'a' + *b % 26;
                }
                if escape.1 != b'\\' || escape.0 % 2 == 0 {
                    bytes[escape.0] = escape.1;
                }
            }
            prop_assert_eq!(
                block_needs_escape(&bytes),
                bytes.iter().any(|&b| needs_escape(b))
            );
        }

        #[test]
        fn word_test_as_byte_test(bytes in any::<[u8; 8]>()) {
            prop_assert_eq!(
                word_needs_escape(u64::from_le_bytes(bytes)),
                bytes.iter().any(|&b| needs_escape(b))
            );
        }
    }
}
