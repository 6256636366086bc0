//! Shapes of account: what an account's assessment under a policy depends on besides
//! its prices, and the programs a batch keeps for shapes it meets more than once.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use smallvec::SmallVec;

use super::index::Hasher;
use super::rows::Account;
use crate::engine::{KeptPrograms, Pricing};
use crate::policy::Policy;

/// What an account's assessment depends on besides its prices, under every policy a
/// batch keeps programs by shape for: the area (its place in the outage index), the
/// zone, the currency, the service kinds in the account's order, and, where one of
/// those policies reads it, the region (0 where none does). Accounts of one shape share
/// one compiled program per policy, priced at each account's prices.
///
/// Packed into integers, so hashing a shape and comparing two are a few operations:
/// this is done for every account, once for all its policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Shape {
    fixed: u128,
    kinds: u64,
    region: u64,
}

impl Shape {
    /// The shape, or `None` where a part does not fit its bits (2³² areas or 15
    /// services, a service of another kind, a currency code longer than three bytes, a
    /// region code longer than eight bytes): such an account is compiled on its own.
    pub(crate) fn new(place: usize, account: &Account, reads: Reads) -> Option<Shape> {
        let place = u32::try_from(place).ok()?;
        let code = match *account.currency.code().as_bytes() {
            [a, b, c] => u32::from_be_bytes([0, a, b, c]),
            _ => return None,
        };
        // Tz is a field-less enum of some 600 zones: its discriminant fits 16 bits.
        let zone = account.time_zone as u16;
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
            fixed: u128::from(place) | u128::from(zone) << 32 | u128::from(code) << 48,
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

/// What a shape gave under each policy, by the policy's place in the batch; `None` where
/// it has not been compiled (or the policy is not kept by shape). What was compiled is
/// held once for all the shapes that compiled to it (see [`Kept`]), so a shape holds
/// only a pointer per policy and two policies (say, a rule and an offer) fit beside the
/// shape in the map.
pub(crate) type Slots = SmallVec<[Option<Arc<Compiled>>; 2]>;

type ShapeMap = HashMap<Shape, Slots, Hasher>;

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
    /// Each program kept, as the shapes hold it, by where its items are.
    compiled: HashMap<usize, Arc<Compiled>, Hasher>,
    /// What every shape a policy cannot apply to holds.
    not_applicable: Option<Arc<Compiled>>,
}

impl Kept {
    /// What was compiled, as the shapes hold it: the one held before when an equal
    /// program was kept.
    fn keep(&mut self, compiled: Compiled) -> Arc<Compiled> {
        match compiled {
            Compiled::Program(program) => {
                let program = self.programs.keep(program);
                let Pricing::Kept(items) = &program else {
                    return Arc::new(Compiled::Program(program));
                };
                let at = items.as_ptr() as usize;
                let held = self.compiled.entry(at);
                Arc::clone(held.or_insert_with(|| Arc::new(Compiled::Program(program))))
            }
            Compiled::NotApplicable => Arc::clone(
                self.not_applicable
                    .get_or_insert_with(|| Arc::new(Compiled::NotApplicable)),
            ),
        }
    }

    fn clear(&mut self) {
        self.shapes.clear();
        self.programs.clear();
        self.compiled.clear();
    }
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
    /// What this batch has kept for the shape, under each policy: found once for all of
    /// an account's policies.
    pub(crate) fn known(&self, shape: Shape) -> Option<&Slots> {
        self.own.get(&shape)
    }

    /// What the shape gave under the policy at `policy`, if this batch or a clone has
    /// kept it.
    pub(crate) fn get(&mut self, shape: Shape, policy: usize) -> Option<&Compiled> {
        if self.own.len() >= SHAPES_KEPT {
            self.own.clear();
        }
        let slots = self.own.entry(shape).or_default();
        if slots.get(policy).is_some_and(Option::is_some) {
            return slots.get(policy).and_then(Option::as_deref);
        }
        let shared = self.shared.read().ok()?;
        let learned = shared.shapes.get(&shape)?.get(policy)?.clone()?;
        drop(shared);
        put(slots, policy, learned);
        slots.get(policy).and_then(Option::as_deref)
    }

    /// What a shape gave under the policy at `policy`, kept for this batch and its
    /// clones.
    pub(crate) fn learn(&mut self, shape: Shape, policy: usize, compiled: Compiled) {
        if self.own.len() >= SHAPES_KEPT {
            self.own.clear();
        }
        let entry = std::mem::size_of::<(Shape, Slots)>();
        let compiled = match self.shared.write() {
            Ok(mut shared) => {
                let used = shared.shapes.len().saturating_mul(entry);
                if shared.shapes.len() >= SHAPES_KEPT
                    || used.saturating_add(shared.programs.bytes()) > KEPT_BYTES
                {
                    shared.clear();
                }
                let compiled = shared.keep(compiled);
                put(
                    shared.shapes.entry(shape).or_default(),
                    policy,
                    Arc::clone(&compiled),
                );
                compiled
            }
            // A poisoned lock only means the clones do not learn this shape from here.
            Err(_) => Arc::new(match compiled {
                Compiled::Program(program) => Compiled::Program(program.kept()),
                other => other,
            }),
        };
        put(self.own.entry(shape).or_default(), policy, compiled);
    }
}

/// Puts what a shape gave under the policy at `policy` among its slots.
fn put(slots: &mut Slots, policy: usize, compiled: Arc<Compiled>) {
    if slots.len() <= policy {
        slots.resize(policy + 1, None);
    }
    if let Some(slot) = slots.get_mut(policy) {
        *slot = Some(compiled);
    }
}

#[cfg(test)]
impl Shapes {
    /// How many shapes are kept, and how many programs they share.
    pub(crate) fn kept_programs(&self) -> (usize, usize) {
        self.shared
            .read()
            .map(|kept| {
                let slots = kept.shapes.values().flatten().flatten().count();
                (slots, kept.programs.len())
            })
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
    /// What a shape must tell apart for all these policies.
    pub(crate) fn union(self, other: Reads) -> Reads {
        Reads {
            billing_day: self.billing_day || other.billing_day,
            region: self.region || other.region,
        }
    }

    pub(crate) fn of(policy: &Policy) -> Reads {
        let reads = crate::engine::reads(policy);
        Reads {
            billing_day: reads.billing_cycle,
            region: reads.region,
        }
    }
}
/// A batch finds every account's shape in a map of some tens of thousands of shapes:
/// an entry that grew would cost every account of every batch. A shape and its slots
/// (two policies inline) take 64 bytes, as a shape and one program did before there
/// were slots.
#[cfg(test)]
#[test]
fn a_shape_and_its_slots_take_no_more_than_before() {
    assert_eq!(std::mem::size_of::<Option<Arc<Compiled>>>(), 8);
    assert!(std::mem::size_of::<(Shape, Slots)>() <= 64);
}
