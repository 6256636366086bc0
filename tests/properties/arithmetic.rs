//! 2 conservation: a split bundle adds up to its price (the lines adding up to the
//! total, nothing negative, and caps and thresholds are `redress::fairness`'s).

use proptest::prelude::*;
use rust_decimal::Decimal;

proptest! {
    /// 2. A split bundle adds up to its price.
    #[test]
    fn a_split_bundle_adds_up_to_its_price(cents in 0i64..10_000_000, weights in proptest::collection::vec(1i64..1000, 1..6)) {
        let price = redress::Money::new(Decimal::new(cents, 2), redress::Currency::EUR);
        let kinds: Vec<(redress::ServiceKind, Decimal)> = weights
            .iter()
            .enumerate()
            .map(|(i, w)| (redress::ServiceKind::Other(format!("s{i}")), Decimal::from(*w)))
            .collect();
        let parts = redress::split_bundle(price, &kinds).unwrap();
        let sum: Decimal = parts.iter().map(|s| s.monthly_price).sum();
        prop_assert_eq!(sum, price.amount);
        prop_assert!(parts.iter().all(|s| s.monthly_price >= Decimal::ZERO));
    }
}
