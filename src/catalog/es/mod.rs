//! Spain: Real Decreto 899/2009, arts. 15 and 16 (`es-rd-899-2009`).

mod rd_899_2009;

pub use rd_899_2009::{
    rd_899_2009, rd_899_2009_with, InternetTrigger, ProrationBase, Rd899Options, TimedFrom,
};
