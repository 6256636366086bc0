//! Equal treatment: the same instants written with other offsets, or as wall-clock times
//! read in the plan's zone, give the same claim.

use chrono::{FixedOffset, TimeZone};
use chrono_tz::Tz;

use super::gen::at;
use super::run::{Ctx, Miss, Trial, Verdict};
use crate::civil::When;
use crate::{Claim, ClaimFile};

fn reoffset(t: When, offset: FixedOffset) -> When {
    at(&t).with_timezone(&offset).into()
}

/// A claim's notes without those of reading an offset the plan's zone did not have then
/// (`start of outage 1 was written +05:30; ...`).
fn without_offset_notes(mut claim: Claim) -> Claim {
    claim.notes.retain(|n| !n.contains(" was written "));
    claim
}

/// The wall-clock time an instant shows in `zone`, where that time names only this
/// instant there (not in a fold); else the instant as written.
fn as_local(t: When, zone: Tz) -> When {
    let local = at(&t).with_timezone(&zone).naive_local();
    match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(_) => When::Local(local),
        _ => t,
    }
}

/// Every instant of the claim file rewritten by `f`.
fn rewritten(file: &ClaimFile, mut f: impl FnMut(When) -> When) -> ClaimFile {
    let mut out = file.clone();
    for o in &mut out.outages {
        o.start = f(o.start);
        o.end = o.end.map(&mut f);
        o.reported = o.reported.map(&mut f);
        o.power_restored = o.power_restored.map(&mut f);
    }
    out.as_of = out.as_of.map(&mut f);
    out
}

/// The same instants written with other offsets give the same claim, lines, totals and
/// notes, but for a note per time written at an offset the plan's zone did not have
/// then: local-day rules read the plan's zone and nothing else.
pub(crate) fn other_offsets(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let offsets = &trial.knobs.offsets;
    let mut k = 0;
    let moved = rewritten(&trial.claim, |t| {
        k += 1;
        match offsets.get(k % offsets.len().max(1)) {
            Some(offset) => reoffset(t, *offset),
            None => t,
        }
    });
    let before = without_offset_notes(ctx.base(&trial.claim)?);
    let after = without_offset_notes(ctx.changed(&moved)?);
    if before != after {
        let message = format!(
            "{} as generated, {} at other offsets (the changed claim), or other lines or notes",
            before.total, after.total
        );
        return Err(Miss::against(&moved, message));
    }
    Ok(())
}

/// The same instants written as wall-clock times without offsets, read in the plan's
/// zone, give the identical claim to the spelling with offsets; a time that happened
/// twice there (a DST fold) keeps its offset, since without one it is refused. Written
/// as TOML and read again, the file is the same.
pub(crate) fn local_times(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let zone = trial.claim.plan.time_zone;
    let local = rewritten(&trial.claim, |t| as_local(t, zone));
    let before = ctx.base(&trial.claim)?;
    let after = ctx.changed(&local)?;
    if before != after {
        let message = format!(
            "{} with offsets, {} as local times (the changed claim), or other lines or notes",
            before.total, after.total
        );
        return Err(Miss::against(&local, message));
    }
    let read = toml::to_string(&local)
        .map_err(|e| e.to_string())
        .and_then(|text| toml::from_str::<ClaimFile>(&text).map_err(|e| e.to_string()));
    match read {
        Ok(read) if read == local => Ok(()),
        Ok(_) => Err(Miss::against(
            &local,
            "written as TOML and read back, the claim file differs",
        )),
        Err(e) => Err(Miss::against(
            &local,
            format!("written as TOML and read back: {e}"),
        )),
    }
}
