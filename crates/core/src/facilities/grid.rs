//! The Zensus grid read as a stream: the results of the Zensus 2022 on the 100 m (or 1 km) grid
//! as published (CSV with `;`, one row per populated cell, `GITTER_ID_100m` such as
//! `CRS3035RES100mN2689100E4337000`, cell centres `x_mp_100m`/`y_mp_100m` in EPSG:3035, counts
//! such as `Einwohner`; withheld cells marked with a symbol), summed per unit of the map.
//!
//! The file for all of Germany has about 3 million cells and over 100 MB: it is fed in chunks
//! ([`GridReader::feed`]) and never held whole; a cell is first tested against the map's box in
//! EPSG:3035 (cheap, most cells of a national file end there), only the cells in the box are
//! reprojected and placed in a unit by the map's one spatial index. A cell's value that is no
//! number (`–`, `.`, `x`, `/`, empty, a negative number) is withheld: it is counted per unit and
//! column, never read as zero. Without centre columns the cell id gives the centre (its corner
//! plus half the cell).

use super::{assign, fold, read, PointsError};
use crate::ingest::crs::Reprojector;
use crate::ingest::numbers::{self, CellKind};
use crate::ingest::{IngestError, Warning};
use crate::map::index::HitIndex;
use crate::model::Crs;
use geo::{BoundingRect, MultiPolygon};

/// EPSG:3035, the CRS of the Zensus grid.
pub const LAEA: Crs = Crs { epsg: 3035 };

/// True when a header line (its folded column names) looks like a Zensus grid file: a
/// `GITTER_ID_…` column or `x_mp_…`/`y_mp_…` centres.
pub fn is_grid_header(line: &str) -> bool {
    let f = line.to_ascii_lowercase();
    f.contains("gitter_id") || (f.contains("x_mp_") && f.contains("y_mp_"))
}

/// True when the first line of `bytes` is a Zensus grid header ([`is_grid_header`]).
pub fn looks_like_grid(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let first = head.split(|&b| b == b'\n').next().unwrap_or(&[]);
    is_grid_header(&String::from_utf8_lossy(first))
}

struct Header {
    delimiter: u8,
    width: usize,
    x: Option<usize>,
    y: Option<usize>,
    id: Option<usize>,
    sums: Vec<usize>,
    names: Vec<String>,
}

/// How far a stream has come.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GridProgress {
    /// Bytes fed.
    pub bytes: u64,
    /// Cells (data lines) read.
    pub cells: u64,
    /// Cells that lay in a unit.
    pub inside: u64,
}

/// What a grid file gives the units.
#[derive(Clone, Debug, PartialEq)]
pub struct GridResult {
    /// File name.
    pub file: String,
    /// The summed columns.
    pub columns: Vec<String>,
    /// Cells per unit.
    pub cells: Vec<f64>,
    /// Per column: the sum of the known values per unit.
    pub sums: Vec<Vec<f64>>,
    /// Per column: withheld cells per unit.
    pub withheld: Vec<Vec<u32>>,
    /// The stream's final progress (bytes, cells, cells in a unit).
    pub progress: GridProgress,
    /// Cells in the map's box but in no unit (between or beside the units).
    pub outside: u64,
    /// What was interpreted.
    pub warnings: Vec<Warning>,
}

/// A grid file being read (see the module docs).
pub struct GridReader<'a> {
    file: String,
    geoms: &'a [MultiPolygon<f64>],
    index: &'a HitIndex,
    to_map: Option<Reprojector>,
    bbox: [f64; 4],
    wanted: Vec<String>,
    header: Option<Header>,
    carry: Vec<u8>,
    line: usize,
    progress: GridProgress,
    outside: u64,
    cells: Vec<f64>,
    sums: Vec<Vec<f64>>,
    withheld: Vec<Vec<u32>>,
    fields: Vec<(usize, usize)>,
}

impl<'a> GridReader<'a> {
    /// A reader summing onto the units `geoms` (indexed by `index`) in the map's `map_crs`;
    /// `sum` names the columns to sum (empty: every column but the cell id and the centres).
    pub fn new(
        file: &str,
        geoms: &'a [MultiPolygon<f64>],
        index: &'a HitIndex,
        map_crs: Option<Crs>,
        sum: &[String],
    ) -> Result<GridReader<'a>, PointsError> {
        let map_crs = map_crs.ok_or_else(|| PointsError::NoMapCrs { file: file.into() })?;
        let unsupported = || {
            PointsError::Ingest(IngestError::UnsupportedCrs {
                file: file.into(),
                name: format!("EPSG:{}", map_crs.epsg),
            })
        };
        let to_map = if map_crs == LAEA {
            None
        } else {
            Some(Reprojector::new(LAEA, map_crs).ok_or_else(unsupported)?)
        };
        // The map's box in EPSG:3035: its outline sampled densely, with a margin of two cells.
        let mut bbox = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        let to_laea = Reprojector::new(map_crs, LAEA).ok_or_else(unsupported)?;
        let rect = geoms
            .iter()
            .filter_map(|g| g.bounding_rect())
            .reduce(|a, b| {
                geo::Rect::new(
                    geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                    geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
                )
            });
        if let Some(r) = rect {
            for k in 0..=16 {
                let t = k as f64 / 16.0;
                let (x0, y0, x1, y1) = (r.min().x, r.min().y, r.max().x, r.max().y);
                for (x, y) in [
                    (x0 + t * (x1 - x0), y0),
                    (x0 + t * (x1 - x0), y1),
                    (x0, y0 + t * (y1 - y0)),
                    (x1, y0 + t * (y1 - y0)),
                ] {
                    if let Ok((a, b)) = to_laea.point(x, y) {
                        bbox = [
                            bbox[0].min(a),
                            bbox[1].min(b),
                            bbox[2].max(a),
                            bbox[3].max(b),
                        ];
                    }
                }
            }
            bbox = [
                bbox[0] - 200.0,
                bbox[1] - 200.0,
                bbox[2] + 200.0,
                bbox[3] + 200.0,
            ];
        }
        Ok(GridReader {
            file: file.into(),
            geoms,
            index,
            to_map,
            bbox,
            wanted: sum.to_vec(),
            header: None,
            carry: vec![],
            line: 0,
            progress: GridProgress::default(),
            outside: 0,
            cells: vec![0.0; geoms.len()],
            sums: vec![],
            withheld: vec![],
            fields: vec![],
        })
    }

    /// How far the stream has come.
    pub fn progress(&self) -> GridProgress {
        self.progress
    }

    /// Feeds the next chunk of the file (any size, any cut).
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), PointsError> {
        self.progress.bytes += chunk.len() as u64;
        let mut start = 0;
        while let Some(pos) = chunk[start..].iter().position(|&b| b == b'\n') {
            let end = start + pos;
            if self.carry.is_empty() {
                self.line(&chunk[start..end])?;
            } else {
                let mut l = std::mem::take(&mut self.carry);
                l.extend_from_slice(&chunk[start..end]);
                self.line(&l)?;
            }
            start = end + 1;
        }
        self.carry.extend_from_slice(&chunk[start..]);
        Ok(())
    }

    /// Ends the stream: the last line, then the result.
    pub fn finish(mut self) -> Result<GridResult, PointsError> {
        if !self.carry.is_empty() {
            let l = std::mem::take(&mut self.carry);
            self.line(&l)?;
        }
        let header = self.header.as_ref().ok_or_else(|| PointsError::NoPoints {
            file: self.file.clone(),
            found: "keine Kopfzeile".into(),
        })?;
        let columns: Vec<String> = header
            .sums
            .iter()
            .map(|&c| header.names[c].clone())
            .collect();
        let mut warnings = vec![];
        let withheld: u64 = self.withheld.iter().flatten().map(|&w| w as u64).sum();
        if withheld > 0 {
            warnings.push(Warning::new(
                &self.file,
                format!("{withheld} Werte von Gitterzellen auf der Karte sind geheim gehalten oder fehlen: gezählt, nicht als null gelesen; die Summen sind die der bekannten Zellen"),
                format!("{withheld} values of grid cells on the map are withheld or missing: counted, not read as zero; the sums are those of the known cells"),
            ));
        }
        Ok(GridResult {
            file: self.file,
            columns,
            cells: self.cells,
            sums: self.sums,
            withheld: self.withheld,
            progress: self.progress,
            outside: self.outside,
            warnings,
        })
    }

    fn split(&mut self, text: &str, delimiter: u8) {
        self.fields.clear();
        let bytes = text.as_bytes();
        let mut s = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if b == delimiter {
                self.fields.push((s, i));
                s = i + 1;
            }
        }
        self.fields.push((s, bytes.len()));
    }

    fn line(&mut self, raw: &[u8]) -> Result<(), PointsError> {
        self.line += 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let text = String::from_utf8_lossy(raw);
        let text = text.trim_start_matches('\u{feff}');
        if text.trim().is_empty() {
            return Ok(());
        }
        let Some(h) = &self.header else {
            return self.read_header(text);
        };
        let (delimiter, width) = (h.delimiter, h.width);
        self.split(text, delimiter);
        if self.fields.len() != width {
            return Err(PointsError::Ingest(IngestError::RaggedRow {
                file: self.file.clone(),
                line: self.line,
                expected: width,
                found: self.fields.len(),
            }));
        }
        self.progress.cells += 1;
        let h = self.header.as_ref().expect("header read");
        let field = |c: usize| {
            let (a, b) = self.fields[c];
            text[a..b].trim().trim_matches('"')
        };
        let (x, y) = match (h.x, h.y) {
            (Some(xc), Some(yc)) => {
                // Numbers as the tables read them (no "NaN" or "inf"), a comma read as a point.
                let parse = |c: usize| match numbers::classify(field(c)) {
                    CellKind::Plain(v) | CellKind::English(v) | CellKind::German(v) => Some(v),
                    CellKind::Ambiguous(_, en) => Some(en),
                    _ => None,
                };
                match (parse(xc), parse(yc)) {
                    (Some(x), Some(y)) => (x, y),
                    (a, _) => {
                        let c = if a.is_none() { xc } else { yc };
                        return Err(self.bad(c, field(c).to_string()));
                    }
                }
            }
            _ => {
                let c = h.id.expect("header has an id or centres");
                match cell_centre(field(c)) {
                    Some(p) => p,
                    None => return Err(self.bad(c, field(c).to_string())),
                }
            }
        };
        let b = &self.bbox;
        if x < b[0] || x > b[2] || y < b[1] || y > b[3] {
            return Ok(());
        }
        let (mx, my) = match &self.to_map {
            Some(r) => match r.point(x, y) {
                Ok(p) => p,
                Err(_) => return Ok(()),
            },
            None => (x, y),
        };
        let Some(u) = assign::locate(self.geoms, self.index, mx, my) else {
            self.outside += 1;
            return Ok(());
        };
        self.progress.inside += 1;
        self.cells[u] += 1.0;
        let german = delimiter == b';';
        for (k, &c) in h.sums.iter().enumerate() {
            let (a, e) = self.fields[c];
            let value = match numbers::classify(text[a..e].trim().trim_matches('"')) {
                CellKind::Plain(v) | CellKind::German(v) | CellKind::English(v) => Some(v),
                CellKind::Ambiguous(de, en) => Some(if german { de } else { en }),
                _ => None,
            };
            match value {
                Some(v) if v >= 0.0 => self.sums[k][u] += v,
                _ => self.withheld[k][u] += 1,
            }
        }
        Ok(())
    }

    fn bad(&self, column: usize, value: String) -> PointsError {
        let h = self.header.as_ref().expect("header read");
        PointsError::BadCoordinate {
            file: self.file.clone(),
            line: self.line,
            column: h.names[column].clone(),
            value,
            count: 1,
        }
    }

    fn read_header(&mut self, text: &str) -> Result<(), PointsError> {
        let delimiter = [b';', b'\t', b',']
            .into_iter()
            .max_by_key(|d| text.bytes().filter(|b| b == d).count())
            .unwrap_or(b';');
        let names: Vec<String> = text
            .split(delimiter as char)
            .map(|s| s.trim().trim_matches('"').to_string())
            .collect();
        let folded: Vec<String> = names.iter().map(|n| fold(n)).collect();
        let find = |list: &[&str]| list.iter().find_map(|n| folded.iter().position(|f| f == n));
        let x = find(&read::X_NAMES);
        let y = find(&read::Y_NAMES);
        let id = folded.iter().position(|f| f.starts_with("gitterid"));
        if (x.is_none() || y.is_none()) && id.is_none() {
            return Err(PointsError::GridHeader {
                file: self.file.clone(),
                detail: format!(
                    "weder GITTER_ID_100m noch x_mp_100m/y_mp_100m (Spalten: {})",
                    names.join(", ")
                ),
            });
        }
        let sums: Vec<usize> = if self.wanted.is_empty() {
            (0..names.len())
                .filter(|&c| Some(c) != x && Some(c) != y && Some(c) != id)
                .collect()
        } else {
            self.wanted
                .iter()
                .map(|w| {
                    names
                        .iter()
                        .position(|n| n == w)
                        .or_else(|| folded.iter().position(|f| *f == fold(w)))
                        .ok_or_else(|| PointsError::NoSuchColumn {
                            file: self.file.clone(),
                            name: w.clone(),
                            columns: names.clone(),
                        })
                })
                .collect::<Result<_, _>>()?
        };
        let n = self.geoms.len();
        self.sums = vec![vec![0.0; n]; sums.len()];
        self.withheld = vec![vec![0; n]; sums.len()];
        self.header = Some(Header {
            delimiter,
            width: names.len(),
            x: x.filter(|_| y.is_some()),
            y: y.filter(|_| x.is_some()),
            id,
            sums,
            names,
        });
        Ok(())
    }
}

/// The centre of a cell from its id `CRS3035RES100mN2689100E4337000` (the id names the lower
/// left corner): (easting, northing) in EPSG:3035.
pub fn cell_centre(id: &str) -> Option<(f64, f64)> {
    let rest = id.strip_prefix("CRS3035RES")?;
    let m = rest.find('m')?;
    let size: f64 = rest[..m].parse().ok()?;
    let rest = &rest[m + 1..];
    let rest = rest.strip_prefix('N')?;
    let e = rest.find('E')?;
    let n: f64 = rest[..e].parse().ok()?;
    let east: f64 = rest[e + 1..].parse().ok()?;
    Some((east + size / 2.0, n + size / 2.0))
}

/// Reads a whole grid file from a reader in chunks of `chunk` bytes (the command line's way;
/// the app feeds slices of the file itself), calling `progress` after each chunk.
pub fn read_stream(
    file: &str,
    mut source: impl std::io::Read,
    geoms: &[MultiPolygon<f64>],
    index: &HitIndex,
    map_crs: Option<Crs>,
    sum: &[String],
    mut progress: impl FnMut(GridProgress),
) -> Result<GridResult, PointsError> {
    let mut reader = GridReader::new(file, geoms, index, map_crs, sum)?;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = source.read(&mut buf).map_err(|e| {
            PointsError::Ingest(IngestError::Unpack {
                file: file.into(),
                part: file.into(),
                error: e.to_string(),
            })
        })?;
        if n == 0 {
            break;
        }
        reader.feed(&buf[..n])?;
        progress(reader.progress());
    }
    reader.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn cell_ids_give_centres() {
        assert_eq!(
            cell_centre("CRS3035RES100mN2689100E4337000"),
            Some((4_337_050.0, 2_689_150.0))
        );
        assert_eq!(
            cell_centre("CRS3035RES1000mN2689000E4337000"),
            Some((4_337_500.0, 2_689_500.0))
        );
        assert_eq!(cell_centre("x"), None);
    }

    #[test]
    fn sums_in_chunks_withheld_counted_not_zero() {
        // Two units in EPSG:3035 side by side.
        let sq = |x0: f64| {
            MultiPolygon(vec![polygon![
                (x: x0, y: 2_689_000.0), (x: x0 + 1_000.0, y: 2_689_000.0),
                (x: x0 + 1_000.0, y: 2_690_000.0), (x: x0, y: 2_690_000.0)
            ]])
        };
        let geoms = vec![sq(4_337_000.0), sq(4_338_000.0)];
        let index = HitIndex::build(&geoms);
        let csv = "GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner\r\n\
                   CRS3035RES100mN2689100E4337000;4337050;2689150;12\r\n\
                   CRS3035RES100mN2689100E4337100;4337150;2689150;–\r\n\
                   CRS3035RES100mN2689100E4338100;4338150;2689150;7\r\n\
                   CRS3035RES100mN2689100E4999100;4999150;2689150;99\r\n";
        for cut in [1, 7, 50, 4096] {
            let mut r = GridReader::new("z.csv", &geoms, &index, Some(LAEA), &[]).unwrap();
            for c in csv.as_bytes().chunks(cut) {
                r.feed(c).unwrap();
            }
            let res = r.finish().unwrap();
            assert_eq!(res.columns, vec!["Einwohner".to_string()]);
            assert_eq!(res.sums[0], vec![12.0, 7.0]);
            assert_eq!(res.withheld[0], vec![1, 0]);
            assert_eq!(res.cells, vec![2.0, 1.0]);
            assert_eq!(res.progress.cells, 4);
            assert_eq!(res.progress.inside, 3);
        }
    }

    #[test]
    fn a_bad_centre_is_named_by_line() {
        let geoms = vec![MultiPolygon(vec![polygon![
            (x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0)
        ]])];
        let index = HitIndex::build(&geoms);
        let mut r = GridReader::new("z.csv", &geoms, &index, Some(LAEA), &[]).unwrap();
        let e = r
            .feed(b"x_mp_100m;y_mp_100m;Einwohner\n1;2;3\nzwei;2;3\n")
            .unwrap_err();
        let m = e.message(crate::locale::Lang::De);
        assert!(m.contains("Zeile 3") && m.contains("x_mp_100m"), "{m}");
    }
}
