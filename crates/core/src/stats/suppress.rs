//! Small-number suppression (statistical confidentiality): a value resting on fewer than `min`
//! cases is withheld in display and export. For a share both the numerator and the denominator
//! must reach `min` (a share of 1 of 2 says too much about persons); for a count the count
//! itself. Zero cases are not suppressed: "none" reveals nothing about a person.

/// The default minimum number of cases.
pub const DEFAULT_MIN_CASES: f64 = 3.0;

/// Whether a value based on these counts must be withheld.
pub fn withheld(numerator: Option<f64>, denominator: Option<f64>, min: f64) -> bool {
    let small = |c: Option<f64>| c.is_some_and(|c| c > 0.0 && c < min);
    small(numerator) || small(denominator)
}

/// `values` with the withheld ones removed (set to `None`), and their count.
pub fn apply(
    values: &[Option<f64>],
    numerators: &[Option<f64>],
    denominators: Option<&[Option<f64>]>,
    min: f64,
) -> (Vec<Option<f64>>, usize) {
    let mut n = 0;
    let out = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let den = denominators.and_then(|d| d[i]);
            if withheld(numerators[i], den, min) {
                n += usize::from(v.is_some());
                None
            } else {
                *v
            }
        })
        .collect();
    (out, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_on_fewer_than_three_cases_are_withheld() {
        assert!(withheld(Some(2.0), Some(100.0), 3.0));
        assert!(!withheld(Some(3.0), Some(100.0), 3.0));
        assert!(
            !withheld(Some(0.0), Some(100.0), 3.0),
            "zero is not disclosive"
        );
        assert!(withheld(Some(1.0), Some(2.0), 3.0));
        let (v, n) = apply(
            &[Some(50.0), Some(2.0), None],
            &[Some(1.0), Some(10.0), None],
            Some(&[Some(2.0), Some(500.0), None]),
            3.0,
        );
        assert_eq!(v, vec![None, Some(2.0), None]);
        assert_eq!(n, 1);
    }
}
