//! Percentiles of latency samples.

use std::time::Duration;

/// Latency samples, sorted once for any number of percentiles.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Samples {
    sorted: Vec<Duration>,
}

impl Samples {
    /// Takes the samples, in any order.
    pub fn new(mut samples: Vec<Duration>) -> Self {
        samples.sort_unstable();
        Samples { sorted: samples }
    }

    /// The number of samples.
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// Whether there are no samples.
    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// The `p`-th percentile (`0 < p <= 100`) by the nearest-rank method: the smallest sample
    /// such that at least `p` percent of the samples are less than or equal to it. `None`
    /// without samples or for `p` out of range.
    pub fn percentile(&self, p: f64) -> Option<Duration> {
        if !(p > 0.0 && p <= 100.0) {
            return None;
        }
        let n = self.sorted.len();
        // The rank is at least 1 (p > 0) and at most n (p <= 100); float error is clamped.
        let rank = ((p / 100.0) * n as f64).ceil() as usize;
        self.sorted.get(rank.clamp(1, n.max(1)) - 1).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn micros(list: &[u64]) -> Samples {
        Samples::new(list.iter().map(|&us| Duration::from_micros(us)).collect())
    }

    fn at(samples: &Samples, p: f64) -> Option<u64> {
        samples.percentile(p).map(|d| d.as_micros() as u64)
    }

    #[test]
    fn nearest_rank_on_a_hundred_samples() {
        // 1..=100, shuffled: the p-th percentile is p itself.
        let values: Vec<u64> = (0..100).map(|i| (i * 37) % 100 + 1).collect();
        let samples = micros(&values);
        assert_eq!(samples.len(), 100);
        assert_eq!(at(&samples, 50.0), Some(50));
        assert_eq!(at(&samples, 99.0), Some(99));
        assert_eq!(at(&samples, 99.5), Some(100));
        assert_eq!(at(&samples, 100.0), Some(100));
        assert_eq!(at(&samples, 0.1), Some(1));
    }

    #[test]
    fn small_and_odd_sets() {
        assert_eq!(at(&micros(&[7]), 50.0), Some(7));
        assert_eq!(at(&micros(&[7]), 99.0), Some(7));
        // Ranks ceil(0.5 * 3) = 2 and ceil(0.99 * 3) = 3.
        let three = micros(&[30, 10, 20]);
        assert_eq!(at(&three, 50.0), Some(20));
        assert_eq!(at(&three, 99.0), Some(30));
        // Ranks ceil(0.5 * 4) = 2 and ceil(0.99 * 4) = 4.
        let four = micros(&[40, 10, 30, 20]);
        assert_eq!(at(&four, 50.0), Some(20));
        assert_eq!(at(&four, 99.0), Some(40));
    }

    #[test]
    fn p99_of_twenty_thousand_sees_the_slowest_percent() {
        // 19,780 fast samples and 220 slow ones: more than 1% are slow, so p99 is slow.
        let mut values = vec![40; 19_780];
        values.extend([900; 220]);
        let samples = micros(&values);
        assert_eq!(at(&samples, 50.0), Some(40));
        assert_eq!(at(&samples, 99.0), Some(900));
        // 180 slow ones are under 1%: p99 stays fast.
        let mut values = vec![40; 19_820];
        values.extend([900; 180]);
        assert_eq!(at(&micros(&values), 99.0), Some(40));
    }

    #[test]
    fn nothing_to_report() {
        assert!(Samples::default().is_empty());
        assert_eq!(Samples::default().percentile(50.0), None);
        let one = micros(&[1]);
        assert_eq!(one.percentile(0.0), None);
        assert_eq!(one.percentile(100.5), None);
        assert_eq!(one.percentile(f64::NAN), None);
    }
}
