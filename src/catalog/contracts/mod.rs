//! Providers' own terms: cloud service level agreements (Amazon EC2, Google Compute
//! Engine, Azure Virtual Machines) and carriers' outage credits (the AT&T Guarantee,
//! Rogers' credit for its outage of 8 July 2022). Each applies only when the plan's
//! `provider` names the provider.

mod att_guarantee;
mod aws_ec2;
mod azure_vm;
mod cloud_sla;
mod gcp_compute;
mod rogers_2022;

pub use att_guarantee::{
    att_guarantee_2025, att_guarantee_2025_with, AttDays, AttGuaranteeOptions, AttTowers,
};
pub use aws_ec2::{aws_ec2_instance, aws_ec2_region};
pub use azure_vm::{azure_vm, azure_vm_with, AzureVmOptions, AzureVmSlo};
pub use gcp_compute::{
    gcp_compute_multizone, gcp_compute_multizone_with, gcp_compute_single_instance,
    GcpCurrentTable, GcpOptions,
};
pub use rogers_2022::{rogers_2022, rogers_2022_with, RogersDayBasis, RogersOptions};
