//! Cluster order and profiles: clusters numbered from least to most disadvantaged, so that
//! labels are stable and "Cluster k" is the most disadvantaged (as in Dortmund's typology), with
//! the mean z-value of each indicator and a plain-language label.

use serde::{Deserialize, Serialize};

/// The profile of one cluster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Cluster number, 1 = least disadvantaged.
    pub cluster: usize,
    /// Number of areas.
    pub size: usize,
    /// Inhabitants in the cluster, when a population is known.
    pub population: Option<f64>,
    /// Mean raw value per indicator (unweighted mean of the areas).
    pub mean_raw: Vec<f64>,
    /// Mean z-value per indicator (sign as in the data): 0 is the mean of all areas.
    pub mean_z: Vec<f64>,
    /// Mean of the direction-adjusted z-values: positive = disadvantage.
    pub disadvantage: f64,
    /// Plain-language label in German.
    pub label: String,
    /// The same label in English.
    pub label_en: String,
}

impl Profile {
    /// The plain-language label in `lang`.
    pub fn label_in(&self, lang: crate::locale::Lang) -> &str {
        match lang {
            crate::locale::Lang::De => &self.label,
            crate::locale::Lang::En => &self.label_en,
        }
    }
}

/// The areas of a typology: z-values and raw values per area (rows), optional population.
pub struct Areas<'a> {
    /// z-values, one row per area.
    pub z: &'a [Vec<f64>],
    /// Raw values, one row per area.
    pub raw: &'a [Vec<f64>],
    /// Inhabitants per area.
    pub population: Option<&'a [f64]>,
    /// Indicator names (for the labels).
    pub names: &'a [String],
}

/// Renumbers clusters 0..k so that 0 is the least and k - 1 the most disadvantaged, by the mean
/// of the direction-adjusted z-values (`high_is_disadvantage` per indicator; neutral indicators
/// should be passed as `None` and are ignored for the order). Returns new labels and profiles.
pub fn order_and_profile(
    areas: &Areas,
    labels: &[usize],
    high_is_disadvantage: &[Option<bool>],
) -> (Vec<usize>, Vec<Profile>) {
    let (z, names) = (areas.z, areas.names);
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
    let mut raw_sums = vec![vec![0.0; d]; k];
    let mut pops = vec![0.0; k];
    for (i, &l) in labels.iter().enumerate() {
        for (sum, v) in raw_sums[l].iter_mut().zip(&areas.raw[i]) {
            *sum += v;
        }
        if let Some(p) = areas.population {
            pops[l] += p[i];
        }
    }
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
                population: areas.population.map(|_| pops[old]),
                mean_raw: raw_sums[old]
                    .iter()
                    .map(|s| s / sizes[old].max(1) as f64)
                    .collect(),
                mean_z: means[old].clone(),
                disadvantage: s,
                label: label(s, &means[old], names, crate::locale::Lang::De),
                label_en: label(s, &means[old], names, crate::locale::Lang::En),
            }
        })
        .collect();
    (labels.iter().map(|l| new_of[*l]).collect(), profiles)
}

fn label(score: f64, mean_z: &[f64], names: &[String], lang: crate::locale::Lang) -> String {
    let de = lang == crate::locale::Lang::De;
    let level = match (score, de) {
        (s, true) if s < -0.75 => "deutlich unterdurchschnittlich belastet",
        (s, true) if s < -0.25 => "unterdurchschnittlich belastet",
        (s, true) if s <= 0.25 => "durchschnittlich",
        (s, true) if s <= 0.75 => "überdurchschnittlich belastet",
        (_, true) => "deutlich überdurchschnittlich belastet",
        (s, false) if s < -0.75 => "well below average disadvantage",
        (s, false) if s < -0.25 => "below average disadvantage",
        (s, false) if s <= 0.25 => "average",
        (s, false) if s <= 0.75 => "above average disadvantage",
        (_, false) => "well above average disadvantage",
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
                match (mean_z[j] > 0.0, de) {
                    (true, true) => "hoch",
                    (false, true) => "niedrig",
                    (true, false) => "high",
                    (false, false) => "low",
                }
            )
        })
        .collect();
    if marks.is_empty() {
        level.to_string()
    } else {
        format!("{level} ({})", marks.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_disadvantaged_cluster_gets_the_highest_number() {
        let z = vec![
            vec![2.0, 1.5],
            vec![1.8, 2.0],
            vec![-1.0, -0.8],
            vec![0.1, 0.0],
        ];
        let raw = vec![
            vec![30.0, 40.0],
            vec![28.0, 45.0],
            vec![5.0, 8.0],
            vec![12.0, 15.0],
        ];
        let names = vec!["SGB II".to_string(), "Kinderarmut".to_string()];
        let areas = Areas {
            z: &z,
            raw: &raw,
            population: Some(&[1000.0, 2000.0, 500.0, 800.0]),
            names: &names,
        };
        let (labels, p) = order_and_profile(&areas, &[0, 0, 1, 2], &[Some(true), Some(true)]);
        assert_eq!(labels, vec![2, 2, 0, 1]);
        assert_eq!(p[2].population, Some(3000.0));
        assert_eq!(p[2].mean_raw, vec![29.0, 42.5]);
        assert_eq!(
            p[2].label,
            "deutlich überdurchschnittlich belastet (SGB II hoch, Kinderarmut hoch)"
        );
        assert_eq!(
            p[2].label_in(crate::locale::Lang::En),
            "well above average disadvantage (SGB II high, Kinderarmut high)"
        );
        assert!(
            p[0].label.starts_with("deutlich unterdurchschnittlich"),
            "{}",
            p[0].label
        );
        // Flipping the direction flips the order.
        let (labels, _) = order_and_profile(&areas, &[0, 0, 1, 2], &[Some(false), Some(false)]);
        assert_eq!(labels, vec![0, 0, 2, 1]);
    }
}
