//! Cluster order and profiles: clusters numbered from least to most disadvantaged, so that
//! labels are stable and "Cluster k" is the most disadvantaged (as in Dortmund's typology), with
//! the mean z-value of each indicator and a plain-language label.

use serde::Serialize;

/// The profile of one cluster.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Profile {
    /// Cluster number, 1 = least disadvantaged.
    pub cluster: usize,
    /// Number of areas.
    pub size: usize,
    /// Mean z-value per indicator (sign as in the data).
    pub mean_z: Vec<f64>,
    /// Mean of the direction-adjusted z-values: positive = disadvantage.
    pub disadvantage: f64,
    /// Plain-language label in German.
    pub label: String,
}

/// Renumbers clusters 0..k so that 0 is the least and k - 1 the most disadvantaged, by the mean
/// of the direction-adjusted z-values (`high_is_disadvantage` per indicator; neutral indicators
/// should be passed as `None` and are ignored for the order). Returns new labels and profiles.
pub fn order_and_profile(
    z: &[Vec<f64>],
    labels: &[usize],
    high_is_disadvantage: &[Option<bool>],
    names: &[String],
) -> (Vec<usize>, Vec<Profile>) {
    let k = labels.iter().max().map_or(0, |m| m + 1);
    let d = high_is_disadvantage.len();
    let mut sums = vec![vec![0.0; d]; k];
    let mut sizes = vec![0usize; k];
    for (row, &l) in z.iter().zip(labels) {
        sizes[l] += 1;
        for j in 0..d {
            sums[l][j] += row[j];
        }
    }
    let means: Vec<Vec<f64>> = (0..k)
        .map(|c| sums[c].iter().map(|s| s / sizes[c].max(1) as f64).collect())
        .collect();
    let score = |m: &Vec<f64>| {
        let signed: Vec<f64> = m
            .iter()
            .zip(high_is_disadvantage)
            .filter_map(|(v, dir)| dir.map(|bad| if bad { *v } else { -*v }))
            .collect();
        if signed.is_empty() {
            0.0
        } else {
            signed.iter().sum::<f64>() / signed.len() as f64
        }
    };
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| {
        score(&means[a])
            .total_cmp(&score(&means[b]))
            .then(a.cmp(&b))
    });
    let mut new_of = vec![0; k];
    for (new, &old) in order.iter().enumerate() {
        new_of[old] = new;
    }
    let profiles = order
        .iter()
        .enumerate()
        .map(|(new, &old)| {
            let s = score(&means[old]);
            Profile {
                cluster: new + 1,
                size: sizes[old],
                mean_z: means[old].clone(),
                disadvantage: s,
                label: label(s, &means[old], names),
            }
        })
        .collect();
    (labels.iter().map(|l| new_of[*l]).collect(), profiles)
}

fn label(score: f64, mean_z: &[f64], names: &[String]) -> String {
    let level = match score {
        s if s < -0.75 => "deutlich unterdurchschnittlich belastet",
        s if s < -0.25 => "unterdurchschnittlich belastet",
        s if s <= 0.25 => "durchschnittlich",
        s if s <= 0.75 => "überdurchschnittlich belastet",
        _ => "deutlich überdurchschnittlich belastet",
    };
    let mut idx: Vec<usize> = (0..mean_z.len()).collect();
    idx.sort_by(|&a, &b| mean_z[b].abs().total_cmp(&mean_z[a].abs()));
    let marks: Vec<String> = idx
        .iter()
        .take(2)
        .filter(|&&j| mean_z[j].abs() >= 0.5)
        .map(|&j| {
            format!(
                "{} {}",
                names.get(j).map_or("?", |s| s.as_str()),
                if mean_z[j] > 0.0 { "hoch" } else { "niedrig" }
            )
        })
        .collect();
    if marks.is_empty() {
        level.to_string()
    } else {
        format!("{level} ({})", marks.join(", "))
    }
}
