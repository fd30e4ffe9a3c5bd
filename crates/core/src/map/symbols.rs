//! Point symbols of facility layers: a shape and a colour per category (colour-blind safe,
//! Okabe-Ito colours; the shape repeats the distinction for print in grey and for colour
//! blindness), SVG path data of a symbol, and grouping where symbols crowd.
//!
//! Grouping changes the drawing only: points that fall into one cell of a grid of twice the
//! symbol size form a group drawn as a badge with their number; every point keeps its own
//! element (drawn small under the badge).

/// The colours of the categories (Okabe & Ito 2008), in order.
pub const COLORS: [&str; 7] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000",
];

/// The shapes of the categories, in order (their names, for the legend's text alternative).
pub const SHAPES: [&str; 6] = ["Kreis", "Quadrat", "Dreieck", "Raute", "Stern", "Kreuz"];

/// The symbol of category number `k` (over all layers): (shape index, colour).
pub fn symbol(k: usize) -> (usize, &'static str) {
    (k % SHAPES.len(), COLORS[k % COLORS.len()])
}

/// SVG path data of `shape` centred at (`x`, `y`) with radius `r`.
pub fn path(shape: usize, x: f64, y: f64, r: f64) -> String {
    let p = |dx: f64, dy: f64| format!("{:.2} {:.2}", x + dx * r, y + dy * r);
    match shape % SHAPES.len() {
        0 => format!(
            "M{:.2} {:.2}a{r:.2} {r:.2} 0 1 0 {:.2} 0a{r:.2} {r:.2} 0 1 0 {:.2} 0z",
            x - r,
            y,
            2.0 * r,
            -2.0 * r
        ),
        1 => format!(
            "M{}L{}L{}L{}z",
            p(-0.85, -0.85),
            p(0.85, -0.85),
            p(0.85, 0.85),
            p(-0.85, 0.85)
        ),
        2 => format!("M{}L{}L{}z", p(0.0, -1.1), p(1.0, 0.75), p(-1.0, 0.75)),
        3 => format!(
            "M{}L{}L{}L{}z",
            p(0.0, -1.15),
            p(1.0, 0.0),
            p(0.0, 1.15),
            p(-1.0, 0.0)
        ),
        4 => {
            let mut d = String::from("M");
            for k in 0..10 {
                let a = std::f64::consts::PI * (k as f64) / 5.0 - std::f64::consts::FRAC_PI_2;
                let rr = if k % 2 == 0 { 1.2 } else { 0.5 };
                if k > 0 {
                    d.push('L');
                }
                d.push_str(&p(rr * a.cos(), rr * a.sin()));
            }
            d.push('z');
            d
        }
        _ => {
            let w = 0.38;
            format!(
                "M{}L{}L{}L{}L{}L{}L{}L{}L{}L{}L{}L{}z",
                p(-w, -1.0),
                p(w, -1.0),
                p(w, -w),
                p(1.0, -w),
                p(1.0, w),
                p(w, w),
                p(w, 1.0),
                p(-w, 1.0),
                p(-w, w),
                p(-1.0, w),
                p(-1.0, -w),
                p(-w, -w)
            )
        }
    }
}

/// A group of crowded points: its members (indices into the input) and their centre.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The members.
    pub members: Vec<usize>,
    /// Their mean position.
    pub x: f64,
    /// Their mean position.
    pub y: f64,
}

/// Groups points (frame coordinates) that fall into one cell of a grid of size `cell`; only
/// groups of two or more are returned, in order of their first member.
pub fn crowded(points: &[(f64, f64)], cell: f64) -> Vec<Group> {
    use std::collections::HashMap;
    if cell <= 0.0 || !cell.is_finite() {
        return vec![];
    }
    let mut cells: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    let mut order: Vec<(i64, i64)> = vec![];
    for (i, &(x, y)) in points.iter().enumerate() {
        let c = ((x / cell).floor() as i64, (y / cell).floor() as i64);
        let e = cells.entry(c).or_default();
        if e.is_empty() {
            order.push(c);
        }
        e.push(i);
    }
    order
        .into_iter()
        .filter_map(|c| {
            let members = cells.remove(&c)?;
            (members.len() > 1).then(|| {
                let n = members.len() as f64;
                let x = members.iter().map(|&i| points[i].0).sum::<f64>() / n;
                let y = members.iter().map(|&i| points[i].1).sum::<f64>() / n;
                Group { members, x, y }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crowded_points_group_by_cell() {
        let pts = [(1.0, 1.0), (2.0, 1.5), (50.0, 50.0), (1.5, 2.5)];
        let g = crowded(&pts, 10.0);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].members, vec![0, 1, 3]);
        assert!((g[0].x - 1.5).abs() < 1e-9);
    }

    #[test]
    fn every_shape_is_a_closed_path() {
        for s in 0..SHAPES.len() {
            let d = path(s, 10.0, 10.0, 3.0);
            assert!(d.starts_with('M') && d.ends_with('z'), "{d}");
        }
        assert_eq!(symbol(7), (1, COLORS[0]));
    }
}
