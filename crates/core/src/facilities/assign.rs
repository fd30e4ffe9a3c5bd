//! Points to units: each point in exactly one unit or in none, the tally per unit, and distance
//! coverage.
//!
//! The unit of a point is found with the map's one spatial index ([`HitIndex`]): its candidates
//! by bounding box, then the exact test with the boundary included, the first candidate by
//! index winning. So a point on an edge two units share goes to the unit of lower index (never
//! to both, never to none), a point strictly inside a hole to none, a point outside the map to
//! none; those are listed as outside.

use super::PointLayer;
use crate::map::index::HitIndex;
use geo::{Coord, InteriorPoint, Intersects, MultiPolygon};
use rstar::RTree;

/// The unit containing the world point (`x`, `y`), boundary included; the lower index where two
/// units share it.
pub fn locate(geoms: &[MultiPolygon<f64>], index: &HitIndex, x: f64, y: f64) -> Option<usize> {
    let p = Coord { x, y };
    index
        .candidates(p)
        .into_iter()
        .find(|&i| geoms.get(i).is_some_and(|g| g.intersects(&p)))
}

/// Where each point of a layer lies: its unit, `None` outside the map.
pub fn assign(
    geoms: &[MultiPolygon<f64>],
    index: &HitIndex,
    layer: &PointLayer,
) -> Vec<Option<usize>> {
    layer
        .points
        .iter()
        .map(|p| locate(geoms, index, p.x, p.y))
        .collect()
}

/// What a layer gives each unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    /// Points per unit.
    pub count: Vec<f64>,
    /// Summed capacity per unit (`None` without a capacity column).
    pub capacity: Option<Vec<f64>>,
    /// Points per unit and category, in the layer's category order.
    pub by_category: Vec<Vec<f64>>,
    /// Per summed column: the sum of the known values per unit.
    pub sums: Vec<Vec<f64>>,
    /// Per summed column: how many points in the unit had no value (withheld or not given).
    pub withheld: Vec<Vec<u32>>,
    /// Indices (into the layer's points) of the points outside every unit.
    pub outside: Vec<usize>,
    /// Points with a capacity column but no capacity value, inside the map.
    pub capacity_missing: usize,
}

/// Counts, capacity, categories and sums per unit of `n` units from the assignment.
pub fn tally(layer: &PointLayer, assigned: &[Option<usize>], n: usize) -> Tally {
    let has_capacity = layer.settings.capacity.is_some();
    let mut t = Tally {
        count: vec![0.0; n],
        capacity: has_capacity.then(|| vec![0.0; n]),
        by_category: vec![vec![0.0; n]; layer.categories.len()],
        sums: vec![vec![0.0; n]; layer.sums.len()],
        withheld: vec![vec![0; n]; layer.sums.len()],
        outside: vec![],
        capacity_missing: 0,
    };
    for (i, (p, unit)) in layer.points.iter().zip(assigned).enumerate() {
        let Some(u) = *unit else {
            t.outside.push(i);
            continue;
        };
        t.count[u] += 1.0;
        if let Some(c) = &mut t.capacity {
            match p.capacity {
                Some(v) => c[u] += v,
                None => t.capacity_missing += 1,
            }
        }
        if let Some(k) = layer.categories.iter().position(|c| *c == p.category) {
            t.by_category[k][u] += 1.0;
        }
        for (s, v) in p.values.iter().enumerate() {
            match v {
                Some(v) => t.sums[s][u] += v,
                None => t.withheld[s][u] += 1,
            }
        }
    }
    t
}

/// Each unit's representative point (a point inside it; `None` without geometry): where its
/// population is taken to live for distance coverage.
pub fn representative_points(geoms: &[MultiPolygon<f64>]) -> Vec<Option<(f64, f64)>> {
    geoms
        .iter()
        .map(|g| g.interior_point().map(|p| (p.x(), p.y())))
        .collect()
}

/// Whether each unit's representative point lies within `metres` of the nearest point of the
/// layer (straight-line distance in the map's planar CRS); `None` without geometry.
pub fn covered(
    representative: &[Option<(f64, f64)>],
    layer: &PointLayer,
    metres: f64,
) -> Vec<Option<bool>> {
    let tree = RTree::bulk_load(layer.points.iter().map(|p| [p.x, p.y]).collect());
    let limit = metres * metres;
    representative
        .iter()
        .map(|r| {
            let (x, y) = (*r)?;
            Some(
                tree.nearest_neighbor(&[x, y])
                    .is_some_and(|q| (q[0] - x).powi(2) + (q[1] - y).powi(2) <= limit),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facilities::{Facility, PointSettings};
    use crate::model::Crs;
    use geo::{polygon, MultiPolygon};

    fn squares() -> Vec<MultiPolygon<f64>> {
        let sq = |x0: f64| {
            MultiPolygon(vec![polygon![
                (x: x0, y: 0.0), (x: x0 + 10.0, y: 0.0), (x: x0 + 10.0, y: 10.0), (x: x0, y: 10.0)
            ]])
        };
        // The second square has a hole in (12..14, 2..4).
        let mut b = sq(10.0);
        b.0[0].interiors_push(vec![(12.0, 2.0), (14.0, 2.0), (14.0, 4.0), (12.0, 4.0)]);
        vec![sq(0.0), b]
    }

    fn layer(points: &[(f64, f64)]) -> PointLayer {
        PointLayer {
            file: "p.csv".into(),
            label: "p".into(),
            settings: PointSettings::default(),
            source_crs: Crs::UTM32,
            points: points
                .iter()
                .enumerate()
                .map(|(i, &(x, y))| Facility {
                    line: i + 2,
                    id: (i + 1).to_string(),
                    name: String::new(),
                    category: String::new(),
                    capacity: None,
                    x,
                    y,
                    values: vec![],
                })
                .collect(),
            categories: vec![],
            sums: vec![],
            warnings: vec![],
        }
    }

    #[test]
    fn shared_edges_go_to_one_unit_holes_to_none() {
        let g = squares();
        let idx = HitIndex::build(&g);
        let l = layer(&[
            (5.0, 5.0),
            (10.0, 5.0),
            (13.0, 3.0),
            (15.0, 8.0),
            (30.0, 5.0),
            (0.0, 0.0),
        ]);
        let a = assign(&g, &idx, &l);
        assert_eq!(a, vec![Some(0), Some(0), None, Some(1), None, Some(0)]);
        let t = tally(&l, &a, 2);
        assert_eq!(t.count, vec![3.0, 1.0]);
        assert_eq!(t.outside, vec![2, 4]);
    }

    #[test]
    fn coverage_by_the_nearest_point() {
        let g = squares();
        let reps = representative_points(&g);
        let l = layer(&[(5.0, 5.0)]);
        let c = covered(&reps, &l, 6.0);
        assert_eq!(c[0], Some(true));
        assert_eq!(c[1], Some(false));
    }
}
