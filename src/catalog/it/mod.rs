//! Italy: AGCOM's indemnity regulation as amended by delibera 347/18/CONS
//! (`it-agcom-347-18`).

mod agcom_347_18;

pub use agcom_347_18::{
    agcom_347_18, agcom_347_18_with, AgcomOptions, BusinessAmounts, DayCounting,
};
