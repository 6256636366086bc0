//! Shapes of account: what an account's assessment under a policy depends on besides
//! its prices, and the programs a batch keeps for shapes it meets more than once.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use super::index::Hasher;
use super::rows::Account;
use crate::engine::{KeptPrograms, Pricing};
use crate::policy::Policy;

/// What an account's assessment under one policy depends on besides its prices: the
/// policy, the area (its place in the outage index), the zone, the currency, the
/// service kinds in the account's order, and, where the policy reads them, the billing
/// day and the region (0 where it does not). Accounts of one shape share one compiled
/// program, priced at each account's prices.
///
/// Packed into integers, so hashing a shape and comparing two are a few operations:
/// this is done for every account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Shape {
    fixed: u128,
    kinds: u64,
    region: u64,
}

impl Shape {
    /// The shape, or `None` where a part does not fit its bits (more than 65,536
    /// policies, 2³² areas or 15 services, a service of another kind, a currency code
    /// longer than three bytes, a region code longer than eight bytes): such an
    /// account is compiled on its own.
    pub(crate) fn new(
        policy: usize,
        place: usize,
        account: &Account,
        reads: Reads,
    ) -> Option<Shape> {
        let policy = u16::try_from(policy).ok()?;
        let place = u32::try_from(place).ok()?;
        let code = match *account.currency.code().as_bytes() {
            [a, b, c] => u32::from_be_bytes([0, a, b, c]),
            _ => return None,
        };
        // Tz is a field-less enum of some 600 zones: its discriminant fits 16 bits.
        let zone = account.time_zone as u16;
        let billing_day = if reads.billing_day {
            account.billing_day
        } else {
            0
        };
        let region = match (&account.region, reads.region) {
            (Some(region), true) if region.len() <= 8 => {
                let mut bytes = [0u8; 8];
                bytes
                    .get_mut(..region.len())?
                    .copy_from_slice(region.as_bytes());
                u64::from_le_bytes(bytes)
            }
            (Some(_), true) => return None,
            _ => 0,
        };
        // Four bits a service (the named kinds are 1 to 9), fifteen at most.
        if account.services.len() > 15 {
            return None;
        }
        let mut kinds = 0u64;
        for service in &account.services {
            kinds = kinds << 4 | u64::from(service.kind.number()?);
        }
        Some(Shape {
            fixed: u128::from(place)
                | u128::from(policy) << 32
                | u128::from(zone) << 48
                | u128::from(code) << 64
                | u128::from(billing_day) << 88,
            kinds,
            region,
        })
    }
}

/// What a batch compiled for an account of a shape.
#[derive(Debug, Clone)]
pub(crate) enum Compiled {
    /// The policy's program, priced for each account of the shape.
    Program(Pricing),
    /// The policy cannot apply (another currency, none of the services).
    NotApplicable,
}

/// At most this many shapes are kept; past it a batch forgets them all and starts
/// again, so memory stays bounded whatever the input. A provider's accounts have far
/// fewer: an area's accounts share a few zones and service bundles.
const SHAPES_KEPT: usize = 1 << 17;

type ShapeMap = HashMap<Shape, Compiled, Hasher>;

/// The programs compiled for the shapes met: learned by a batch and its clones
/// together, and copied into each clone's own map as it meets the shape, so that
/// finding a shape again takes no lock.
///
/// A policy that reads the billing day is not kept by shape at all (the batch compiles
/// it for each account): nearly every account would be a shape of its own.
#[derive(Debug, Default)]
pub(crate) struct Shapes {
    own: ShapeMap,
    shared: Arc<RwLock<Kept>>,
}

/// The programs kept for all clones, by shape, each program held once.
#[derive(Debug, Default)]
struct Kept {
    shapes: ShapeMap,
    programs: KeptPrograms,
}

/// The most the programs kept and their shapes may take, about: past it they are all
/// forgotten and the batch starts keeping again, so memory stays bounded whatever the
/// input.
const KEPT_BYTES: usize = 32 << 20;

impl Clone for Shapes {
    fn clone(&self) -> Shapes {
        Shapes {
            own: ShapeMap::default(),
            shared: Arc::clone(&self.shared),
        }
    }
}

impl Shapes {
    /// What the shape gave, if this batch or a clone has kept it.
    pub(crate) fn get(&mut self, shape: Shape) -> Option<&Compiled> {
        if self.own.len() >= SHAPES_KEPT {
            self.own.clear();
        }
        match self.own.entry(shape) {
            Entry::Occupied(known) => Some(known.into_mut()),
            Entry::Vacant(slot) => {
                let learned = self.shared.read().ok()?.shapes.get(&shape).cloned()?;
                Some(slot.insert(learned))
            }
        }
    }

    /// What a shape gave, kept for this batch and its clones.
    pub(crate) fn learn(&mut self, shape: Shape, compiled: Compiled) {
        if self.own.len() >= SHAPES_KEPT {
            self.own.clear();
        }
        let entry = std::mem::size_of::<(Shape, Compiled)>();
        let compiled = match self.shared.write() {
            Ok(mut shared) => {
                let used = shared.shapes.len().saturating_mul(entry);
                if shared.shapes.len() >= SHAPES_KEPT
                    || used.saturating_add(shared.programs.bytes()) > KEPT_BYTES
                {
                    shared.shapes.clear();
                    shared.programs.clear();
                }
                let compiled = match compiled {
                    Compiled::Program(program) => Compiled::Program(shared.programs.keep(program)),
                    other => other,
                };
                shared.shapes.insert(shape, compiled.clone());
                compiled
            }
            // A poisoned lock only means the clones do not learn this shape from here.
            Err(_) => match compiled {
                Compiled::Program(program) => Compiled::Program(program.kept()),
                other => other,
            },
        };
        self.own.insert(shape, compiled);
    }
}

#[cfg(test)]
impl Shapes {
    /// How many shapes are kept, and how many programs they share.
    pub(crate) fn kept_programs(&self) -> (usize, usize) {
        self.shared
            .read()
            .map(|kept| (kept.shapes.len(), kept.programs.len()))
            .unwrap_or_default()
    }
}

/// Which of an account's facts, besides its area, zone, currency and services, a
/// policy's program depends on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Reads {
    /// The billing day: the policy counts or prices by billing period.
    pub(crate) billing_day: bool,
    /// The region: the policy counts working days, whose holidays are the region's.
    pub(crate) region: bool,
}

impl Reads {
    pub(crate) fn of(policy: &Policy) -> Reads {
        let reads = crate::engine::reads(policy);
        Reads {
            billing_day: reads.billing_cycle,
            region: reads.region,
        }
    }
}
