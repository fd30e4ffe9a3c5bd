//! Planar geometry helpers for drawing: bounding boxes and SVG path data.
//!
//! Maps are drawn in a frame of fixed width (`Frame::WIDTH` SVG user units); the world's y axis
//! points north, SVG's points down, so [`Frame`] flips it. Coordinates are rounded to 0.1 user
//! units, which keeps path strings short without visible loss.

use geo::{BoundingRect, Coord, MultiPolygon, Rect};

/// An axis-aligned bounding box in world coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    /// Smallest x (west).
    pub min_x: f64,
    /// Smallest y (south).
    pub min_y: f64,
    /// Largest x (east).
    pub max_x: f64,
    /// Largest y (north).
    pub max_y: f64,
}

impl Bounds {
    /// The bounds of all polygons, `None` when there are no coordinates.
    pub fn of(geoms: &[MultiPolygon<f64>]) -> Option<Bounds> {
        let mut acc: Option<Rect<f64>> = None;
        for g in geoms {
            if let Some(r) = g.bounding_rect() {
                acc = Some(match acc {
                    None => r,
                    Some(a) => Rect::new(
                        (a.min().x.min(r.min().x), a.min().y.min(r.min().y)),
                        (a.max().x.max(r.max().x), a.max().y.max(r.max().y)),
                    ),
                });
            }
        }
        acc.map(|r| Bounds {
            min_x: r.min().x,
            min_y: r.min().y,
            max_x: r.max().x,
            max_y: r.max().y,
        })
    }

    /// Width (east-west extent).
    pub fn width(&self) -> f64 {
        self.max_x - self.min_x
    }

    /// Height (north-south extent).
    pub fn height(&self) -> f64 {
        self.max_y - self.min_y
    }
}

/// The mapping from world coordinates to SVG user units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// World bounds shown.
    pub bounds: Bounds,
    /// SVG units per world unit.
    pub scale: f64,
    /// Margin around the data in SVG units.
    pub margin: f64,
}

impl Frame {
    /// Width of the drawing in SVG user units, margins included.
    pub const WIDTH: f64 = 1000.0;

    /// How far (in SVG user units) a drawn outline may pass from a point it leaves out: half
    /// the step of the one-decimal coordinates.
    pub const TOLERANCE: f64 = 0.05;

    /// A frame that fits `bounds` into [`Frame::WIDTH`] with a small margin.
    pub fn fit(bounds: Bounds) -> Frame {
        let margin = 10.0;
        let w = bounds
            .width()
            .max(bounds.height() * 1e-6)
            .max(f64::MIN_POSITIVE);
        Frame {
            bounds,
            scale: (Self::WIDTH - 2.0 * margin) / w,
            margin,
        }
    }

    /// Height of the drawing in SVG user units, margins included.
    pub fn height(&self) -> f64 {
        self.bounds.height() * self.scale + 2.0 * self.margin
    }

    /// The SVG `viewBox` attribute value.
    pub fn view_box(&self) -> String {
        format!("0 0 {} {:.1}", Self::WIDTH, self.height())
    }

    /// World point to SVG point.
    pub fn project(&self, x: f64, y: f64) -> (f64, f64) {
        (
            (x - self.bounds.min_x) * self.scale + self.margin,
            (self.bounds.max_y - y) * self.scale + self.margin,
        )
    }

    /// SVG path data for a multipolygon: one closed subpath per ring (draw with
    /// `fill-rule="evenodd"` so holes stay open). Coordinates have one decimal; a point that
    /// rounds to the same position as the one before is left out (it draws nothing).
    pub fn path(&self, mp: &MultiPolygon<f64>) -> String {
        let mut d = String::new();
        for poly in &mp.0 {
            for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                // Simplified as a closed ring (the closing point is an end that stays); a
                // closed ring repeats its first point, "Z" closes it.
                let coords = self.simplified(&ring.0);
                let n = if coords.len() > 1 && coords.first() == coords.last() {
                    coords.len() - 1
                } else {
                    coords.len()
                };
                Self::write_points(&mut d, &coords[..n]);
                if n > 0 {
                    d.push('Z');
                }
            }
        }
        d
    }

    /// Appends the SVG path data of a line (`M x y L x y …`, one decimal) to `d`. Points that
    /// the line passes within [`Frame::TOLERANCE`] are left out (Ramer-Douglas-Peucker, geo's
    /// `Simplify`; the ends stay), as are points that round to the position before: the drawn
    /// line moves no more than the one-decimal rounding already moves it. (Berlin's 542
    /// Planungsräume: 198,000 points, 30,000 drawn; 2.0 MB of path data, 0.35 MB.)
    pub fn write_line(&self, d: &mut String, coords: &[Coord<f64>]) {
        Self::write_points(d, &self.simplified(coords));
    }

    /// `coords` projected, without the points a line passes within [`Frame::TOLERANCE`] (the
    /// ends stay): Ramer-Douglas-Peucker as geo's `Simplify`, iterative and on the projected
    /// points (no copy of the line, no recursion; 3x faster on Berlin).
    fn simplified(&self, coords: &[Coord<f64>]) -> Vec<(f64, f64)> {
        let pts: Vec<(f64, f64)> = coords.iter().map(|c| self.project(c.x, c.y)).collect();
        if pts.len() <= 2 {
            return pts;
        }
        let tol2 = Self::TOLERANCE * Self::TOLERANCE;
        let mut keep = vec![false; pts.len()];
        keep[0] = true;
        keep[pts.len() - 1] = true;
        let mut stack = vec![(0, pts.len() - 1)];
        while let Some((a, b)) = stack.pop() {
            let (mut far, mut far_d2) = (0, tol2);
            for (i, &p) in pts.iter().enumerate().take(b).skip(a + 1) {
                let d2 = segment_distance2(p, pts[a], pts[b]);
                if d2 > far_d2 {
                    far = i;
                    far_d2 = d2;
                }
            }
            if far > 0 {
                keep[far] = true;
                stack.push((far, b));
                stack.push((a, far));
            }
        }
        pts.into_iter()
            .zip(keep)
            .filter_map(|(p, k)| k.then_some(p))
            .collect()
    }

    /// Appends `M x y L x y …` for the points, leaving out those that round to the position
    /// before.
    fn write_points(d: &mut String, points: &[(f64, f64)]) {
        let mut last = None;
        for &(x, y) in points {
            let p = (tenths(x), tenths(y));
            if last == Some(p) {
                continue;
            }
            // One point at a time through a small buffer: a `push` per character is slow in
            // wasm.
            let mut buf = [0u8; 48];
            buf[0] = if last.is_none() { b'M' } else { b'L' };
            let mut n = 1;
            n += put_tenths(&mut buf[n..], p.0);
            buf[n] = b' ';
            n += 1;
            n += put_tenths(&mut buf[n..], p.1);
            d.push_str(std::str::from_utf8(&buf[..n]).unwrap_or_default());
            last = Some(p);
        }
    }
}

/// Squared distance from `p` to the segment `a`-`b` (to `a` when the segment is a point).
fn segment_distance2(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (ex, ey) = (a.0 + t * dx - p.0, a.1 + t * dy - p.1);
    ex * ex + ey * ey
}

/// `x` in tenths, rounded half to even (one wasm instruction; `round` is a library call).
fn tenths(x: f64) -> i64 {
    (x * 10.0).round_ties_even() as i64
}

/// Writes a number given in tenths with one decimal ("-12.3"), as `format!("{:.1}")` writes it,
/// into `out` (at least 22 bytes) without the formatting machinery (a map's paths have hundreds
/// of thousands of them); returns the number of bytes written.
fn put_tenths(out: &mut [u8], t: i64) -> usize {
    let mut n = 0;
    if t < 0 {
        out[0] = b'-';
        n = 1;
    }
    let t = t.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut k = 0;
    let mut whole = t / 10;
    loop {
        digits[k] = b'0' + (whole % 10) as u8;
        k += 1;
        whole /= 10;
        if whole == 0 {
            break;
        }
    }
    for &c in digits[..k].iter().rev() {
        out[n] = c;
        n += 1;
    }
    out[n] = b'.';
    out[n + 1] = b'0' + (t % 10) as u8;
    n + 2
}

impl Frame {
    /// SVG point to world point (the inverse of [`Frame::project`]).
    pub fn unproject(&self, x: f64, y: f64) -> Coord<f64> {
        Coord {
            x: (x - self.margin) / self.scale + self.bounds.min_x,
            y: self.bounds.max_y - (y - self.margin) / self.scale,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, LineString, MultiPolygon};

    #[test]
    fn frame_flips_y_and_closes_rings() {
        let sq = MultiPolygon(vec![polygon![
            (x: 0.0, y: 0.0), (x: 100.0, y: 0.0), (x: 100.0, y: 50.0), (x: 0.0, y: 50.0)
        ]]);
        let b = Bounds::of(std::slice::from_ref(&sq)).unwrap();
        assert_eq!((b.width(), b.height()), (100.0, 50.0));
        let f = Frame::fit(b);
        assert_eq!(f.scale, 9.8);
        assert_eq!(
            f.project(0.0, 50.0),
            (10.0, 10.0),
            "north-west corner at the top left"
        );
        assert_eq!(f.path(&sq), "M10.0 500.0L990.0 500.0L990.0 10.0L10.0 10.0Z");
        assert_eq!(f.view_box(), "0 0 1000 510.0");
    }

    #[test]
    fn path_numbers_are_written_as_format_writes_them() {
        // Seeded values over many magnitudes and both signs, away from exact ties (where
        // `format!` rounds the exact binary value, `tenths` the product with 10).
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = ((x >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 10f64.powi((x % 9) as i32);
            if ((v * 10.0).fract().abs() - 0.5).abs() < 1e-6 {
                continue;
            }
            let mut buf = [0u8; 24];
            let n = put_tenths(&mut buf, tenths(v));
            let d = std::str::from_utf8(&buf[..n]).unwrap();
            // `format!` keeps the sign of a negative value that rounds to zero; paths need not.
            let expected = match format!("{v:.1}") {
                z if z == "-0.0" => "0.0".to_string(),
                e => e,
            };
            assert_eq!(d, expected, "{v}");
        }
    }

    #[test]
    fn outlines_are_simplified_within_the_tolerance() {
        use geo::{Distance, Euclidean, Point};
        let f = Frame {
            bounds: Bounds {
                min_x: 0.0,
                min_y: 0.0,
                max_x: 300.0,
                max_y: 300.0,
            },
            scale: 1.0,
            margin: 0.0,
        };
        // A circle of 2,000 points (radius 100) and a square with 50 points on each side.
        let circle: Vec<Coord<f64>> = (0..2000)
            .map(|i| {
                let a = i as f64 / 2000.0 * std::f64::consts::TAU;
                Coord {
                    x: 150.0 + 100.0 * a.cos(),
                    y: 150.0 + 100.0 * a.sin(),
                }
            })
            .collect();
        let mut square = vec![];
        for (x0, y0, dx, dy) in [
            (10.0, 10.0, 1.0, 0.0),
            (60.0, 10.0, 0.0, 1.0),
            (60.0, 60.0, -1.0, 0.0),
            (10.0, 60.0, 0.0, -1.0),
        ] {
            for i in 0..50 {
                square.push(Coord {
                    x: x0 + dx * i as f64,
                    y: y0 + dy * i as f64,
                });
            }
        }
        square.push(square[0]);
        let ring = MultiPolygon(vec![geo::Polygon::new(LineString(square.clone()), vec![])]);
        assert_eq!(
            f.path(&ring),
            "M10.0 290.0L60.0 290.0L60.0 240.0L10.0 240.0Z"
        );
        // An open line keeps both ends.
        let mut d = String::new();
        f.write_line(&mut d, &square[..120]);
        assert_eq!(d, "M10.0 290.0L60.0 290.0L60.0 240.0L41.0 240.0");
        let mut d = String::new();
        f.write_line(&mut d, &circle);
        let drawn: Vec<Coord<f64>> = d[1..]
            .split('L')
            .map(|p| {
                let (x, y) = p.split_once(' ').unwrap();
                let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
                Coord { x, y: 300.0 - y }
            })
            .collect();
        assert!(drawn.len() < 200, "{} points drawn", drawn.len());
        let line = LineString(drawn);
        // Every point of the circle within the tolerance plus the rounding (half a step in x
        // and y) of the drawn line.
        let limit = Frame::TOLERANCE + 0.05 * 2f64.sqrt() + 1e-9;
        for c in &circle {
            let dist = Euclidean.distance(&Point::from(*c), &line);
            assert!(dist <= limit, "{c:?} {dist}");
        }
    }

    #[test]
    fn simplification_keeps_the_points_geos_simplify_keeps() {
        use geo::Simplify;
        // Seeded random walks; a frame of scale 1 (projection only flips y).
        let f = Frame {
            bounds: Bounds {
                min_x: 0.0,
                min_y: 0.0,
                max_x: 1000.0,
                max_y: 1000.0,
            },
            scale: 1.0,
            margin: 0.0,
        };
        let mut x: u64 = 7;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        };
        for walk in 0..50 {
            let step = [0.02, 0.1, 1.0][walk % 3];
            let mut p = Coord { x: 500.0, y: 500.0 };
            let line: Vec<Coord<f64>> = (0..500)
                .map(|_| {
                    p = Coord {
                        x: p.x + next() * step,
                        y: p.y + next() * step,
                    };
                    p
                })
                .collect();
            let reference: Vec<(f64, f64)> = LineString(line.clone())
                .simplify(Frame::TOLERANCE)
                .0
                .iter()
                .map(|c| f.project(c.x, c.y))
                .collect();
            assert_eq!(f.simplified(&line), reference, "walk {walk}");
        }
    }

    #[test]
    fn points_that_round_to_the_same_position_are_left_out() {
        let f = Frame {
            bounds: Bounds {
                min_x: 0.0,
                min_y: 0.0,
                max_x: 10.0,
                max_y: 10.0,
            },
            scale: 1.0,
            margin: 0.0,
        };
        let ring = MultiPolygon(vec![polygon![
            (x: 0.0, y: 0.0), (x: 0.01, y: 0.02), (x: 5.0, y: 0.0), (x: 5.04, y: 0.0),
            (x: 5.0, y: 5.0), (x: 0.0, y: 5.0)
        ]]);
        assert_eq!(f.path(&ring), "M0.0 10.0L5.0 10.0L5.0 5.0L0.0 5.0Z");
    }
}
