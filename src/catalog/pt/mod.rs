//! Portugal: Lei 16/2022 (Lei das Comunicações Eletrónicas), art. 129 (`pt-lei-16-2022`).

mod lei_16_2022;

pub use lei_16_2022::{
    lei_16_2022, lei_16_2022_with, Consecutive, CreditedFrom, ProrationBase, PtOptions,
};
