//! The topology of a coverage of units: which units share which boundary pieces.
//!
//! Built once per map, it answers what drawing Sozialräume needs live and fast: the neighbours of
//! a unit (rook contiguity, with the shared boundary length), the boundary of every Sozialraum
//! without the lines between units of the same Sozialraum (so no slivers can appear), and the
//! dissolved polygons themselves.
//!
//! How: every ring is oriented (exterior counter-clockwise, holes clockwise: the interior lies to
//! the left) and cut into segments whose end points are snapped to a 1 cm grid. A segment found in
//! exactly two units is shared. A segment found once is either on the outer edge or meets a
//! neighbour whose vertices differ (a T-junction, a small gap or overlap of a coverage that was
//! not digitised topologically); a probe a little to its right (5 cm, then 1 m) finds that
//! neighbour. Consecutive segments of a ring with the same neighbour form an [`Arc`], like the
//! arcs of TopoJSON.

use geo::orient::{Direction, Orient};
use geo::{Area, Contains, Coord, LineString, MultiPolygon, Polygon};
use std::collections::HashMap;

/// A vertex snapped to the 1 cm grid.
type Snap = (i64, i64);

fn snap(c: Coord<f64>) -> Snap {
    ((c.x * 100.0).round() as i64, (c.y * 100.0).round() as i64)
}

/// A piece of a unit's boundary along which the neighbour on the outside stays the same.
#[derive(Clone, Debug, PartialEq)]
pub struct Arc {
    /// The unit whose ring this piece belongs to (its interior lies to the left).
    pub unit: u32,
    /// The unit on the other side; `None` on the outer edge of the map.
    pub other: Option<u32>,
    /// True when the other unit has exactly the same piece (reversed): drawing one of the two is
    /// enough.
    pub shared: bool,
    /// The coordinates along the ring (at least two).
    pub coords: Vec<Coord<f64>>,
}

impl Arc {
    /// Length in map units (metres).
    pub fn length(&self) -> f64 {
        self.coords
            .windows(2)
            .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
            .sum()
    }
}

/// The topology of the units of one map (see the module docs).
#[derive(Clone, Debug, Default)]
pub struct Topology {
    /// All arcs, unit by unit: the arcs of unit `u` are `arcs[first[u]..first[u + 1]]`.
    pub arcs: Vec<Arc>,
    first: Vec<usize>,
    /// Neighbours of each unit with the length of the shared boundary, sorted by neighbour.
    pub neighbours: Vec<Vec<(u32, f64)>>,
    /// Area of each unit in square map units.
    pub area: Vec<f64>,
}

/// Offsets of the probe for unmatched segments, in map units (metres).
const PROBES: [f64; 2] = [0.05, 1.0];

impl Topology {
    /// Builds the topology of a coverage (one multipolygon per unit, planar coordinates).
    pub fn build(geoms: &[MultiPolygon<f64>]) -> Topology {
        let oriented: Vec<MultiPolygon<f64>> =
            geoms.iter().map(|g| g.orient(Direction::Default)).collect();
        // Rings as snapped vertex lists (closed implicitly), per unit.
        let rings: Vec<Vec<Vec<Coord<f64>>>> = oriented
            .iter()
            .map(|mp| {
                mp.0.iter()
                    .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
                    .filter_map(clean_ring)
                    .collect()
            })
            .collect();
        let mut edges: HashMap<(Snap, Snap), (u32, u32)> = HashMap::new();
        for (u, unit_rings) in rings.iter().enumerate() {
            for r in unit_rings {
                for i in 0..r.len() {
                    let (a, b) = (snap(r[i]), snap(r[(i + 1) % r.len()]));
                    let key = if a < b { (a, b) } else { (b, a) };
                    let e = edges.entry(key).or_insert((u as u32, u32::MAX));
                    if e.0 != u as u32 && e.1 == u32::MAX {
                        e.1 = u as u32;
                    }
                }
            }
        }
        let tree = crate::map::index::HitIndex::build(&oriented);
        let mut arcs = vec![];
        let mut first = vec![0];
        for (u, unit_rings) in rings.iter().enumerate() {
            let u32_ = u as u32;
            for r in unit_rings {
                let n = r.len();
                let label = |i: usize| -> (Option<u32>, bool) {
                    let (a, b) = (r[i], r[(i + 1) % n]);
                    let (sa, sb) = (snap(a), snap(b));
                    let key = if sa < sb { (sa, sb) } else { (sb, sa) };
                    match edges.get(&key) {
                        Some(&(x, y)) if y != u32::MAX => {
                            (Some(if x == u32_ { y } else { x }), true)
                        }
                        _ => (probe(&tree, &oriented, u, a, b), false),
                    }
                };
                let labels: Vec<(Option<u32>, bool)> = (0..n).map(label).collect();
                // Start at a change of label so that no arc wraps around the ring's start.
                let start = (0..n).find(|&i| labels[i] != labels[(i + n - 1) % n]);
                match start {
                    None => {
                        let mut coords = r.clone();
                        coords.push(r[0]);
                        arcs.push(Arc {
                            unit: u32_,
                            other: labels[0].0,
                            shared: labels[0].1,
                            coords,
                        });
                    }
                    Some(s) => {
                        let mut i = 0;
                        while i < n {
                            let l = labels[(s + i) % n];
                            let mut coords = vec![r[(s + i) % n]];
                            while i < n && labels[(s + i) % n] == l {
                                coords.push(r[(s + i + 1) % n]);
                                i += 1;
                            }
                            arcs.push(Arc {
                                unit: u32_,
                                other: l.0,
                                shared: l.1,
                                coords,
                            });
                        }
                    }
                }
            }
            first.push(arcs.len());
        }
        let mut pairs: HashMap<(u32, u32), f64> = HashMap::new();
        for a in &arcs {
            if let Some(o) = a.other {
                if o != a.unit {
                    let len = a.length();
                    *pairs.entry((a.unit, o)).or_default() += len;
                    if !a.shared {
                        // The other side may not have found us (e.g. we overlap it).
                        pairs.entry((o, a.unit)).or_default();
                    }
                }
            }
        }
        let mut neighbours = vec![vec![]; geoms.len()];
        for (&(a, b), &len) in &pairs {
            neighbours[a as usize].push((b, len));
        }
        for list in &mut neighbours {
            list.sort_by_key(|x| x.0);
            list.dedup_by_key(|x| x.0);
        }
        // Lengths symmetric: the larger of the two directions' measurements.
        for a in 0..neighbours.len() {
            for j in 0..neighbours[a].len() {
                let (b, len) = neighbours[a][j];
                let back = neighbours[b as usize]
                    .binary_search_by_key(&(a as u32), |x| x.0)
                    .map(|k| neighbours[b as usize][k].1)
                    .unwrap_or(0.0);
                neighbours[a][j].1 = len.max(back);
            }
        }
        Topology {
            arcs,
            first,
            neighbours,
            area: geoms.iter().map(|g| g.unsigned_area()).collect(),
        }
    }

    /// Number of units.
    pub fn len(&self) -> usize {
        self.area.len()
    }

    /// True when there are no units.
    pub fn is_empty(&self) -> bool {
        self.area.is_empty()
    }

    /// The arcs of unit `u`.
    pub fn arcs_of(&self, u: usize) -> &[Arc] {
        &self.arcs[self.first[u]..self.first[u + 1]]
    }

    /// The arcs that separate different groups (`group[u]` is the Sozialraum of unit `u`), each
    /// piece once: the outlines to draw. Unassigned units have no outline of their own, but the
    /// edge between them and an assigned unit is drawn.
    pub fn boundary<'a>(&'a self, group: &'a [Option<u32>]) -> impl Iterator<Item = &'a Arc> + 'a {
        self.boundary_indices(group).map(|i| &self.arcs[i])
    }

    /// The indices into [`Topology::arcs`] of [`Topology::boundary`] (for cached drawings of
    /// the arcs).
    pub fn boundary_indices<'a>(
        &'a self,
        group: &'a [Option<u32>],
    ) -> impl Iterator<Item = usize> + 'a {
        self.arcs.iter().enumerate().filter_map(move |(i, a)| {
            let g = group[a.unit as usize];
            let keep = match a.other {
                None => g.is_some(),
                Some(o) => {
                    let h = group[o as usize];
                    g != h && if a.shared { a.unit < o } else { g.is_some() }
                }
            };
            keep.then_some(i)
        })
    }

    /// The perimeter of every group: the length of its arcs that border another group or the
    /// outside.
    pub fn group_perimeters(&self, group: &[Option<u32>], n_groups: usize) -> Vec<f64> {
        let mut p = vec![0.0; n_groups];
        for a in &self.arcs {
            if let Some(g) = group[a.unit as usize] {
                if a.other.is_none_or(|o| group[o as usize] != Some(g)) {
                    p[g as usize] += a.length();
                }
            }
        }
        p
    }

    /// The number of connected parts of every group (1 = contiguous; 0 = empty), by the
    /// neighbourhood of shared boundaries.
    pub fn group_parts(&self, group: &[Option<u32>], n_groups: usize) -> Vec<usize> {
        let mut parts = vec![0; n_groups];
        let mut seen = vec![false; self.len()];
        let mut stack = vec![];
        for start in 0..self.len() {
            let Some(g) = group[start] else { continue };
            if seen[start] {
                continue;
            }
            parts[g as usize] += 1;
            seen[start] = true;
            stack.push(start);
            while let Some(u) = stack.pop() {
                for &(v, _) in &self.neighbours[u] {
                    let v = v as usize;
                    if !seen[v] && group[v] == Some(g) {
                        seen[v] = true;
                        stack.push(v);
                    }
                }
            }
        }
        parts
    }

    /// The units of each group that are not in the group's largest connected part (the ones to
    /// mark on the map when a Sozialraum falls apart).
    pub fn detached_units(&self, group: &[Option<u32>], n_groups: usize) -> Vec<usize> {
        let mut component = vec![usize::MAX; self.len()];
        let mut sizes: Vec<(u32, f64)> = vec![]; // (group, area) per component
        for start in 0..self.len() {
            let Some(g) = group[start] else { continue };
            if component[start] != usize::MAX {
                continue;
            }
            let c = sizes.len();
            sizes.push((g, 0.0));
            component[start] = c;
            let mut stack = vec![start];
            while let Some(u) = stack.pop() {
                sizes[c].1 += self.area[u];
                for &(v, _) in &self.neighbours[u] {
                    let v = v as usize;
                    if component[v] == usize::MAX && group[v] == Some(g) {
                        component[v] = c;
                        stack.push(v);
                    }
                }
            }
        }
        let mut main = vec![usize::MAX; n_groups];
        for (c, &(g, a)) in sizes.iter().enumerate() {
            let m = &mut main[g as usize];
            if *m == usize::MAX || a > sizes[*m].1 {
                *m = c;
            }
        }
        (0..self.len())
            .filter(|&u| group[u].is_some_and(|g| main[g as usize] != component[u]))
            .collect()
    }

    /// The dissolved polygon of every group, in the units' coordinates. Rings are chained from
    /// the group's outer arcs; where a coverage is not clean enough for that (dangling pieces),
    /// the group's polygons are united with a general polygon union instead.
    pub fn dissolve(
        &self,
        geoms: &[MultiPolygon<f64>],
        group: &[Option<u32>],
        n_groups: usize,
    ) -> Vec<MultiPolygon<f64>> {
        self.dissolve_else(group, n_groups, |g| {
            let polys: Vec<&MultiPolygon<f64>> = members(group, g).map(|u| &geoms[u]).collect();
            geo::algorithm::bool_ops::unary_union(polys)
        })
    }

    /// The dissolved polygon of every group, without a general polygon union: where the
    /// outer arcs do not chain into rings, the group's unit polygons side by side (for the
    /// browser, where the union's code would cost download size).
    pub fn dissolve_or_parts(
        &self,
        geoms: &[MultiPolygon<f64>],
        group: &[Option<u32>],
        n_groups: usize,
    ) -> Vec<MultiPolygon<f64>> {
        self.dissolve_else(group, n_groups, |g| {
            MultiPolygon(
                members(group, g)
                    .flat_map(|u| geoms[u].0.iter().cloned())
                    .collect(),
            )
        })
    }

    /// Chained rings per group, `otherwise(g)` where they do not close.
    fn dissolve_else(
        &self,
        group: &[Option<u32>],
        n_groups: usize,
        otherwise: impl Fn(u32) -> MultiPolygon<f64>,
    ) -> Vec<MultiPolygon<f64>> {
        self.dissolve_chained(group, n_groups)
            .into_iter()
            .enumerate()
            .map(|(g, chained)| chained.unwrap_or_else(|| otherwise(g as u32)))
            .collect()
    }

    /// The dissolved polygon of every group where its outer arcs chain into closed rings
    /// (always on a clean coverage); `None` where they do not. Needs no polygon union, so it
    /// stays small in the browser.
    pub fn dissolve_chained(
        &self,
        group: &[Option<u32>],
        n_groups: usize,
    ) -> Vec<Option<MultiPolygon<f64>>> {
        let mut outer: Vec<Vec<&Arc>> = vec![vec![]; n_groups];
        for a in &self.arcs {
            if let Some(g) = group[a.unit as usize] {
                if a.other.is_none_or(|o| group[o as usize] != Some(g)) {
                    outer[g as usize].push(a);
                }
            }
        }
        outer.iter().map(|arcs| chain(arcs)).collect()
    }
}

/// The units of group `g`.
fn members(group: &[Option<u32>], g: u32) -> impl Iterator<Item = usize> + '_ {
    (0..group.len()).filter(move |&u| group[u] == Some(g))
}

/// A ring without repeated points and without its closing point; `None` when degenerate.
fn clean_ring(ring: &LineString<f64>) -> Option<Vec<Coord<f64>>> {
    let mut pts: Vec<Coord<f64>> = Vec::with_capacity(ring.0.len());
    for &c in &ring.0 {
        if pts.last().is_none_or(|&l| snap(l) != snap(c)) {
            pts.push(c);
        }
    }
    while pts.len() > 1 && snap(pts[0]) == snap(*pts.last().unwrap()) {
        pts.pop();
    }
    (pts.len() >= 3).then_some(pts)
}

/// The unit just to the right of segment a→b (outside of `unit`), if any.
fn probe(
    tree: &crate::map::index::HitIndex,
    geoms: &[MultiPolygon<f64>],
    unit: usize,
    a: Coord<f64>,
    b: Coord<f64>,
) -> Option<u32> {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = dx.hypot(dy);
    if len == 0.0 {
        return None;
    }
    let (nx, ny) = (dy / len, -dx / len);
    // Off the middle too: a neighbour's vertex may sit exactly at the middle (T-junction).
    for (t, eps) in [0.5, 0.3].into_iter().flat_map(|t| PROBES.map(|e| (t, e))) {
        let p = Coord {
            x: a.x + t * dx + nx * eps,
            y: a.y + t * dy + ny * eps,
        };
        if let Some(h) = tree
            .candidates(p)
            .into_iter()
            .find(|&i| i != unit && geoms[i].contains(&p))
        {
            return Some(h as u32);
        }
    }
    None
}

/// Chains directed arcs into closed rings and sorts them into polygons (counter-clockwise rings
/// are shells, clockwise ones holes). `None` when an arc cannot be continued.
fn chain(arcs: &[&Arc]) -> Option<MultiPolygon<f64>> {
    let mut by_start: HashMap<Snap, Vec<usize>> = HashMap::new();
    for (i, a) in arcs.iter().enumerate() {
        by_start.entry(snap(a.coords[0])).or_default().push(i);
    }
    let mut used = vec![false; arcs.len()];
    let mut rings: Vec<Vec<Coord<f64>>> = vec![];
    for s in 0..arcs.len() {
        if used[s] {
            continue;
        }
        used[s] = true;
        let target = snap(arcs[s].coords[0]);
        let mut ring: Vec<Coord<f64>> = arcs[s].coords.clone();
        loop {
            let end = snap(*ring.last().unwrap());
            if end == target {
                break;
            }
            let next = by_start.get(&end)?.iter().copied().find(|&i| !used[i])?;
            used[next] = true;
            ring.extend_from_slice(&arcs[next].coords[1..]);
        }
        if ring.len() >= 4 {
            rings.push(ring);
        }
    }
    let signed = |r: &Vec<Coord<f64>>| -> f64 {
        r.windows(2)
            .map(|w| w[0].x * w[1].y - w[1].x * w[0].y)
            .sum::<f64>()
            / 2.0
    };
    let (shells, holes): (Vec<_>, Vec<_>) = rings.into_iter().partition(|r| signed(r) > 0.0);
    let mut polys: Vec<(Polygon<f64>, f64)> = shells
        .into_iter()
        .map(|r| {
            let a = signed(&r);
            (Polygon::new(LineString(r), vec![]), a)
        })
        .collect();
    for h in holes {
        let inside = |p: &Polygon<f64>| {
            h.iter()
                .find(|c| !p.exterior().0.contains(c))
                .is_some_and(|c| p.contains(c))
        };
        let best = polys
            .iter()
            .enumerate()
            .filter(|(_, (p, _))| inside(p))
            .min_by(|a, b| a.1 .1.total_cmp(&b.1 .1))
            .map(|(i, _)| i);
        match best {
            Some(i) => polys[i].0.interiors_push(LineString(h)),
            None => return None,
        }
    }
    Some(MultiPolygon(polys.into_iter().map(|(p, _)| p).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    /// A 3 x 2 grid of unit squares, unit i at column i % 3, row i / 3.
    fn grid() -> Vec<MultiPolygon<f64>> {
        (0..6)
            .map(|i| {
                let (x, y) = ((i % 3) as f64, (i / 3) as f64);
                MultiPolygon(vec![polygon![
                    (x: x, y: y), (x: x + 1.0, y: y), (x: x + 1.0, y: y + 1.0), (x: x, y: y + 1.0)
                ]])
            })
            .collect()
    }

    #[test]
    fn rook_neighbours_of_a_grid() {
        let t = Topology::build(&grid());
        let n: Vec<Vec<u32>> = t
            .neighbours
            .iter()
            .map(|l| l.iter().map(|x| x.0).collect())
            .collect();
        assert_eq!(n[0], vec![1, 3]);
        assert_eq!(n[1], vec![0, 2, 4]);
        assert_eq!(n[4], vec![1, 3, 5]);
        assert!((t.neighbours[1][0].1 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn boundary_drops_inner_lines_of_a_group() {
        let t = Topology::build(&grid());
        // Left 2x2 block is group 0, right column group 1.
        let g = [Some(0), Some(0), Some(1), Some(0), Some(0), Some(1)];
        let len: f64 = t.boundary(&g).map(|a| a.length()).sum();
        // Outer edge 10 + the line between the groups 2, each once.
        assert!((len - 12.0).abs() < 1e-9, "{len}");
        assert_eq!(t.group_perimeters(&g, 2), vec![8.0, 6.0]);
        let d = t.dissolve(&grid(), &g, 2);
        assert!((d[0].unsigned_area() - 4.0).abs() < 1e-12);
        assert_eq!(d[0].0.len(), 1);
        assert_eq!(
            d[0].0[0].exterior().0.len(),
            9,
            "no vertex dropped, ring closed"
        );
        assert_eq!(t.group_parts(&g, 2), vec![1, 1]);
    }

    #[test]
    fn parts_and_holes() {
        let t = Topology::build(&grid());
        let g = [Some(0), Some(1), Some(0), Some(0), Some(0), Some(0)];
        assert_eq!(t.group_parts(&g, 2), vec![1, 1]);
        let g2 = [Some(0), Some(1), Some(0), Some(1), Some(1), Some(1)];
        assert_eq!(t.group_parts(&g2, 2), vec![2, 1]);
        // Group 0 = {0, 2}: the smaller-area part goes on the map as detached (the first found).
        assert_eq!(t.detached_units(&g2, 2), vec![2]);
        // A ring around a hole: 3x3 grid, centre in another group.
        let g9: Vec<MultiPolygon<f64>> = (0..9)
            .map(|i| {
                let (x, y) = ((i % 3) as f64, (i / 3) as f64);
                MultiPolygon(vec![polygon![
                    (x: x, y: y), (x: x + 1.0, y: y), (x: x + 1.0, y: y + 1.0), (x: x, y: y + 1.0)
                ]])
            })
            .collect();
        let t9 = Topology::build(&g9);
        let grp: Vec<Option<u32>> = (0..9).map(|i| Some(u32::from(i == 4))).collect();
        let d = t9.dissolve(&g9, &grp, 2);
        assert_eq!(d[0].0.len(), 1);
        assert_eq!(d[0].0[0].interiors().len(), 1);
        assert!((d[0].unsigned_area() - 8.0).abs() < 1e-12);
    }

    #[test]
    fn t_junctions_are_found_by_the_probe() {
        // Unit 0 is a 2x1 rectangle below; units 1 and 2 two squares on top of it: unit 0's top
        // edge is one segment, the others split it at (1, 1).
        let polys = vec![
            MultiPolygon(vec![
                polygon![(x: 0.0, y: 0.0), (x: 2.0, y: 0.0), (x: 2.0, y: 1.0), (x: 0.0, y: 1.0)],
            ]),
            MultiPolygon(vec![
                polygon![(x: 0.0, y: 1.0), (x: 1.0, y: 1.0), (x: 1.0, y: 2.0), (x: 0.0, y: 2.0)],
            ]),
            MultiPolygon(vec![
                polygon![(x: 1.0, y: 1.0), (x: 2.0, y: 1.0), (x: 2.0, y: 2.0), (x: 1.0, y: 2.0)],
            ]),
        ];
        let t = Topology::build(&polys);
        let n0: Vec<u32> = t.neighbours[0].iter().map(|x| x.0).collect();
        assert_eq!(n0, vec![1, 2]);
        let all = [Some(0), Some(0), Some(0)];
        assert_eq!(t.group_parts(&all, 1), vec![1]);
        let len: f64 = t.boundary(&all).map(|a| a.length()).sum();
        assert!((len - 8.0).abs() < 1e-9, "{len}");
        let d = t.dissolve(&polys, &all, 1);
        assert!((d[0].unsigned_area() - 4.0).abs() < 1e-9);
    }
}
