//! Planar geometry helpers for drawing: bounding boxes and SVG path data.
//!
//! Maps are drawn in a frame of fixed width (`Frame::WIDTH` SVG user units); the world's y axis
//! points north, SVG's points down, so [`Frame`] flips it. Coordinates are rounded to 0.1 user
//! units, which keeps path strings short without visible loss.

use geo::{BoundingRect, MultiPolygon, Rect};
use std::fmt::Write;

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
    /// `fill-rule="evenodd"` so holes stay open).
    pub fn path(&self, mp: &MultiPolygon<f64>) -> String {
        let mut d = String::new();
        for poly in &mp.0 {
            for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                let coords = &ring.0;
                // A closed ring repeats its first point; "Z" closes it.
                let n = if coords.len() > 1 && coords.first() == coords.last() {
                    coords.len() - 1
                } else {
                    coords.len()
                };
                for (i, c) in coords[..n].iter().enumerate() {
                    let (x, y) = self.project(c.x, c.y);
                    let _ = write!(d, "{}{:.1} {:.1}", if i == 0 { 'M' } else { 'L' }, x, y);
                }
                if n > 0 {
                    d.push('Z');
                }
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, MultiPolygon};

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
}
