//! Decoding bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"),
//! otherwise Windows-1252 (Excel's "CSV" on German Windows), via `encoding_rs`.

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
    if bytes.starts_with(&[0xFF, 0xFE]) {
        let (s, _) = encoding_rs::UTF_16LE.decode_with_bom_removal(bytes);
        return (s, Encoding::Utf16Le);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let (s, _) = encoding_rs::UTF_16BE.decode_with_bom_removal(bytes);
        return (s, Encoding::Utf16Be);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), Encoding::Utf8),
        Err(_) => {
            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (s, Encoding::Windows1252)
        }
    }
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
    }
}
