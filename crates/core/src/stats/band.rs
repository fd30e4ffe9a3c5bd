//! Per-indicator classification against the city average with a tolerance band:
//! "deutlich unter / unter / durchschnittlich / über / deutlich über dem Durchschnitt".
//!
//! The deviation is measured either relative to the average (percent of the average, the usual
//! choice in municipal reports) or in standard deviations (z-units). A value within ±`inner` is
//! average, beyond ±`outer` clearly below/above. Areas without a value or excluded get `None`
//! ("ohne Zuordnung").

use super::zscore::Moments;
use serde::{Deserialize, Serialize};

/// How the deviation from the average is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BandMeasure {
    /// (value - average) / average.
    Relative,
    /// (value - average) / standard deviation of the areas.
    StandardDeviations,
}

/// Tolerance band parameters with documented defaults.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BandParams {
    /// The measure. Default: relative.
    pub measure: BandMeasure,
    /// Half-width of "durchschnittlich". Default 0.10 (±10 %).
    pub inner: f64,
    /// Beyond this the deviation is "deutlich". Default 0.25 (±25 %).
    pub outer: f64,
}

impl Default for BandParams {
    fn default() -> BandParams {
        BandParams {
            measure: BandMeasure::Relative,
            inner: 0.10,
            outer: 0.25,
        }
    }
}

/// The five bands, from clearly below to clearly above.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Band {
    /// deutlich unter dem Durchschnitt.
    ClearlyBelow,
    /// unter dem Durchschnitt.
    Below,
    /// durchschnittlich.
    Average,
    /// über dem Durchschnitt.
    Above,
    /// deutlich über dem Durchschnitt.
    ClearlyAbove,
}

impl Band {
    /// German label.
    pub fn label_de(self) -> &'static str {
        match self {
            Band::ClearlyBelow => "deutlich unter dem Durchschnitt",
            Band::Below => "unter dem Durchschnitt",
            Band::Average => "durchschnittlich",
            Band::Above => "über dem Durchschnitt",
            Band::ClearlyAbove => "deutlich über dem Durchschnitt",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Band::ClearlyBelow => "clearly below average",
            Band::Below => "below average",
            Band::Average => "average",
            Band::Above => "above average",
            Band::ClearlyAbove => "clearly above average",
        }
    }
}

/// The band of one deviation (already in the measure's units).
pub fn band_of(deviation: f64, p: &BandParams) -> Band {
    match deviation {
        d if d < -p.outer => Band::ClearlyBelow,
        d if d < -p.inner => Band::Below,
        d if d <= p.inner => Band::Average,
        d if d <= p.outer => Band::Above,
        _ => Band::ClearlyAbove,
    }
}

/// Classifies every area against `average`. `moments` (SD of the areas) is needed for
/// [`BandMeasure::StandardDeviations`]; without it, or with a zero average for the relative
/// measure, every area gets `None`.
pub fn classify(
    values: &[Option<f64>],
    average: f64,
    moments: Option<Moments>,
    p: &BandParams,
) -> Vec<Option<Band>> {
    values
        .iter()
        .map(|v| {
            let v = (*v)?;
            let dev = match p.measure {
                BandMeasure::Relative if average != 0.0 => (v - average) / average.abs(),
                BandMeasure::StandardDeviations => (v - average) / moments?.sd,
                _ => return None,
            };
            Some(band_of(dev, p))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_bands_around_the_average() {
        let v = vec![
            Some(7.0),
            Some(8.5),
            Some(10.0),
            Some(10.9),
            Some(11.5),
            Some(13.0),
            None,
        ];
        let b = classify(&v, 10.0, None, &BandParams::default());
        assert_eq!(
            b,
            vec![
                Some(Band::ClearlyBelow),
                Some(Band::Below),
                Some(Band::Average),
                Some(Band::Average),
                Some(Band::Above),
                Some(Band::ClearlyAbove),
                None
            ]
        );
        let sd = BandParams {
            measure: BandMeasure::StandardDeviations,
            inner: 0.5,
            outer: 1.0,
        };
        let m = Moments {
            mean: 10.0,
            sd: 2.0,
            n: 6,
        };
        assert_eq!(
            classify(&[Some(7.0), Some(11.0)], 10.0, Some(m), &sd),
            vec![Some(Band::ClearlyBelow), Some(Band::Average)]
        );
        assert!(classify(&[Some(7.0)], 10.0, None, &sd)[0].is_none());
    }
}
