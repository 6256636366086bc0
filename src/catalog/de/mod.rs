//! Germany: the Telecommunications Act (TKG) §58(3) and §58(4) (`de-tkg-58`).

mod tkg_58;

pub use tkg_58::{tkg_58, tkg_58_with, DailyRounding, ReportDay, RestorationDay, TkgOptions};
