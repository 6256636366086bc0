//! STUB: filled in by the catalog work.

use crate::money::Currency;
use crate::policy::Policy;

/// STUB: `aws-ec2-region`.
pub fn aws_ec2_region() -> Policy {
    Policy::new("aws-ec2-region", "aws-ec2-region", Currency::USD)
}

/// STUB: `gcp-compute-multizone`.
pub fn gcp_compute_multizone() -> Policy {
    Policy::new(
        "gcp-compute-multizone",
        "gcp-compute-multizone",
        Currency::USD,
    )
}

/// STUB: `azure-vm`.
pub fn azure_vm() -> Policy {
    Policy::new("azure-vm", "azure-vm", Currency::USD)
}
