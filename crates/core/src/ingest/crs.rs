//! Coordinate reference systems used for German municipal data: recognising them (from the
//! GeoJSON `crs` member or from coordinate ranges) and reprojecting with `proj4rs` (pure Rust).
//!
//! Supported: EPSG:4326 (and OGC CRS84), 3857, 25832, 25833, 4647 (UTM 32 with zone prefix),
//! 31466-31469 (Gauss-Krüger zones 2-5, DHDN with the usual 7-parameter shift), 3035 (LAEA
//! Europe). Detection by range is a guess when the ranges overlap (UTM zones 32 and 33 cannot be
//! told apart by numbers alone); [`Detection::certain`] says so, and callers show the choice and
//! let the user override it.

use crate::model::Crs;
use proj4rs::proj::Proj;
use serde::Serialize;

/// The proj string of a supported EPSG code.
pub fn proj_string(epsg: u32) -> Option<&'static str> {
    Some(match epsg {
        4326 => "+proj=longlat +datum=WGS84 +no_defs",
        3857 => "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +no_defs",
        25832 => "+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
        25833 => "+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
        4647 => "+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=32500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
        31466 => "+proj=tmerc +lat_0=0 +lon_0=6 +k=1 +x_0=2500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs",
        31467 => "+proj=tmerc +lat_0=0 +lon_0=9 +k=1 +x_0=3500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs",
        31468 => "+proj=tmerc +lat_0=0 +lon_0=12 +k=1 +x_0=4500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs",
        31469 => "+proj=tmerc +lat_0=0 +lon_0=15 +k=1 +x_0=5500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs",
        3035 => "+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
        _ => return None,
    })
}

/// True for geographic (degree) systems.
pub fn is_geographic(crs: Crs) -> bool {
    crs.epsg == 4326
}

/// True for projected systems in metres suitable for areas and topology (not Web Mercator,
/// whose scale grows by 60 % across Germany).
pub fn is_planar_metric(crs: Crs) -> bool {
    !matches!(crs.epsg, 4326 | 3857)
}

/// Parses a CRS name as written in files: `EPSG:25832`, `urn:ogc:def:crs:EPSG::25833`,
/// `urn:ogc:def:crs:OGC:1.3:CRS84`, `EPSG:4326`, or a bare code. `None` when not recognised.
pub fn parse_name(name: &str) -> Option<Crs> {
    let n = name.trim();
    let upper = n.to_ascii_uppercase();
    if upper.ends_with("CRS84") || upper.ends_with("CRS:84") {
        return Some(Crs::WGS84);
    }
    let code = upper
        .rsplit([':', '/'])
        .next()
        .and_then(|c| c.trim().parse::<u32>().ok())?;
    Some(Crs { epsg: code })
}

/// A detected CRS and how sure the detection is.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Detection {
    /// The CRS.
    pub crs: Crs,
    /// False when the ranges fit other systems too (show the choice, allow an override).
    pub certain: bool,
}

/// Guesses the CRS from the bounding box `[min_x, min_y, max_x, max_y]` of German data.
pub fn detect(bbox: [f64; 4]) -> Option<Detection> {
    let [x0, y0, x1, y1] = bbox;
    let within = |a: f64, b: f64, lo: f64, hi: f64| a >= lo && b <= hi;
    let sure = |epsg| {
        Some(Detection {
            crs: Crs { epsg },
            certain: true,
        })
    };
    // Longitude/latitude around Germany (generous margins for border regions).
    if within(x0, x1, 2.0, 20.0) && within(y0, y1, 44.0, 58.0) {
        return sure(4326);
    }
    if within(y0, y1, 5_200_000.0, 6_150_000.0) {
        for (epsg, lo) in [
            (31466, 2_300_000.0),
            (31467, 3_300_000.0),
            (31468, 4_300_000.0),
            (31469, 5_300_000.0),
        ] {
            if within(x0, x1, lo, lo + 400_000.0) {
                return sure(epsg);
            }
        }
        if within(x0, x1, 32_000_000.0, 33_000_000.0) {
            return sure(4647);
        }
        if within(x0, x1, 33_000_000.0, 34_000_000.0) {
            // UTM 33 with zone prefix is not in the supported list.
            return None;
        }
        if within(x0, x1, -200_000.0, 1_000_000.0) {
            // UTM 32 or 33: the numbers do not say which; zone 32 is the default for most of
            // Germany, zone 33 for the east (Berlin, Brandenburg, Saxony, ...).
            return Some(Detection {
                crs: Crs::UTM32,
                certain: false,
            });
        }
    }
    if within(x0, x1, 3_900_000.0, 4_800_000.0) && within(y0, y1, 2_500_000.0, 3_700_000.0) {
        return sure(3035);
    }
    if within(x0, x1, 500_000.0, 1_900_000.0) && within(y0, y1, 5_900_000.0, 7_500_000.0) {
        return sure(3857);
    }
    None
}

/// A reprojection between two supported systems (degrees in and out for EPSG:4326).
pub struct Reprojector {
    from: Proj,
    to: Proj,
    from_deg: bool,
    to_deg: bool,
}

impl Reprojector {
    /// A reprojector from `from` to `to`; `None` when either is unsupported.
    pub fn new(from: Crs, to: Crs) -> Option<Reprojector> {
        Some(Reprojector {
            from: Proj::from_proj_string(proj_string(from.epsg)?).ok()?,
            to: Proj::from_proj_string(proj_string(to.epsg)?).ok()?,
            from_deg: is_geographic(from),
            to_deg: is_geographic(to),
        })
    }

    /// Reprojects one point; an error text when the library fails.
    pub fn point(&self, x: f64, y: f64) -> Result<(f64, f64), String> {
        let (x, y) = if self.from_deg {
            (x.to_radians(), y.to_radians())
        } else {
            (x, y)
        };
        let (x, y) = proj4rs::adaptors::transform_xy(&self.from, &self.to, x, y)
            .map_err(|e| e.to_string())?;
        if !x.is_finite() || !y.is_finite() {
            return Err("nicht endliche Koordinate / non-finite coordinate".into());
        }
        Ok(if self.to_deg {
            (x.to_degrees(), y.to_degrees())
        } else {
            (x, y)
        })
    }
}

impl Reprojector {
    /// Reprojects every coordinate of a multipolygon; the first failure is the error.
    pub fn multipolygon(
        &self,
        mp: &geo::MultiPolygon<f64>,
    ) -> Result<geo::MultiPolygon<f64>, String> {
        use geo::MapCoords;
        mp.try_map_coords(|c| self.point(c.x, c.y).map(|(x, y)| geo::Coord { x, y }))
    }
}

/// The planar metric CRS to keep a copy in: the source itself when it is planar and metric,
/// otherwise the ETRS89 UTM zone of the longitude (32 west of 12° E, 33 east of it).
pub fn planar_for(source: Crs, center_lon: f64) -> Crs {
    if is_planar_metric(source) {
        source
    } else if center_lon < 12.0 {
        Crs::UTM32
    } else {
        Crs::UTM33
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_as_written_in_files() {
        assert_eq!(parse_name("EPSG:25832"), Some(Crs::UTM32));
        assert_eq!(parse_name("urn:ogc:def:crs:EPSG::25833"), Some(Crs::UTM33));
        assert_eq!(
            parse_name("urn:ogc:def:crs:OGC:1.3:CRS84"),
            Some(Crs::WGS84)
        );
        assert_eq!(parse_name("unsinn"), None);
    }

    /// Expected values: `tests/fixtures/crs/points.json`, made by `make_points.py` with pyproj.
    #[test]
    fn reprojection_matches_pyproj_for_every_supported_system() {
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/crs/points.json")).unwrap();
        let wgs = Crs::WGS84;
        let mut checked = 0;
        for p in fixture["points"].as_array().unwrap() {
            let (lon, lat) = (p["lon"].as_f64().unwrap(), p["lat"].as_f64().unwrap());
            for (code, xy) in p["projected"].as_object().unwrap() {
                let epsg: u32 = code.parse().unwrap();
                let (ex, ey) = (xy[0].as_f64().unwrap(), xy[1].as_f64().unwrap());
                // Same datum: centimetres. DHDN (Gauss-Krueger): PROJ may pick another datum
                // operation than the 7-parameter shift; a few metres are within that method.
                let tol = if (31466..=31469).contains(&epsg) {
                    5.0
                } else {
                    0.01
                };
                let r = Reprojector::new(wgs, Crs { epsg }).unwrap();
                let (x, y) = r.point(lon, lat).unwrap();
                assert!(
                    (x - ex).abs() < tol && (y - ey).abs() < tol,
                    "{} EPSG:{epsg}: {x:.3} {y:.3} vs pyproj {ex} {ey}",
                    p["name"]
                );
                let back = Reprojector::new(Crs { epsg }, wgs)
                    .unwrap()
                    .point(x, y)
                    .unwrap();
                assert!((back.0 - lon).abs() < 1e-7 && (back.1 - lat).abs() < 1e-7);
                checked += 1;
            }
        }
        assert_eq!(checked, 36);
    }

    #[test]
    fn detects_german_systems_from_ranges() {
        let d = |b| detect(b).map(|d: Detection| (d.crs.epsg, d.certain));
        assert_eq!(d([6.7, 51.5, 6.9, 51.6]), Some((4326, true)));
        assert_eq!(
            d([370_000.0, 5_799_520.0, 415_786.0, 5_837_259.0]),
            Some((25832, false))
        );
        assert_eq!(
            d([32_336_000.0, 5_713_000.0, 32_342_000.0, 5_718_000.0]),
            Some((4647, true))
        );
        assert_eq!(
            d([2_550_000.0, 5_700_000.0, 2_560_000.0, 5_710_000.0]),
            Some((31466, true))
        );
        assert_eq!(
            d([4_590_000.0, 5_820_000.0, 4_600_000.0, 5_830_000.0]),
            Some((31468, true))
        );
        assert_eq!(
            d([4_540_000.0, 3_260_000.0, 4_560_000.0, 3_280_000.0]),
            Some((3035, true))
        );
        assert_eq!(
            d([1_480_000.0, 6_880_000.0, 1_500_000.0, 6_900_000.0]),
            Some((3857, true))
        );
        assert_eq!(d([0.0, 0.0, 1000.0, 1000.0]), None);
        assert_eq!(d([1.0, 2.0, 5.0, 6.0]), None, "degrees, but not in Germany");
    }
}
