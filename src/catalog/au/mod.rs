//! Australia: the Customer Service Guarantee for fixed telephone services (`au-csg`) and
//! Victoria's guaranteed service level payments for electricity (`au-vic-gsl`).

mod csg;
mod vic_gsl;

pub use csg::{csg, csg_with, CsgLocation, CsgOptions, PHONE_FEATURE};
pub use vic_gsl::{vic_gsl, vic_gsl_with, VicFeeder, VicGslOptions};
