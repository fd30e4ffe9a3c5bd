//! Repairs of what real map files carry: rings that cross themselves (a digitising kink, a
//! bow-tie) and neighbours whose shared vertices do not meet exactly (a coverage reprojected
//! from longitude/latitude, rounded on the way). Both break what the topology needs: shared
//! edges, so that dissolved Sozialräume come out in one piece when their units are connected.
//!
//! - [`self_intersects`]: two non-adjacent segments of a ring meet (tested against geo's
//!   validation).
//! - [`repair_rings`]: a ring that crosses itself is cut at the crossing into two loops and the
//!   larger kept, until it is simple (the small loops of a kink go; a bow-tie keeps its larger
//!   half). Rings above [`REPAIR_LIMIT`] points are left as they are (and reported).
//! - [`snap_coverage`]: every vertex within a tolerance of a vertex seen before moves onto it
//!   (a hash grid of the tolerance's size, the 3 x 3 cells around each point): O(points).

use geo::kernels::{Kernel, Orientation, RobustKernel};
use geo::{Area, Coord, LineString, MultiPolygon, Polygon};
use std::collections::HashMap;

/// Rings with more points than this are not repaired (each repair step is O(n log n) to O(n²)).
pub const REPAIR_LIMIT: usize = 20_000;

/// True when a ring crosses or touches itself (two non-adjacent segments meet).
///
/// Segments are sorted by their smallest x and only pairs whose x ranges overlap are tested, with
/// robust orientation predicates; typical rings cost O(n log n), at most O(n²).
pub fn ring_self_intersects(ring: &LineString<f64>) -> bool {
    first_crossing(&open_ring(ring)).is_some()
}

/// The ring's points without repeats and without the closing point: where they are when the
/// ring repeats none (mostly), else a copy.
fn open_ring(ring: &LineString<f64>) -> std::borrow::Cow<'_, [Coord<f64>]> {
    let pts = &ring.0;
    if pts.windows(2).any(|w| w[0] == w[1]) {
        let mut p = pts.clone();
        p.dedup();
        if p.len() > 1 && p.first() == p.last() {
            p.pop();
        }
        return std::borrow::Cow::Owned(p);
    }
    match pts.len() > 1 && pts.first() == pts.last() {
        true => std::borrow::Cow::Borrowed(&pts[..pts.len() - 1]),
        false => std::borrow::Cow::Borrowed(&pts[..]),
    }
}

/// The box of a segment from `a` to `b`: its least and greatest x, then y. The same as
/// `f64::min`/`max` for coordinates, which the readers check to be finite; compared here because
/// in wasm `min`/`max` are calls to a library function.
fn segment_box(a: Coord<f64>, b: Coord<f64>) -> [f64; 4] {
    let (x0, x1) = if a.x <= b.x { (a.x, b.x) } else { (b.x, a.x) };
    let (y0, y1) = if a.y <= b.y { (a.y, b.y) } else { (b.y, a.y) };
    [x0, x1, y0, y1]
}

/// Whether `r` lies in the box of the segment from `p` to `q`.
fn in_box(p: Coord<f64>, q: Coord<f64>, r: Coord<f64>) -> bool {
    let [x0, x1, y0, y1] = segment_box(p, q);
    r.x >= x0 && r.x <= x1 && r.y >= y0 && r.y <= y1
}

/// The first pair of non-adjacent segments (i, j) that meet, segment k running from `pts[k]`
/// to `pts[k + 1]` (cyclically); `None` for a simple ring.
fn first_crossing(pts: &[Coord<f64>]) -> Option<(usize, usize)> {
    let n = pts.len();
    if n < 4 {
        return None;
    }
    // Segments with their boxes, swept in order of the left edge: only pairs whose boxes
    // overlap in x and y reach the exact orientation test. The buffer is reused from ring to
    // ring (a map has one ring check per ring).
    SWEEP.with(|buffer| {
        let mut segs = buffer.borrow_mut();
        segs.clear();
        segs.extend((0..n).map(|i| (segment_box(pts[i], pts[(i + 1) % n]), i as u32)));
        segs.sort_unstable_by(|a, b| a.0[0].total_cmp(&b.0[0]).then(a.1.cmp(&b.1)));
        sweep(pts, &segs)
    })
}

thread_local! {
    /// The segments of the ring being checked, with their boxes (see [`first_crossing`]).
    static SWEEP: std::cell::RefCell<Vec<([f64; 4], u32)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The sweep of [`first_crossing`] over `segs`, the segments of `pts` (box and number) in
/// order of their left edge.
fn sweep(pts: &[Coord<f64>], segs: &[([f64; 4], u32)]) -> Option<(usize, usize)> {
    let n = pts.len();
    for (k, &(bi, i)) in segs.iter().enumerate() {
        let i = i as usize;
        for &(bj, j) in &segs[k + 1..] {
            let j = j as usize;
            if bj[0] > bi[1] {
                break;
            }
            if bj[2] > bi[3] || bj[3] < bi[2] {
                continue;
            }
            let adjacent = (i + 1) % n == j || (j + 1) % n == i;
            if adjacent {
                continue;
            }
            if segments_meet(pts[i], pts[(i + 1) % n], pts[j], pts[(j + 1) % n]) {
                return Some((i.min(j), i.max(j)));
            }
        }
    }
    None
}

fn segments_meet(a: Coord<f64>, b: Coord<f64>, c: Coord<f64>, d: Coord<f64>) -> bool {
    let o = |p, q, r| RobustKernel::orient2d(p, q, r);
    let (o1, o2, o3, o4) = (o(a, b, c), o(a, b, d), o(c, d, a), o(c, d, b));
    let opposite = |x: Orientation, y: Orientation| {
        matches!(
            (x, y),
            (Orientation::Clockwise, Orientation::CounterClockwise)
                | (Orientation::CounterClockwise, Orientation::Clockwise)
        )
    };
    if opposite(o1, o2) && opposite(o3, o4) {
        return true;
    }
    let col = Orientation::Collinear;
    (o1 == col && in_box(a, b, c))
        || (o2 == col && in_box(a, b, d))
        || (o3 == col && in_box(c, d, a))
        || (o4 == col && in_box(c, d, b))
}

/// True when any ring of the multipolygon crosses or touches itself.
pub fn self_intersects(mp: &MultiPolygon<f64>) -> bool {
    mp.0.iter().any(|p| {
        std::iter::once(p.exterior())
            .chain(p.interiors())
            .any(ring_self_intersects)
    })
}

/// The point where segments a-b and c-d meet (they do, by [`segments_meet`]): their crossing,
/// or for touching and collinear segments the end point that lies on the other segment.
fn meeting_point(a: Coord<f64>, b: Coord<f64>, c: Coord<f64>, d: Coord<f64>) -> Coord<f64> {
    let r = (b.x - a.x, b.y - a.y);
    let s = (d.x - c.x, d.y - c.y);
    let den = r.0 * s.1 - r.1 * s.0;
    if den != 0.0 {
        let t = ((c.x - a.x) * s.1 - (c.y - a.y) * s.0) / den;
        if (0.0..=1.0).contains(&t) {
            return Coord {
                x: a.x + t * r.0,
                y: a.y + t * r.1,
            };
        }
    }
    let on = |p: Coord<f64>, q: Coord<f64>, x: Coord<f64>| {
        RobustKernel::orient2d(p, q, x) == Orientation::Collinear && in_box(p, q, x)
    };
    [c, d]
        .into_iter()
        .find(|&x| on(a, b, x))
        .or([a, b].into_iter().find(|&x| on(c, d, x)))
        .unwrap_or(b)
}

fn ring_area(pts: &[Coord<f64>]) -> f64 {
    let n = pts.len();
    (0..n)
        .map(|i| {
            let (p, q) = (pts[i], pts[(i + 1) % n]);
            p.x * q.y - q.x * p.y
        })
        .sum::<f64>()
        / 2.0
}

/// A simple ring from one that crosses itself (see the module docs); `None` when it is simple
/// already, too long to repair, or nothing of it is left.
fn repair_ring(ring: &LineString<f64>) -> Option<LineString<f64>> {
    let mut pts = open_ring(ring).into_owned();
    if pts.len() > REPAIR_LIMIT {
        return None;
    }
    let mut changed = false;
    for _ in 0..1000 {
        let Some((i, j)) = first_crossing(&pts) else {
            break;
        };
        let n = pts.len();
        let p = meeting_point(pts[i], pts[(i + 1) % n], pts[j], pts[(j + 1) % n]);
        // One loop runs from the crossing over i+1..=j back to it, the other over the rest.
        let inner: Vec<Coord<f64>> = std::iter::once(p)
            .chain(pts[i + 1..=j].iter().copied())
            .collect();
        let outer: Vec<Coord<f64>> = pts[..=i]
            .iter()
            .copied()
            .chain(std::iter::once(p))
            .chain(pts[j + 1..].iter().copied())
            .collect();
        let keep = if ring_area(&inner).abs() > ring_area(&outer).abs() {
            inner
        } else {
            outer
        };
        let mut keep = keep;
        keep.dedup();
        while keep.len() > 1 && keep.first() == keep.last() {
            keep.pop();
        }
        if keep.len() < 3 || keep.len() >= pts.len() && keep == pts {
            return None;
        }
        pts = keep;
        changed = true;
    }
    if !changed || first_crossing(&pts).is_some() || pts.len() < 3 {
        return None;
    }
    pts.push(pts[0]);
    Some(LineString(pts))
}

/// The multipolygon with every ring that crosses itself repaired (see the module docs), and
/// whether all of them are simple now.
pub fn repair_rings(mp: &MultiPolygon<f64>) -> (MultiPolygon<f64>, bool) {
    let mut simple = true;
    let mut fix = |r: &LineString<f64>| -> LineString<f64> {
        if !ring_self_intersects(r) {
            return r.clone();
        }
        match repair_ring(r) {
            Some(fixed) => fixed,
            None => {
                simple = false;
                r.clone()
            }
        }
    };
    let polys =
        mp.0.iter()
            .map(|p| {
                Polygon::new(
                    fix(p.exterior()),
                    p.interiors().iter().map(&mut fix).collect(),
                )
            })
            .filter(|p| p.unsigned_area() > 0.0)
            .collect();
    (MultiPolygon(polys), simple)
}

/// The snapping tolerance (metres) for a coverage given in `source` coordinates with
/// `metres_per_unit` (about 111,000 for degrees, 1 for metres): two and a half times the step
/// of the coordinates' rounding (6 decimals of a degree: 0.11 m, so 0.28 m), at least 10 cm
/// and at most 2 m.
pub fn snap_tolerance(source: &[MultiPolygon<f64>], metres_per_unit: f64) -> f64 {
    let decimals = |x: f64| {
        (0..=9)
            .find(|&d| {
                let f = 10f64.powi(d);
                ((x * f).round() / f - x).abs() <= 1e-9 * x.abs().max(1.0)
            })
            .unwrap_or(10)
    };
    let d = source
        .iter()
        .flat_map(|g| g.0.iter())
        .flat_map(|p| p.exterior().0.iter())
        .take(2000)
        .map(|c| decimals(c.x).max(decimals(c.y)))
        .max()
        .unwrap_or(10);
    (2.5 * 10f64.powi(-d) * metres_per_unit).clamp(0.1, 2.0)
}

/// Moves every vertex within `tol` of a vertex seen before onto that vertex, so that the
/// shared boundaries of neighbours meet exactly; returns the number of vertices moved.
pub fn snap_coverage(geoms: &mut [MultiPolygon<f64>], tol: f64) -> usize {
    let cell = |c: Coord<f64>| ((c.x / tol).floor() as i64, (c.y / tol).floor() as i64);
    let mut grid: HashMap<(i64, i64), Vec<Coord<f64>>> = HashMap::new();
    let mut moved = 0;
    let mut snap = |c: &mut Coord<f64>| {
        let (cx, cy) = cell(*c);
        let mut best: Option<(f64, Coord<f64>)> = None;
        for dx in -1..=1 {
            for dy in -1..=1 {
                for q in grid.get(&(cx + dx, cy + dy)).into_iter().flatten() {
                    let d = (q.x - c.x).hypot(q.y - c.y);
                    if d <= tol && best.is_none_or(|(bd, _)| d < bd) {
                        best = Some((d, *q));
                    }
                }
            }
        }
        match best {
            Some((d, q)) => {
                if d > 0.0 {
                    *c = q;
                    moved += 1;
                }
            }
            None => grid.entry((cx, cy)).or_default().push(*c),
        }
    };
    for g in geoms.iter_mut() {
        for p in &mut g.0 {
            p.exterior_mut(|r| r.0.iter_mut().for_each(&mut snap));
            p.interiors_mut(|rs| {
                rs.iter_mut()
                    .for_each(|r| r.0.iter_mut().for_each(&mut snap))
            });
        }
    }
    moved
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, MultiPolygon, Validation};

    #[test]
    fn self_intersection_agrees_with_geo_validation_on_simple_cases() {
        let square =
            polygon![(x: 0.0, y: 0.0), (x: 2.0, y: 0.0), (x: 2.0, y: 2.0), (x: 0.0, y: 2.0)];
        let bowtie =
            polygon![(x: 0.0, y: 0.0), (x: 2.0, y: 2.0), (x: 2.0, y: 0.0), (x: 0.0, y: 2.0)];
        // A ring that touches itself at (1, 1).
        let touching = polygon![
            (x: 0.0, y: 0.0), (x: 2.0, y: 0.0), (x: 1.0, y: 1.0), (x: 2.0, y: 2.0),
            (x: 0.0, y: 2.0), (x: 1.0, y: 1.0)
        ];
        for (p, bad) in [(square, false), (bowtie, true), (touching, true)] {
            let mp = MultiPolygon(vec![p]);
            assert_eq!(self_intersects(&mp), bad, "{mp:?}");
            assert_eq!(!mp.is_valid(), bad, "reference: geo's validation");
        }
    }

    #[test]
    fn demo_town_has_no_self_intersections() {
        let atlas = crate::demo::musterstadt();
        assert!(atlas.units.geometry.iter().all(|g| !self_intersects(g)));
    }

    #[test]
    fn kinks_and_bow_ties_are_cut_to_simple_rings() {
        // A square with a small kink at its first corner (the corpus's digitising error).
        let kinked = polygon![
            (x: 0.0, y: 0.0), (x: 2.0, y: 0.4), (x: 2.0, y: -0.4), (x: 1.0, y: 0.0),
            (x: 100.0, y: 0.0), (x: 100.0, y: 100.0), (x: 0.0, y: 100.0)
        ];
        let (fixed, simple) = repair_rings(&MultiPolygon(vec![kinked]));
        assert!(simple && fixed.is_valid(), "{fixed:?}");
        let area = fixed.unsigned_area();
        assert!((area - 10_000.0).abs() < 1.0, "{area}");
        let bowtie =
            polygon![(x: 0.0, y: 0.0), (x: 2.0, y: 2.0), (x: 2.0, y: 0.0), (x: 0.0, y: 2.0)];
        let (fixed, simple) = repair_rings(&MultiPolygon(vec![bowtie]));
        assert!(simple && fixed.is_valid());
        assert!((fixed.unsigned_area() - 1.0).abs() < 1e-9, "one half kept");
    }

    #[test]
    fn near_vertices_of_neighbours_are_snapped_together() {
        let a = MultiPolygon(vec![polygon![
            (x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 0.0, y: 10.0)
        ]]);
        let b = MultiPolygon(vec![polygon![
            (x: 10.03, y: -0.02), (x: 20.0, y: 0.0), (x: 20.0, y: 10.0), (x: 9.98, y: 10.04)
        ]]);
        let mut g = vec![a, b];
        // The first vertex of b moves with its closing copy: three coordinates.
        assert_eq!(snap_coverage(&mut g, 0.1), 3);
        assert_eq!(g[1].0[0].exterior().0[0], Coord { x: 10.0, y: 0.0 });
        assert_eq!(g[1].0[0].exterior().0[3], Coord { x: 10.0, y: 10.0 });
    }
}
