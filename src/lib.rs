//! redress

pub mod calendar;
