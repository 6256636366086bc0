//! United States: New York's outage credit for telephone and cable companies
//! (`us-ny-psc-outage-credit`), New Jersey's cable outage credit (`us-nj-cable`) and New
//! York's Public Service Law §73 credit for widespread utility outages (`us-ny-psl-73`).

mod nj_cable;
mod ny_psc;
mod ny_psl_73;

pub use nj_cable::{nj_cable, nj_cable_with, DailyUnit, NjOptions, NjScope};
pub use ny_psc::{ny_psc_outage_credit, ny_psc_outage_credit_with, AutomaticTest, NyPscOptions};
pub use ny_psl_73::{ny_psl_73, ny_psl_73_with, Psl73Options};
