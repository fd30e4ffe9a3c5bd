//! Area names on the map without overlap: each name sits at the pole of inaccessibility of the
//! area's largest part (the interior point farthest from the boundary; Mapbox's polylabel
//! algorithm, Agafonkin 2016, via the `polylabel` crate), and a greedy pass places the roomiest
//! areas first and drops names that would overlap a placed one or do not fit their area.

use crate::map::geometry::Frame;
use geo::{Area, Distance, Euclidean, MultiPolygon};

/// Where a name can go: the pole of inaccessibility in SVG coordinates and its distance to the
/// boundary (the radius of the largest circle inside the area), in SVG units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Anchor {
    /// SVG x.
    pub x: f64,
    /// SVG y.
    pub y: f64,
    /// Room around the point, in SVG units.
    pub radius: f64,
}

/// A placed name.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// Index of the unit.
    pub unit: usize,
    /// SVG x of the text's centre.
    pub x: f64,
    /// SVG y of the text's centre.
    pub y: f64,
    /// The font size relative to the one asked for: 1, or 0.75, 0.6 or 0.5 for a favoured name that
    /// only fits smaller.
    pub scale: f64,
}

/// The anchor of every unit in `frame` (`None` for units without area). Computed once per data
/// set; [`place`] then runs per font size.
pub fn anchors(geoms: &[MultiPolygon<f64>], frame: &Frame) -> Vec<Option<Anchor>> {
    geoms
        .iter()
        .map(|mp| {
            let largest =
                mp.0.iter()
                    .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?;
            let tolerance = (frame.bounds.width().max(frame.bounds.height()) / 5000.0).max(1e-9);
            let p = polylabel::polylabel(largest, &tolerance).ok()?;
            let mut d = Euclidean.distance(&p, largest.exterior());
            for hole in largest.interiors() {
                d = d.min(Euclidean.distance(&p, hole));
            }
            let (x, y) = frame.project(p.x(), p.y());
            Some(Anchor {
                x,
                y,
                radius: d * frame.scale,
            })
        })
        .collect()
}

/// Estimated width of a text in em (average glyph of a bold sans-serif: 0.62 em). The app
/// measures the real widths in the browser's font instead.
pub fn estimated_width(text: &str) -> f64 {
    0.62 * text.chars().count() as f64
}

/// Places the names greedily: roomiest areas first; a name is kept when its area has room for
/// the text's height (radius at least 0.6 × `font`) and its box does not overlap a kept one.
/// `widths` gives each name's width in em (0 or missing: no name). Only anchors inside `view`
/// (x, y, width, height: the visible part of the frame) get a name, and a name near the edge is
/// shifted inwards so it is not cut off.
pub fn place(anchors: &[Option<Anchor>], widths: &[f64], font: f64, view: [f64; 4]) -> Vec<Label> {
    place_favouring(anchors, widths, font, view, &[])
}

/// Where a favoured name may move when its place is taken, in half name widths and half line
/// heights.
const MOVES: [(f64, f64); 20] = [
    (0.0, -2.0),
    (0.0, 2.0),
    (-1.0, 0.0),
    (1.0, 0.0),
    (-1.0, -2.0),
    (1.0, -2.0),
    (-1.0, 2.0),
    (1.0, 2.0),
    (0.0, -4.0),
    (0.0, 4.0),
    (-1.0, -4.0),
    (1.0, -4.0),
    (-1.0, 4.0),
    (1.0, 4.0),
    (-1.6, 0.0),
    (1.6, 0.0),
    (-1.6, -2.0),
    (1.6, -2.0),
    (-1.6, 2.0),
    (1.6, 2.0),
];

/// [`place`], the `favoured` units first (the areas the view highlights: the most
/// disadvantaged class, the gaps …): they are named even where they are too small for their
/// name, and others only where room is left.
pub fn place_favouring(
    anchors: &[Option<Anchor>],
    widths: &[f64],
    font: f64,
    view: [f64; 4],
    favoured: &[bool],
) -> Vec<Label> {
    let [vx, vy, vw, vh] = view;
    let fav = |i: usize| favoured.get(i).copied().unwrap_or(false);
    let mut order: Vec<(usize, Anchor)> = anchors
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.map(|a| (i, a)))
        .filter(|(i, a)| {
            (fav(*i) || a.radius >= 0.6 * font) && widths.get(*i).is_some_and(|w| *w > 0.0)
        })
        .collect();
    // Three passes: the favoured names at their own places (smallest areas first: they have
    // the fewest places to go), then the favoured names left over, moved aside, inside their
    // area or set smaller (smallest first), then the others at their places, largest first.
    order.sort_by(|a, b| b.1.radius.total_cmp(&a.1.radius));
    let pad = 0.15 * font;
    let mut boxes: Vec<[f64; 4]> = Vec::new();
    let mut out: Vec<Label> = Vec::new();
    let visible = |a: &Anchor| a.x >= vx && a.x <= vx + vw && a.y >= vy && a.y <= vy + vh;
    let try_place = |i: usize, a: &Anchor, moves: bool, boxes: &mut Vec<[f64; 4]>| {
        let scales: &[f64] = if moves {
            &[1.0, 0.75, 0.6, 0.5]
        } else {
            &[1.0]
        };
        for &scale in scales {
            let half_w = widths[i] * font * scale / 2.0 + pad;
            let half_h = font * scale / 2.0 + pad;
            // By lines and half names aside, then inside a large area: half and most of the
            // way to the edge of its inner circle, in eight directions.
            let mut places = vec![(0.0, 0.0)];
            if moves {
                for (dx, dy) in MOVES {
                    places.push((dx * half_w, dy * half_h));
                }
                for f in [0.3, 0.6, 0.9] {
                    for k in 0..8 {
                        let t = std::f64::consts::FRAC_PI_4 * k as f64;
                        places.push((f * a.radius * t.cos(), f * a.radius * t.sin()));
                    }
                }
            }
            for (dx, dy) in places {
                let x = (a.x + dx).clamp(vx + half_w, (vx + vw - half_w).max(vx + half_w));
                let y = (a.y + dy).clamp(vy + half_h, (vy + vh - half_h).max(vy + half_h));
                let b = [x - half_w, y - half_h, x + half_w, y + half_h];
                let overlaps = boxes
                    .iter()
                    .any(|o| b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]);
                if !overlaps {
                    boxes.push(b);
                    return Some(Label {
                        unit: i,
                        x,
                        y,
                        scale,
                    });
                }
            }
        }
        None
    };
    let mut placed = vec![false; anchors.len()];
    for (i, a) in order.iter().rev().filter(|(i, a)| fav(*i) && visible(a)) {
        if let Some(l) = try_place(*i, a, false, &mut boxes) {
            placed[*i] = true;
            out.push(l);
        }
    }
    let mut left: Vec<&(usize, Anchor)> = order
        .iter()
        .filter(|(i, a)| fav(*i) && visible(a) && !placed[*i])
        .collect();
    left.sort_by(|a, b| a.1.radius.total_cmp(&b.1.radius));
    let anchor_of = |i: usize| anchors[i].expect("placed names have anchors");
    for (i, a) in left {
        if let Some(l) = try_place(*i, a, true, &mut boxes) {
            out.push(l);
            continue;
        }
        // Still no room: a neighbouring favoured name of a larger area moves over (it has more
        // places to go) when both then fit.
        let near = |b: &[f64; 4]| {
            let (cx, cy) = ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0);
            (cx - a.x).abs() < 4.0 * font + widths[*i] * font && (cy - a.y).abs() < 6.0 * font
        };
        for k in 0..out.len() {
            let j = out[k].unit;
            if !fav(j) || anchor_of(j).radius <= a.radius || !near(&boxes[k]) {
                continue;
            }
            let (lj, bj) = (out.remove(k), boxes.remove(k));
            if let Some(li) = try_place(*i, a, true, &mut boxes) {
                if let Some(lj2) = try_place(j, &anchor_of(j), true, &mut boxes) {
                    out.push(li);
                    out.push(lj2);
                    break;
                }
                boxes.pop();
            }
            out.insert(k, lj);
            boxes.insert(k, bj);
        }
    }
    for (i, a) in order.iter().filter(|(i, a)| !fav(*i) && visible(a)) {
        if let Some(l) = try_place(*i, a, false, &mut boxes) {
            out.push(l);
        }
    }
    out.sort_by_key(|l| l.unit);
    out
}

#[cfg(test)]
mod favoured_tests {
    use super::*;

    #[test]
    fn favoured_small_areas_are_named_first_and_moved_aside_when_taken() {
        // Three anchors in a row, the middle ones small and close together.
        let a = |x: f64, r: f64| {
            Some(Anchor {
                x,
                y: 50.0,
                radius: r,
            })
        };
        let anchors = vec![a(10.0, 30.0), a(50.0, 2.0), a(52.0, 2.0)];
        let widths = vec![3.0, 3.0, 3.0];
        let plain = place(&anchors, &widths, 10.0, [0.0, 0.0, 100.0, 100.0]);
        assert_eq!(plain.iter().map(|l| l.unit).collect::<Vec<_>>(), vec![0]);
        let fav = place_favouring(
            &anchors,
            &widths,
            10.0,
            [0.0, 0.0, 100.0, 100.0],
            &[false, true, true],
        );
        let named: Vec<usize> = fav.iter().map(|l| l.unit).collect();
        assert!(named.contains(&1) && named.contains(&2), "{named:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::map::geometry::Bounds;
    use geo::{Contains, Coord, LineString, Polygon};

    #[test]
    fn pole_of_an_l_shape_lies_in_its_wide_arm() {
        // An L: the wide lower arm (0..10 x 0..4) holds the pole, not the bounding-box centre.
        let l = Polygon::new(
            LineString::from(vec![
                (0.0, 0.0),
                (10.0, 0.0),
                (10.0, 4.0),
                (2.0, 4.0),
                (2.0, 10.0),
                (0.0, 10.0),
                (0.0, 0.0),
            ]),
            vec![],
        );
        let mp = MultiPolygon(vec![l.clone()]);
        let frame = Frame::fit(Bounds::of(std::slice::from_ref(&mp)).unwrap());
        let a = anchors(std::slice::from_ref(&mp), &frame)[0].unwrap();
        // Back to world coordinates.
        let wx = (a.x - frame.margin) / frame.scale + frame.bounds.min_x;
        let wy = frame.bounds.max_y - (a.y - frame.margin) / frame.scale;
        assert!(l.contains(&Coord { x: wx, y: wy }));
        assert!(wy < 4.0 && wx > 2.0, "pole at {wx},{wy}");
        // The largest inscribed circle of the lower arm has radius 2.
        assert!((a.radius / frame.scale - 2.0).abs() < 0.05);
    }

    #[test]
    fn demo_labels_lie_inside_their_areas_and_never_overlap() {
        let atlas = demo::musterstadt();
        let frame = Frame::fit(Bounds::of(&atlas.units.geometry).unwrap());
        let a = anchors(&atlas.units.geometry, &frame);
        assert!(a.iter().all(Option::is_some));
        let font = 14.0;
        let widths: Vec<f64> = atlas
            .units
            .names
            .iter()
            .map(|n| estimated_width(n))
            .collect();
        let view = [0.0, 0.0, Frame::WIDTH, frame.height()];
        let placed = place(&a, &widths, font, view);
        assert!(placed.len() > 10, "only {} labels", placed.len());
        for (n, l) in placed.iter().enumerate() {
            let wx = (l.x - frame.margin) / frame.scale + frame.bounds.min_x;
            let wy = frame.bounds.max_y - (l.y - frame.margin) / frame.scale;
            assert!(atlas.units.geometry[l.unit].contains(&Coord { x: wx, y: wy }));
            let wa = widths[l.unit] * font / 2.0;
            for m in &placed[n + 1..] {
                let wb = widths[m.unit] * font / 2.0;
                let apart_x = (l.x - m.x).abs() >= wa + wb;
                let apart_y = (l.y - m.y).abs() >= font;
                assert!(apart_x || apart_y, "{} and {} overlap", l.unit, m.unit);
            }
        }
        // A huge font leaves fewer names, never more.
        assert!(place(&a, &widths, 40.0, view).len() < placed.len());
        // Names stay inside the view; a view on one corner names only what lies in it.
        for l in &placed {
            let half = widths[l.unit] * font / 2.0;
            assert!(l.x - half >= 0.0 && l.x + half <= Frame::WIDTH);
        }
        let corner = [0.0, 0.0, Frame::WIDTH / 2.0, frame.height() / 2.0];
        let some = place(&a, &widths, font, corner);
        assert!(!some.is_empty() && some.len() < placed.len());
        assert!(some
            .iter()
            .all(|l| a[l.unit].unwrap().x <= Frame::WIDTH / 2.0));
    }
}
