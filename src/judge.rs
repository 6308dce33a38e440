//! The judge stage: what a stated number means as an interval, and whether a figure agrees
//! (semantics.md §2). Pure functions of a claim and a figure: nothing here knows where text came
//! from.

use crate::dataset::{Direction, Figure};
use crate::reader::{Amount, Claim, Hedge, Number};
use serde::Serialize;
use std::borrow::Cow;

/// An interval with open or closed ends; `None` is unbounded (and always open).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub low: Option<f64>,
    pub low_open: bool,
    pub high: Option<f64>,
    pub high_open: bool,
}

impl Interval {
    pub fn closed(low: f64, high: f64) -> Self {
        Interval {
            low: Some(low),
            low_open: false,
            high: Some(high),
            high_open: false,
        }
    }

    /// Whether two intervals share at least one point.
    pub fn meets(&self, other: &Interval) -> bool {
        below(self.low, self.low_open, other.high, other.high_open)
            && below(other.low, other.low_open, self.high, self.high_open)
    }

    pub fn contains(&self, x: f64) -> bool {
        let lo = match self.low {
            Some(l) if self.low_open => x > l,
            Some(l) => x >= l,
            None => true,
        };
        let hi = match self.high {
            Some(h) if self.high_open => x < h,
            Some(h) => x <= h,
            None => true,
        };
        lo && hi
    }
}

/// Whether a lower end lies at or below an upper end (so the two intervals can meet there).
fn below(low: Option<f64>, low_open: bool, high: Option<f64>, high_open: bool) -> bool {
    match (low, high) {
        (Some(l), Some(h)) if low_open || high_open => l < h,
        (Some(l), Some(h)) => l <= h + h.abs() * 1e-12,
        _ => true,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Supported,
    Unverified,
    Ambiguous,
    Contradicted,
}

impl Verdict {
    pub fn as_str(&self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::Ambiguous => "ambiguous",
            Verdict::Unverified => "unverified",
        }
    }
}

/// Half-width `h` and hedge margin `m` of a stated number.
fn widths(n: &Number) -> (f64, f64) {
    let v = n.value.abs();
    let p = n.precision;
    if n.one_digit_scaled {
        ((p / 2.0).min(0.1 * v), p.min(0.1 * v))
    } else {
        (p / 2.0, p)
    }
}

/// The interval a claim states for the figure's value (the hedge table of semantics.md §2).
pub fn claim_interval(claim: &Claim) -> Interval {
    match claim.amount {
        Amount::Exact(n) => hedged(&n, claim.hedge),
        Amount::Range(a, b) => {
            let h = a.precision.min(b.precision) / 2.0;
            match claim.hedge {
                Some(Hedge::About) => {
                    let m = a.precision.min(b.precision);
                    Interval::closed(a.value - m, b.value + m)
                }
                _ => Interval::closed(a.value - h, b.value + h),
            }
        }
        Amount::Vague { low, high } => Interval {
            low: Some(low),
            low_open: false,
            high: Some(high),
            high_open: true,
        },
    }
}

fn hedged(n: &Number, hedge: Option<Hedge>) -> Interval {
    let v = n.value;
    let (h, m) = widths(n);
    let a = v.abs();
    let open_low = |l: f64| Interval {
        low: Some(l),
        low_open: true,
        high: None,
        high_open: true,
    };
    let open_high = |u: f64| Interval {
        low: None,
        low_open: true,
        high: Some(u),
        high_open: true,
    };
    match hedge {
        None => Interval::closed(v - h, v + h),
        Some(Hedge::About) => Interval::closed(v - m, v + m),
        Some(Hedge::Nearly) => Interval::closed(v - 0.1 * a, v),
        Some(Hedge::JustUnder) => Interval::closed(v - 0.05 * a, v),
        Some(Hedge::JustOver) => Interval::closed(v, v + 0.05 * a),
        Some(Hedge::MoreThan) => open_low(v),
        Some(Hedge::AtLeast) => Interval {
            low: Some(v),
            low_open: false,
            high: None,
            high_open: true,
        },
        Some(Hedge::LessThan) => open_high(v),
        // "Up to X" states the maximum: the figure's upper end must lie here.
        Some(Hedge::UpTo) => Interval::closed(v - m, v + h),
    }
}

/// The figure's own interval: its value widened by its tolerance, or its range.
pub fn figure_interval(figure: &Figure) -> Interval {
    let tol = figure.tolerance.unwrap_or(0.0);
    match (figure.value, figure.low, figure.high) {
        (Some(v), _, _) => Interval::closed(v - tol * v.abs(), v + tol * v.abs()),
        (None, low, high) => Interval {
            low: low.map(|l| l - tol * l.abs()),
            low_open: low.is_none(),
            high: high.map(|h| h + tol * h.abs()),
            high_open: high.is_none(),
        },
    }
}

/// A figure's value in the claim's unit, for durations and measures stated in another unit
/// ("four years" against a figure in months).
pub fn scale_figure(figure: &Figure, factor: f64) -> Cow<'_, Figure> {
    if factor == 1.0 {
        return Cow::Borrowed(figure);
    }
    Cow::Owned(Figure {
        value: figure.value.map(|v| v * factor),
        low: figure.low.map(|v| v * factor),
        high: figure.high.map(|v| v * factor),
        ..figure.clone()
    })
}

/// The verdict on a claim against the figure it is linked to, and how far the stated value is
/// from the figure (percent; `None` when the figure's reference value is zero or the claim is
/// vague).
pub fn judge(claim: &Claim, figure: &Figure) -> (Verdict, Option<f64>) {
    let deviation = deviation_pct(claim, figure);
    if let (Some(c), Some(f)) = (claim.direction, figure.direction)
        && c != f
    {
        return (Verdict::Contradicted, deviation);
    }
    let fig = figure_interval(figure);
    let supported = match claim.amount {
        Amount::Vague { .. } => {
            // A vague magnitude supports a figure inside it; outside, it is too loose to
            // contradict anything an editor would act on.
            return if claim_interval(claim).meets(&fig) {
                (Verdict::Supported, None)
            } else {
                (Verdict::Unverified, None)
            };
        }
        Amount::Range(a, b) => match (fig.low, fig.high) {
            (Some(l), Some(h)) if figure.value.is_none() => {
                let half = a.precision.min(b.precision) / 2.0;
                let (half_a, half_b) = if claim.hedge == Some(Hedge::About) {
                    (half * 2.0, half * 2.0)
                } else {
                    (half, half)
                };
                (l - a.value).abs() <= half_a + 1e-9 * l.abs()
                    && (h - b.value).abs() <= half_b + 1e-9 * h.abs()
            }
            _ => claim_interval(claim).meets(&fig),
        },
        Amount::Exact(_) if claim.hedge == Some(Hedge::UpTo) => {
            let upper = fig.high.or(fig.low);
            let window = claim_interval(claim);
            upper.is_some_and(|u| window.contains(u) || (fig.high.is_none() && window.meets(&fig)))
        }
        Amount::Exact(_) => claim_interval(claim).meets(&fig),
    };
    (
        if supported {
            Verdict::Supported
        } else {
            Verdict::Contradicted
        },
        deviation,
    )
}

/// Percent by which the stated value differs from the figure's value (or the nearer end of its
/// range), rounded to one decimal.
pub fn deviation_pct(claim: &Claim, figure: &Figure) -> Option<f64> {
    let stated = match claim.amount {
        Amount::Exact(n) => n.value,
        Amount::Range(a, b) => {
            // The end farther from the figure decides.
            let da = deviation_of(a.value, figure)?;
            let db = deviation_of(b.value, figure)?;
            return Some(round1(if da.abs() >= db.abs() { da } else { db }));
        }
        Amount::Vague { .. } => return None,
    };
    deviation_of(stated, figure).map(round1)
}

fn deviation_of(stated: f64, figure: &Figure) -> Option<f64> {
    let reference = match (figure.value, figure.low, figure.high) {
        (Some(v), _, _) => v,
        (None, Some(l), Some(h)) => {
            if stated < l {
                l
            } else if stated > h {
                h
            } else {
                return Some(0.0);
            }
        }
        (None, Some(l), None) => l,
        (None, None, Some(h)) => h,
        (None, None, None) => return None,
    };
    if reference == 0.0 || !reference.is_finite() {
        return None;
    }
    Some((stated - reference) / reference.abs() * 100.0)
}

fn round1(x: f64) -> f64 {
    let r = (x * 10.0).round() / 10.0;
    if r == 0.0 { 0.0 } else { r }
}

/// Whether the claim's direction contradicts the figure's, for messages.
pub fn direction_conflict(claim: &Claim, figure: &Figure) -> Option<(Direction, Direction)> {
    match (claim.direction, figure.direction) {
        (Some(c), Some(f)) if c != f => Some((c, f)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    //! The semantics table, row by row, and the worked examples of semantics.md §2.
    use super::*;
    use crate::dataset::Source;
    use crate::document::Span;
    use crate::reader::{Kind, Unit};

    fn num(text: &str, scale: f64) -> Number {
        let (p, sig) = crate::reader::parse_precision(text);
        let v: f64 = text.replace(',', "").parse().unwrap();
        Number {
            value: v * scale,
            precision: p * scale,
            one_digit_scaled: sig == 1 && scale > 1.0,
        }
    }

    fn claim(amount: Amount, hedge: Option<Hedge>, direction: Option<Direction>) -> Claim {
        Claim {
            span: Span::default(),
            number_span: Span::default(),
            amount,
            unit: Unit {
                kind: Kind::Count,
                code: String::new(),
                noun: None,
            },
            hedge,
            hedge_text: None,
            direction,
            sentence: Span::default(),
            attribution: None,
        }
    }

    fn exact(text: &str, scale: f64, hedge: Option<Hedge>) -> Claim {
        claim(Amount::Exact(num(text, scale)), hedge, None)
    }

    fn figure(value: Option<f64>, low: Option<f64>, high: Option<f64>) -> Figure {
        Figure {
            id: "f".into(),
            entity: "E".into(),
            aliases: vec![],
            parent: None,
            metric: "m".into(),
            keywords: vec![],
            value,
            low,
            high,
            unit: "USD".into(),
            as_of: None,
            confidence: None,
            source: Source {
                title: "t".into(),
                url: "https://x".into(),
                publisher: None,
                date: None,
                quote: None,
            },
            direction: None,
            tolerance: None,
            note: None,
        }
    }

    fn val(v: f64) -> Figure {
        figure(Some(v), None, None)
    }

    fn verdict(c: &Claim, f: &Figure) -> Verdict {
        judge(c, f).0
    }

    fn approx(i: Interval, low: Option<f64>, high: Option<f64>) {
        let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => (a - b).abs() <= 1e-6 * b.abs().max(1.0),
            (None, None) => true,
            _ => false,
        };
        assert!(
            close(i.low, low) && close(i.high, high),
            "{i:?} vs {low:?}..{high:?}"
        );
    }

    const B: f64 = 1e9;
    const M: f64 = 1e6;

    #[test]
    fn implied_precision() {
        approx(
            claim_interval(&exact("5.6", M, None)),
            Some(5.55 * M),
            Some(5.65 * M),
        );
        approx(
            claim_interval(&exact("600", B, None)),
            Some(550.0 * B),
            Some(650.0 * B),
        );
        approx(
            claim_interval(&exact("2,050", 1.0, None)),
            Some(2045.0),
            Some(2055.0),
        );
        approx(
            claim_interval(&exact("16,000", 1.0, None)),
            Some(15500.0),
            Some(16500.0),
        );
        approx(
            claim_interval(&exact("17", 1.0, None)),
            Some(16.5),
            Some(17.5),
        );
        approx(
            claim_interval(&exact("5.60", M, None)),
            Some(5.595 * M),
            Some(5.605 * M),
        );
        // One significant digit with a scale word: capped at 10 %.
        approx(
            claim_interval(&exact("1", 1e12, None)),
            Some(0.9e12),
            Some(1.1e12),
        );
        approx(
            claim_interval(&exact("2", B, None)),
            Some(1.8 * B),
            Some(2.2 * B),
        );
    }

    #[test]
    fn hedge_table_rows() {
        let v = |h| claim_interval(&exact("100", 1.0, Some(h)));
        // about: one unit of the last place shown ("100": p = 100, no scale word).
        approx(
            claim_interval(&exact("3.3", 1.0, Some(Hedge::About))),
            Some(3.2),
            Some(3.4),
        );
        approx(
            claim_interval(&exact("6", M, Some(Hedge::About))),
            Some(5.4 * M),
            Some(6.6 * M),
        );
        approx(v(Hedge::Nearly), Some(90.0), Some(100.0));
        approx(v(Hedge::JustUnder), Some(95.0), Some(100.0));
        approx(v(Hedge::JustOver), Some(100.0), Some(105.0));
        let more = v(Hedge::MoreThan);
        assert_eq!(
            (more.low, more.low_open, more.high),
            (Some(100.0), true, None)
        );
        let least = v(Hedge::AtLeast);
        assert_eq!(
            (least.low, least.low_open, least.high),
            (Some(100.0), false, None)
        );
        let less = v(Hedge::LessThan);
        assert_eq!(
            (less.low, less.high, less.high_open),
            (None, Some(100.0), true)
        );
        approx(
            claim_interval(&exact("65", B, Some(Hedge::UpTo))),
            Some(64.0 * B),
            Some(65.5 * B),
        );
    }

    #[test]
    fn worked_examples_supported() {
        assert_eq!(
            verdict(&exact("5.6", M, None), &val(5_576_000.0)),
            Verdict::Supported
        );
        assert_eq!(
            verdict(&exact("2,050", 1.0, Some(Hedge::JustUnder)), &val(2048.0)),
            Verdict::Supported
        );
        assert_eq!(
            verdict(
                &exact("600", B, Some(Hedge::Nearly)),
                &figure(None, Some(589.0 * B), Some(593.0 * B))
            ),
            Verdict::Supported
        );
        let mut fell17 = exact("17", 1.0, None);
        fell17.direction = Some(Direction::Down);
        let mut nvda = val(16.97);
        nvda.direction = Some(Direction::Down);
        assert_eq!(verdict(&fell17, &nvda), Verdict::Supported);
        assert_eq!(
            verdict(&exact("16,000", 1.0, None), &val(16384.0)),
            Verdict::Supported
        );
        let guidance = figure(None, Some(60.0 * B), Some(65.0 * B));
        assert_eq!(
            verdict(&exact("65", B, Some(Hedge::UpTo)), &guidance),
            Verdict::Supported
        );
        assert_eq!(
            verdict(
                &exact("1.3", M, Some(Hedge::MoreThan)),
                &figure(None, Some(1.3 * M), None)
            ),
            Verdict::Supported
        );
        assert_eq!(
            verdict(&exact("1", 1e12, None), &val(1e12)),
            Verdict::Supported
        );
        assert_eq!(
            verdict(&exact("4", 1.0, None), &val(4.0)),
            Verdict::Supported
        );
        let range = claim(Amount::Range(num("60", B), num("65", B)), None, None);
        assert_eq!(verdict(&range, &guidance), Verdict::Supported);
    }

    #[test]
    fn worked_examples_contradicted() {
        assert_eq!(
            verdict(&exact("6.5", M, None), &val(5_576_000.0)),
            Verdict::Contradicted
        );
        assert_eq!(
            verdict(&exact("2,500", 1.0, None), &val(2048.0)),
            Verdict::Contradicted
        );
        assert_eq!(
            verdict(&exact("600", B, Some(Hedge::Nearly)), &val(650.0 * B)),
            Verdict::Contradicted
        );
        let mut fell18 = exact("18", 1.0, None);
        fell18.direction = Some(Direction::Down);
        let mut nvda = val(16.97);
        nvda.direction = Some(Direction::Down);
        assert_eq!(verdict(&fell18, &nvda), Verdict::Contradicted);
        let guidance = figure(None, Some(60.0 * B), Some(65.0 * B));
        assert_eq!(
            verdict(&exact("65", B, Some(Hedge::MoreThan)), &guidance),
            Verdict::Contradicted
        );
        assert_eq!(
            verdict(&exact("100", B, Some(Hedge::UpTo)), &guidance),
            Verdict::Contradicted
        );
        assert_eq!(
            verdict(&exact("3.3", 1.0, Some(Hedge::About)), &val(3.07)),
            Verdict::Contradicted
        );
        for (lo, hi) in [("60", "80"), ("70", "75")] {
            let range = claim(Amount::Range(num(lo, B), num(hi, B)), None, None);
            assert_eq!(
                verdict(&range, &guidance),
                Verdict::Contradicted,
                "{lo}-{hi}"
            );
        }
    }

    #[test]
    fn direction_beats_numbers() {
        let mut dipped = exact("0.1", 1.0, None);
        dipped.direction = Some(Direction::Down);
        let mut rise = val(0.65);
        rise.direction = Some(Direction::Up);
        assert_eq!(verdict(&dipped, &rise), Verdict::Contradicted);
        rise.value = Some(0.1);
        assert_eq!(verdict(&dipped, &rise), Verdict::Contradicted);
    }

    #[test]
    fn vague_magnitudes() {
        let tens = claim(
            Amount::Vague {
                low: 1e4,
                high: 1e5,
            },
            None,
            None,
        );
        assert_eq!(verdict(&tens, &val(16384.0)), Verdict::Supported);
        assert_eq!(verdict(&tens, &val(2048.0)), Verdict::Unverified);
    }

    #[test]
    fn tolerance_and_deviation() {
        let mut f = val(100.0);
        assert_eq!(verdict(&exact("103", 1.0, None), &f), Verdict::Contradicted);
        f.tolerance = Some(0.03);
        assert_eq!(verdict(&exact("103", 1.0, None), &f), Verdict::Supported);
        assert_eq!(
            deviation_pct(&exact("6.5", M, None), &val(5_576_000.0)),
            Some(16.6)
        );
        assert_eq!(
            deviation_pct(&exact("2,050", 1.0, None), &val(2048.0)),
            Some(0.1)
        );
        assert_eq!(deviation_pct(&exact("5", 1.0, None), &val(0.0)), None);
        let range = figure(None, Some(589.0 * B), Some(593.0 * B));
        assert_eq!(deviation_pct(&exact("600", B, None), &range), Some(1.2));
        assert_eq!(deviation_pct(&exact("590", B, None), &range), Some(0.0));
    }
}
