//! Change between two years: in percentage points for shares and rates, in percent for counts
//! and means. Missing in either year gives no change.

use serde::Serialize;

/// A change from an earlier to a later value.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Change {
    /// Later minus earlier (percentage points when the values are percentages).
    pub absolute: f64,
    /// Relative change in percent of the earlier value; `None` when the earlier value is 0.
    pub percent: Option<f64>,
}

/// The change from `before` to `after`.
pub fn change(before: Option<f64>, after: Option<f64>) -> Option<Change> {
    let (b, a) = (before?, after?);
    Some(Change {
        absolute: a - b,
        percent: (b != 0.0).then(|| (a - b) / b.abs() * 100.0),
    })
}

/// Changes for every area.
pub fn changes(before: &[Option<f64>], after: &[Option<f64>]) -> Vec<Option<Change>> {
    before
        .iter()
        .zip(after)
        .map(|(b, a)| change(*b, *a))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_and_percent() {
        let c = change(Some(12.0), Some(15.0)).unwrap();
        assert_eq!(c.absolute, 3.0, "percentage points");
        assert_eq!(c.percent, Some(25.0));
        assert_eq!(change(Some(0.0), Some(2.0)).unwrap().percent, None);
        assert_eq!(change(None, Some(2.0)), None);
    }
}
