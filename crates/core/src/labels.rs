//! Area names on the map without overlap: each name sits at the pole of inaccessibility of the
//! area's largest part (the interior point farthest from the boundary; Mapbox's polylabel
//! algorithm, Agafonkin 2016, via the `polylabel` crate), and a greedy pass places the roomiest
//! areas first and drops names that would overlap a placed one or do not fit their area.

use crate::geometry::Frame;
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

/// Estimated width of a text in a sans-serif font of size `font` (average glyph 0.55 em).
pub fn text_width(text: &str, font: f64) -> f64 {
    0.55 * font * text.chars().count() as f64
}

/// Places the names greedily: roomiest areas first; a name is kept when its area has room for
/// the text's height (radius at least 0.6 × `font`) and its box does not overlap a kept one.
pub fn place(anchors: &[Option<Anchor>], names: &[String], font: f64) -> Vec<Label> {
    let mut order: Vec<(usize, Anchor)> = anchors
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.map(|a| (i, a)))
        .filter(|(i, a)| a.radius >= 0.6 * font && names.get(*i).is_some_and(|n| !n.is_empty()))
        .collect();
    order.sort_by(|a, b| b.1.radius.total_cmp(&a.1.radius));
    let pad = 0.15 * font;
    let mut boxes: Vec<[f64; 4]> = Vec::new();
    let mut out = Vec::new();
    for (i, a) in order {
        let half_w = text_width(&names[i], font) / 2.0 + pad;
        let half_h = font / 2.0 + pad;
        let b = [a.x - half_w, a.y - half_h, a.x + half_w, a.y + half_h];
        let overlaps = boxes
            .iter()
            .any(|o| b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]);
        if !overlaps {
            boxes.push(b);
            out.push(Label {
                unit: i,
                x: a.x,
                y: a.y,
            });
        }
    }
    out.sort_by_key(|l| l.unit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::geometry::Bounds;
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
        let placed = place(&a, &atlas.units.names, font);
        assert!(placed.len() > 10, "only {} labels", placed.len());
        for (n, l) in placed.iter().enumerate() {
            let wx = (l.x - frame.margin) / frame.scale + frame.bounds.min_x;
            let wy = frame.bounds.max_y - (l.y - frame.margin) / frame.scale;
            assert!(atlas.units.geometry[l.unit].contains(&Coord { x: wx, y: wy }));
            let wa = text_width(&atlas.units.names[l.unit], font) / 2.0;
            for m in &placed[n + 1..] {
                let wb = text_width(&atlas.units.names[m.unit], font) / 2.0;
                let apart_x = (l.x - m.x).abs() >= wa + wb;
                let apart_y = (l.y - m.y).abs() >= font;
                assert!(apart_x || apart_y, "{} and {} overlap", l.unit, m.unit);
            }
        }
        // A huge font leaves fewer names, never more.
        assert!(place(&a, &atlas.units.names, 40.0).len() < placed.len());
    }
}
