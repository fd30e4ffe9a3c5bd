//! The one spatial index of a map's units: an R-tree (`rstar`) of their bounding boxes in world
//! coordinates narrows the candidates, an exact test on the polygons decides. The pointer tools
//! (hover, click, brush, lasso, the canvas's partial redraws) ask in the map's frame
//! coordinates; the topology's neighbour probe and point layers ask in world coordinates.
//!
//! Cost: building O(n log n); a query O(log n + candidates). The index can also be built part by
//! part ([`HitIndex::add`]): the app builds a large map's index in slices, one tree per part, so
//! that no task of the page runs long; queries then ask every part's tree (a few more root
//! tests) and give the same answers.

use super::geometry::Frame;
use geo::{BoundingRect, Coord, LineString, MultiPolygon};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};

/// The spatial index of the units (see the module docs).
#[derive(Default)]
pub struct HitIndex {
    /// One tree per part added (one for an index built at once).
    trees: Vec<RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>>,
    /// Each unit's box in world coordinates (x0, y0, x1, y1), `None` without geometry.
    boxes: Vec<Option<[f64; 4]>>,
}

impl HitIndex {
    /// Indexes every unit with a bounding box.
    pub fn build(geoms: &[MultiPolygon<f64>]) -> HitIndex {
        let mut index = HitIndex::default();
        index.add(geoms);
        index
    }

    /// Indexes the next units (numbered after those added before) in a tree of their own.
    pub fn add(&mut self, part: &[MultiPolygon<f64>]) {
        let first = self.boxes.len();
        self.boxes.extend(part.iter().map(|g| {
            let r = g.bounding_rect()?;
            Some([r.min().x, r.min().y, r.max().x, r.max().y])
        }));
        let items = self.boxes[first..]
            .iter()
            .enumerate()
            .filter_map(|(i, b)| {
                let [x0, y0, x1, y1] = (*b)?;
                Some(GeomWithData::new(
                    Rectangle::from_corners([x0, y0], [x1, y1]),
                    first + i,
                ))
            })
            .collect();
        self.trees.push(RTree::bulk_load(items));
    }

    /// Number of units indexed.
    pub fn len(&self) -> usize {
        self.boxes.len()
    }

    /// Whether no unit is indexed.
    pub fn is_empty(&self) -> bool {
        self.boxes.is_empty()
    }

    /// The indexed units whose boxes meet the world rectangle `envelope`, sorted.
    fn meeting(&self, envelope: &AABB<[f64; 2]>) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .trees
            .iter()
            .flat_map(|t| t.locate_in_envelope_intersecting(envelope))
            .map(|g| g.data)
            .collect();
        out.sort_unstable();
        out
    }

    /// The units whose boxes contain the world point `p`, in index order.
    pub fn candidates(&self, p: Coord<f64>) -> Vec<usize> {
        self.meeting(&AABB::from_point([p.x, p.y]))
    }

    /// The unit containing the world point `p`, if any (the first by index where areas
    /// overlap).
    pub fn hit_world(&self, geoms: &[MultiPolygon<f64>], p: Coord<f64>) -> Option<usize> {
        use geo::Contains;
        self.candidates(p)
            .into_iter()
            .find(|&i| geoms.get(i).is_some_and(|g| g.contains(&p)))
    }

    /// The unit containing the frame point (`x`, `y`), if any.
    pub fn hit(&self, geoms: &[MultiPolygon<f64>], frame: &Frame, x: f64, y: f64) -> Option<usize> {
        self.hit_world(geoms, frame.unproject(x, y))
    }

    /// The box of unit `i` in frame coordinates (x0, y0, x1, y1).
    pub fn unit_box(&self, frame: &Frame, i: usize) -> Option<[f64; 4]> {
        let [x0, y0, x1, y1] = self.boxes.get(i).copied().flatten()?;
        let (a, b) = frame.project(x0, y1);
        let (c, d) = frame.project(x1, y0);
        Some([a, b, c, d])
    }

    /// The units whose boxes meet the frame rectangle (x0, y0, x1, y1), for redrawing a part of
    /// a canvas.
    pub fn in_rect(&self, frame: &Frame, rect: [f64; 4]) -> Vec<usize> {
        let a = frame.unproject(rect[0], rect[1]);
        let b = frame.unproject(rect[2], rect[3]);
        self.meeting(&AABB::from_corners(
            [a.x.min(b.x), a.y.min(b.y)],
            [a.x.max(b.x), a.y.max(b.y)],
        ))
    }

    /// The units that come within `r` frame units of the frame point (`x`, `y`): a brush.
    pub fn near(
        &self,
        geoms: &[MultiPolygon<f64>],
        frame: &Frame,
        x: f64,
        y: f64,
        r: f64,
    ) -> Vec<usize> {
        use geo::{Distance, Euclidean};
        let world = frame.unproject(x, y);
        let rw = r / frame.scale;
        let mut out = self.meeting(&AABB::from_corners(
            [world.x - rw, world.y - rw],
            [world.x + rw, world.y + rw],
        ));
        out.retain(|&i| {
            geoms
                .get(i)
                .is_some_and(|g| Euclidean.distance(&geo::Point(world), g) <= rw)
        });
        out
    }

    /// The units of which more than half the area lies inside the lasso (a closed ring of frame
    /// points). The share is estimated on a 16 x 16 grid of sample points over each candidate's
    /// bounding box (the points inside the unit count).
    pub fn lasso(
        &self,
        geoms: &[MultiPolygon<f64>],
        frame: &Frame,
        ring: &[(f64, f64)],
    ) -> Vec<usize> {
        use geo::Contains;
        if ring.len() < 3 {
            return vec![];
        }
        let world: Vec<Coord<f64>> = ring.iter().map(|&(x, y)| frame.unproject(x, y)).collect();
        let (x0, y0, x1, y1) = world.iter().fold(
            (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
            |(a, b, c, d), p| (a.min(p.x), b.min(p.y), c.max(p.x), d.max(p.y)),
        );
        let lasso = geo::Polygon::new(LineString(world), vec![]);
        let mut out = self.meeting(&AABB::from_corners([x0, y0], [x1, y1]));
        out.retain(|&i| {
            let Some(g) = geoms.get(i) else { return false };
            let Some(r) = g.bounding_rect() else {
                return false;
            };
            let (mut inside_unit, mut inside_both) = (0, 0);
            const N: usize = 16;
            for a in 0..N {
                for b in 0..N {
                    let p = Coord {
                        x: r.min().x + (a as f64 + 0.5) / N as f64 * r.width(),
                        y: r.min().y + (b as f64 + 0.5) / N as f64 * r.height(),
                    };
                    if g.contains(&p) {
                        inside_unit += 1;
                        if lasso.contains(&p) {
                            inside_both += 1;
                        }
                    }
                }
            }
            inside_unit > 0 && 2 * inside_both > inside_unit
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::geometry::Bounds;

    #[test]
    fn an_index_built_in_parts_answers_as_one_built_at_once() {
        let atlas = crate::demo::musterstadt();
        let g = &atlas.units.geometry;
        let frame = Frame::fit(Bounds::of(g).unwrap());
        let whole = HitIndex::build(g);
        let mut parts = HitIndex::default();
        for part in g.chunks(7) {
            parts.add(part);
        }
        assert_eq!(
            (parts.len(), parts.trees.len()),
            (g.len(), g.len().div_ceil(7))
        );
        let ring = [
            (100.0, 100.0),
            (700.0, 150.0),
            (600.0, 600.0),
            (150.0, 500.0),
        ];
        assert_eq!(parts.lasso(g, &frame, &ring), whole.lasso(g, &frame, &ring));
        assert!(!whole.lasso(g, &frame, &ring).is_empty());
        let mut hits = 0;
        for step in 0..40 {
            let (x, y) = (25.0 * step as f64, 600.0 - 12.0 * step as f64);
            assert_eq!(parts.hit(g, &frame, x, y), whole.hit(g, &frame, x, y));
            hits += usize::from(whole.hit(g, &frame, x, y).is_some());
            assert_eq!(
                parts.near(g, &frame, x, y, 40.0),
                whole.near(g, &frame, x, y, 40.0)
            );
            let rect = [x, y, x + 90.0, y + 60.0];
            assert_eq!(parts.in_rect(&frame, rect), whole.in_rect(&frame, rect));
        }
        for i in 0..g.len() {
            assert_eq!(parts.unit_box(&frame, i), whole.unit_box(&frame, i));
        }
        assert!(hits > 10, "{hits}");
    }

    #[test]
    fn every_demo_label_point_hits_its_own_unit() {
        let atlas = crate::demo::musterstadt();
        let frame = Frame::fit(Bounds::of(&atlas.units.geometry).unwrap());
        let index = HitIndex::build(&atlas.units.geometry);
        let anchors = crate::map::labels::anchors(&atlas.units.geometry, &frame);
        for (i, a) in anchors.iter().enumerate() {
            let a = a.unwrap();
            assert_eq!(index.hit(&atlas.units.geometry, &frame, a.x, a.y), Some(i));
        }
        // Outside the town (the margin's corner): nothing.
        assert_eq!(index.hit(&atlas.units.geometry, &frame, 0.5, 0.5), None);
        // A brush of radius 0 at a label point finds that unit; a huge one finds all.
        let a = anchors[3].unwrap();
        assert_eq!(
            index.near(&atlas.units.geometry, &frame, a.x, a.y, 0.0),
            vec![3]
        );
        let all = index.near(&atlas.units.geometry, &frame, 500.0, 500.0, 5000.0);
        assert_eq!(all.len(), atlas.units.len());
        // A lasso around the whole frame takes every unit; one around a small square near a
        // label point takes no unit bigger than it.
        let (w, h) = (Frame::WIDTH, frame.height());
        let full = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)];
        assert_eq!(
            index.lasso(&atlas.units.geometry, &frame, &full).len(),
            atlas.units.len()
        );
        let small = [
            (a.x - 1.0, a.y - 1.0),
            (a.x + 1.0, a.y - 1.0),
            (a.x + 1.0, a.y + 1.0),
            (a.x - 1.0, a.y + 1.0),
        ];
        assert!(index
            .lasso(&atlas.units.geometry, &frame, &small)
            .is_empty());
        let b = index.unit_box(&frame, 3).unwrap();
        assert!(index.in_rect(&frame, b).contains(&3));
        assert!(index.in_rect(&frame, [-10.0, -10.0, -5.0, -5.0]).is_empty());
        let p = frame.project(1234.0, 5678.0);
        let back = frame.unproject(p.0, p.1);
        assert!((back.x - 1234.0).abs() < 1e-6 && (back.y - 5678.0).abs() < 1e-6);
    }
}
