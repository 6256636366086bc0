//! Providers' own terms: cloud service level agreements (Amazon EC2, Google Compute
//! Engine, Azure Virtual Machines) and carriers' outage credits (the AT&T Guarantee,
//! Rogers' credit for its outage of 8 July 2022). Each applies only when the plan's
//! `provider` names the provider.

mod att_guarantee;
mod aws_ec2;

pub use att_guarantee::{
    att_guarantee_2025, att_guarantee_2025_with, rogers_2022, rogers_2022_with,
    AttGuaranteeOptions, AttTowers, RogersDayBasis, RogersOptions,
};
pub use aws_ec2::{
    aws_ec2_instance, aws_ec2_region, azure_vm, azure_vm_with, gcp_compute_multizone,
    gcp_compute_multizone_with, gcp_compute_single_instance, AzureVmOptions, AzureVmSlo,
    GcpCurrentTable, GcpOptions,
};
