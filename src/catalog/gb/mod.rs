//! Great Britain: Ofcom's automatic compensation for landline and broadband
//! (`uk-ofcom-auto-comp`) and Ofgem's guaranteed standards for electricity distribution
//! (`uk-ofgem-gsop`).

mod ofcom;
mod ofgem;

pub use ofcom::{ofcom_auto_comp, ofcom_auto_comp_with, OfcomOptions, RateDate};
pub use ofgem::{
    gsop, gsop_with, GsopOptions, LargeIncidentStandard, MultipleInterruptions, NormalWeatherCap,
    SevereWeatherCategory,
};
