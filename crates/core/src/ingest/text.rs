//! Decoding bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"),
//! otherwise Windows-1252 (Excel's "CSV" on German Windows). UTF-16 through the standard library,
//! Windows-1252 through `yore`'s single-byte table (`encoding_rs` would bring the tables of every
//! WHATWG encoding, about 115 KB of the gzipped app, for three encodings).

use serde::Serialize;
use std::borrow::Cow;

/// The encoding a file was read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Encoding {
    /// UTF-8 without byte order mark.
    #[serde(rename = "UTF-8")]
    Utf8,
    /// UTF-8 with byte order mark (Excel "CSV UTF-8").
    #[serde(rename = "UTF-8 BOM")]
    Utf8Bom,
    /// UTF-16 little endian with BOM (Excel "Unicode text").
    #[serde(rename = "UTF-16LE")]
    Utf16Le,
    /// UTF-16 big endian with BOM.
    #[serde(rename = "UTF-16BE")]
    Utf16Be,
    /// Windows-1252 (Western European), the fallback when the bytes are not UTF-8.
    #[serde(rename = "Windows-1252")]
    Windows1252,
    /// ISO-8859-15 (Latin-9), named by a Shapefile's .cpg.
    #[serde(rename = "ISO-8859-15")]
    Iso8859_15,
    /// Windows-1250 (Central European), named by a Shapefile's .cpg.
    #[serde(rename = "Windows-1250")]
    Windows1250,
    /// DOS code page 850 (Western European, old dBase files), named by a Shapefile's .cpg.
    #[serde(rename = "CP850")]
    Cp850,
    /// DOS code page 437, named by a Shapefile's .cpg.
    #[serde(rename = "CP437")]
    Cp437,
    /// An Excel workbook (XML inside a zip; its text is UTF-8 by definition).
    #[serde(rename = "XLSX")]
    Xlsx,
}

impl Encoding {
    /// The name shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
            Encoding::Iso8859_15 => "ISO-8859-15",
            Encoding::Windows1250 => "Windows-1250",
            Encoding::Cp850 => "CP850",
            Encoding::Cp437 => "CP437",
            Encoding::Xlsx => "XLSX",
        }
    }
}

/// Decodes `bytes`, detecting the encoding as described in the module docs. The BOM is removed.
/// UTF-8 input is borrowed, not copied (a 70 MB map is not duplicated).
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest), Encoding::Utf8Bom);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return (utf16(rest, u16::from_le_bytes).into(), Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return (utf16(rest, u16::from_be_bytes).into(), Encoding::Utf16Be);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), Encoding::Utf8),
        Err(_) => (windows_1252(bytes), Encoding::Windows1252),
    }
}

/// Windows-1252 bytes as text (every byte maps to a character).
fn windows_1252(bytes: &[u8]) -> Cow<'_, str> {
    yore::code_pages::CP1252.decode(bytes)
}

/// UTF-16 code units (after the BOM) as text; unpaired surrogates and an odd last byte become
/// U+FFFD.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let mut s: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if bytes.len() % 2 == 1 {
        s.push(char::REPLACEMENT_CHARACTER);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_boms_utf8_and_windows_1252() {
        assert_eq!(
            decode("Straße".as_bytes()),
            (Cow::Borrowed("Straße"), Encoding::Utf8)
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFStra\xC3\x9Fe"),
            ("Straße".into(), Encoding::Utf8Bom)
        );
        assert_eq!(
            decode(b"Stra\xDFe"),
            ("Straße".into(), Encoding::Windows1252)
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Ä;b".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16), ("Ä;b".into(), Encoding::Utf16Le));
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("€ 𝄞".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .chain([0x00])
            .collect();
        assert_eq!(decode(&utf16be), ("€ 𝄞\u{FFFD}".into(), Encoding::Utf16Be));
    }

    #[test]
    fn windows_1252_maps_every_byte_as_whatwg_does() {
        // The reference: the WHATWG index (https://encoding.spec.whatwg.org/index-windows-1252.txt)
        // for 0x80-0x9F; all other bytes are Latin-1.
        let high: [u32; 32] = [
            0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160,
            0x2039, 0x152, 0x8D, 0x17D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
            0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
        ];
        let all: Vec<u8> = (0..=255).collect();
        let text: Vec<u32> = windows_1252(&all).chars().map(|c| c as u32).collect();
        assert_eq!(text.len(), 256);
        for (b, c) in text.iter().enumerate() {
            let expected = if (0x80..0xA0).contains(&b) {
                high[b - 0x80]
            } else {
                b as u32
            };
            assert_eq!(*c, expected, "byte {b:#x}");
        }
    }
}
