//! Reading members of a zip (the parts of a zipped Shapefile and of an XLSX workbook) without
//! letting a damaged file or a zip bomb take the machine's memory: a member larger than
//! [`MAX_MEMBER`] unpacked is refused before it is read when its header says so, and while
//! it is read when the header lies; all members of one file together stay under
//! [`MAX_TOTAL`].

use super::IngestError;
use std::io::{Cursor, Read};

/// Largest member read, unpacked (a Shapefile of 100,000 areas has a .shp of about 100 MB).
pub const MAX_MEMBER: u64 = 400_000_000;

/// Largest sum of the members read from one zip, unpacked.
pub const MAX_TOTAL: u64 = 700_000_000;

/// What was read from one zip so far (for [`MAX_TOTAL`]).
#[derive(Default)]
pub struct Budget {
    used: u64,
}

/// Reads member `name` of `zip` (file `file` for messages); `Ok(None)` when there is none.
pub fn read(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    file: &str,
    name: &str,
    budget: &mut Budget,
) -> Result<Option<Vec<u8>>, IngestError> {
    read_within(zip, file, name, budget, MAX_MEMBER)
}

fn read_within(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    file: &str,
    name: &str,
    budget: &mut Budget,
    max_member: u64,
) -> Result<Option<Vec<u8>>, IngestError> {
    let mut f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(IngestError::Unpack {
                file: file.into(),
                part: name.into(),
                error: e.to_string(),
            })
        }
    };
    let limit = max_member.min(MAX_TOTAL.saturating_sub(budget.used));
    let too_large = |size: u64| IngestError::TooLargePart {
        file: file.into(),
        part: name.into(),
        size,
        limit,
    };
    if f.size() > limit {
        return Err(too_large(f.size()));
    }
    let mut buf = Vec::with_capacity(f.size() as usize);
    (&mut f)
        .take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| IngestError::Unpack {
            file: file.into(),
            part: name.into(),
            error: e.to_string(),
        })?;
    if buf.len() as u64 > limit {
        return Err(too_large(buf.len() as u64));
    }
    budget.used += buf.len() as u64;
    Ok(Some(buf))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A zip whose one member unpacks to `size` zero bytes (a few kB packed).
    fn bomb(size: usize) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(size > u32::MAX as usize);
        z.start_file("karte.dbf", opts).unwrap();
        let chunk = vec![0u8; 1 << 20];
        let mut left = size;
        while left > 0 {
            let n = left.min(chunk.len());
            z.write_all(&chunk[..n]).unwrap();
            left -= n;
        }
        z.finish().unwrap().into_inner()
    }

    #[test]
    fn a_bomb_is_refused_naming_the_part() {
        // (The real-size bombs are fixtures: tests/fixtures/bombs.)
        let bytes = bomb(3_000_010);
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
        let e = read_within(
            &mut zip,
            "k.zip",
            "karte.dbf",
            &mut Budget::default(),
            3_000_000,
        )
        .unwrap_err();
        assert!(matches!(e, IngestError::TooLargePart { .. }));
        assert!(e.message(crate::locale::Lang::De).contains("„karte.dbf“"));
        let small = bomb(1000);
        let mut zip = zip::ZipArchive::new(Cursor::new(small.as_slice())).unwrap();
        let mut b = Budget::default();
        assert_eq!(
            read(&mut zip, "k.zip", "karte.dbf", &mut b)
                .unwrap()
                .unwrap()
                .len(),
            1000
        );
        assert_eq!(read(&mut zip, "k.zip", "fehlt.shp", &mut b).unwrap(), None);
    }
}
