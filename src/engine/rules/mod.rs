//! Each rule family compiled for one item: its units, tiers and clocks worked out from
//! the outages, its amounts left as formulas of the prices.

pub(crate) mod amount;
pub(crate) mod condition;
pub(crate) mod escalating;
pub(crate) mod per_unit;
pub(crate) mod pro_rata;
pub(crate) mod tiers;
pub(crate) mod uptime;
