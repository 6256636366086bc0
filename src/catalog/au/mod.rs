//! Australia: the Customer Service Guarantee for fixed telephone services (`au-csg`) and
//! Victoria's guaranteed service level payments for electricity (`au-vic-gsl`).

mod csg;

pub use csg::{
    csg, csg_with, vic_gsl, vic_gsl_with, CsgLocation, CsgOptions, VicFeeder, VicGslOptions,
    PHONE_FEATURE,
};
