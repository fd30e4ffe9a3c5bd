//! Decoding bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"),
//! otherwise Windows-1252 (Excel's "CSV" on German Windows). UTF-16 through the standard library,
//! Windows-1252 through `yore`'s single-byte table (`encoding_rs` would bring the tables of every
//! WHATWG encoding, about 115 KB of the gzipped app, for three encodings).
//!
//! The encoding is decided on the evidence of the whole file: a file whose non-ASCII text is
//! mostly valid UTF-8 is UTF-8 even when a few stray bytes are not; those bytes become "�" and
//! their lines are reported ([`Decoded::stray_lines`]), instead of re-reading every umlaut of
//! the file as Windows-1252 ("StraÃŸe"). Bytes that are no text at all (images, archives, binary
//! data renamed `.csv`) are recognised first ([`not_text`]).

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The encoding a file was read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

/// Text decoded from bytes, with what the decoding had to repair.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded<'a> {
    /// The text (BOM removed).
    pub text: Cow<'a, str>,
    /// The encoding detected.
    pub encoding: Encoding,
    /// 1-based lines of a UTF-8 file holding bytes that are not UTF-8 (shown as "�"); empty
    /// when every byte decoded.
    pub stray_lines: Vec<usize>,
}

/// Decodes `bytes`, detecting the encoding as described in the module docs. The BOM is removed.
/// UTF-8 input is borrowed, not copied (a 70 MB map is not duplicated).
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    let d = decode_reported(bytes);
    (d.text, d.encoding)
}

/// Decodes `bytes` as [`decode`] does, and says which lines held stray bytes.
pub fn decode_reported(bytes: &[u8]) -> Decoded<'_> {
    let plain = |text, encoding| Decoded {
        text,
        encoding,
        stray_lines: vec![],
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return plain(utf16(rest, u16::from_le_bytes).into(), Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return plain(utf16(rest, u16::from_be_bytes).into(), Encoding::Utf16Be);
    }
    let (body, bom) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    if let Ok(s) = std::str::from_utf8(body) {
        let enc = if bom {
            Encoding::Utf8Bom
        } else {
            Encoding::Utf8
        };
        return plain(Cow::Borrowed(s), enc);
    }
    // The evidence: valid non-ASCII UTF-8 characters against invalid byte runs.
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in body.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if bom || valid > invalid {
        let mut stray_lines = vec![];
        let mut line = 1;
        let mut text = String::with_capacity(body.len());
        for chunk in body.utf8_chunks() {
            text.push_str(chunk.valid());
            line += chunk.valid().bytes().filter(|&b| b == b'\n').count();
            if !chunk.invalid().is_empty() {
                text.push(char::REPLACEMENT_CHARACTER);
                if stray_lines.last() != Some(&line) {
                    stray_lines.push(line);
                }
            }
        }
        let enc = if bom {
            Encoding::Utf8Bom
        } else {
            Encoding::Utf8
        };
        return Decoded {
            text: Cow::Owned(text),
            encoding: enc,
            stray_lines,
        };
    }
    plain(windows_1252(body), Encoding::Windows1252)
}

/// What the bytes look like when they are no text (a file renamed to `.csv` or `.geojson`):
/// the kind named for the user, e.g. "ein PNG-Bild" / "a PNG image". `None` for text.
pub fn not_text(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    const SIGNATURES: [(&[u8], &str, &str); 9] = [
        (b"\x89PNG", "ein PNG-Bild", "a PNG image"),
        (b"\xFF\xD8\xFF", "ein JPEG-Bild", "a JPEG image"),
        (b"GIF8", "ein GIF-Bild", "a GIF image"),
        (b"%PDF", "ein PDF-Dokument", "a PDF document"),
        (
            b"PK\x03\x04",
            "ein ZIP-Archiv (z. B. eine Excel-Datei .xlsx oder ein gepacktes Shapefile)",
            "a zip archive (e.g. an Excel file .xlsx or a zipped Shapefile)",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "eine alte Excel- oder Word-Datei (.xls/.doc)",
            "an old Excel or Word file (.xls/.doc)",
        ),
        (b"\x1F\x8B", "ein gzip-Archiv", "a gzip archive"),
        (b"Rar!", "ein RAR-Archiv", "a RAR archive"),
        (b"7z\xBC\xAF", "ein 7-Zip-Archiv", "a 7-Zip archive"),
    ];
    for (sig, de, en) in SIGNATURES {
        if bytes.starts_with(sig) {
            return Some((de, en));
        }
    }
    // UTF-16 text has NUL bytes but a BOM; otherwise NUL or many control bytes mean binary.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    (head.contains(&0) || control * 20 > head.len().max(1)).then_some(("Binärdaten", "binary data"))
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
    fn a_few_stray_bytes_in_utf8_are_reported_by_line_not_read_as_windows_1252() {
        let mut lines: Vec<Vec<u8>> = (1..=300)
            .map(|i| format!("{i};Hauptstraße {i}").into_bytes())
            .collect();
        lines[201] = b"202;Hauptstra\xDFe 202".to_vec();
        let bytes = lines.join(&b'\n');
        let d = decode_reported(&bytes);
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.stray_lines, vec![202]);
        assert!(d
            .text
            .contains("Hauptstraße 201\n202;Hauptstra\u{FFFD}e 202"));
        assert!(!d.text.contains("Ã"));
        // A real Windows-1252 file (no valid UTF-8 sequence) stays Windows-1252.
        let d = decode_reported(b"a;Stra\xDFe\nb;M\xFCller\n");
        assert_eq!(
            (d.encoding, d.stray_lines.len()),
            (Encoding::Windows1252, 0)
        );
        assert_eq!(d.text, "a;Straße\nb;Müller\n");
    }

    #[test]
    fn binary_files_are_named_by_their_kind() {
        assert_eq!(
            not_text(b"\x89PNG\r\n\x1a\n\0\0").unwrap().0,
            "ein PNG-Bild"
        );
        assert!(not_text(b"PK\x03\x04\x14").unwrap().1.contains("zip"));
        assert_eq!(not_text(b"a;b\0c").unwrap().0, "Binärdaten");
        assert_eq!(not_text("Schlüssel;Wert\r\n1;2\r\n".as_bytes()), None);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a;b".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(not_text(&utf16), None);
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
