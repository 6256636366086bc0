#!/usr/bin/env python3
"""Generates a batch data set for `redress batch` and benches/baseline_batch.py.

    python3 benches/gen_batch_data.py OUT_DIR [ACCOUNTS] [SEED] [--areas N] [--outage-areas M]

writes OUT_DIR/accounts.csv (ACCOUNTS rows, default 1,000,000) and OUT_DIR/outages.csv
(one outage per area) in the format of docs/batch.md. The data is deterministic
for a seed.

By default there are ACCOUNTS / 200 areas (at most 5,000), each account in one of them
at random, and the first 95% of the areas have an outage. `--areas N` sets the number of
areas; with N at least ACCOUNTS, account n is in area n, so every account has an area of
its own (how the summary's memory is measured: a million accounts in a million areas).
`--outage-areas M` gives outages to the first M areas only (the rest, and any account
in them, match nothing).

It mixes what the New York PSC rule distinguishes:

- outages of every length, from minutes to days (so both automatic credits, 24 hours or
  more, and one unit on request, under 24 hours), some still ongoing at --as-of;
- incidents of 100 or more customers, fewer than 100 (the rule does not apply), and of
  unknown size (the rule applies);
- a few incidents dated before the rule's effective date (19 January 2023), one of them
  starting on 19 January in UTC but still on the 18th in New York;
- accounts with one to three of internet, tv and phone at prices to the cent (so lines
  that round half up), a few with only a mobile service (the rule cannot apply), and
  areas with no outage at all.

Every row is valid: the comparison is of figures, not of error messages.
"""

import os
import random
import sys
from datetime import datetime, timedelta, timezone

AS_OF = "2024-10-05T12:00:00-04:00"

SERVICE_SETS = [
    ("internet",),
    ("internet", "tv"),
    ("internet", "tv", "phone"),
    ("internet", "phone"),
    ("tv",),
    ("phone",),
    ("tv", "phone"),
]


def outages(rng, areas, with_outages):
    """One outage row for each of the first `with_outages` areas."""
    rows = []
    as_of = datetime.fromisoformat(AS_OF)
    for i, area in enumerate(areas):
        if i >= with_outages:
            break
        lost = rng.choice(SERVICE_SETS[:4] + [("internet", "tv", "phone")] * 2)
        edt = timezone(timedelta(hours=-4))
        start = datetime(2024, 9, 20, 0, 0, tzinfo=edt) + timedelta(
            minutes=rng.randrange(0, 14 * 24 * 60)
        )
        if i % 97 == 0:
            start = datetime(2022, 12, 1, tzinfo=timezone.utc) + timedelta(
                minutes=rng.randrange(0, 60 * 24 * 60)
            )
        if i == 1:
            # 19 January 2023 in UTC, still the 18th in New York: before the rule.
            start = datetime(2023, 1, 19, 3, 0, tzinfo=timezone.utc)
        if i == 2:
            start = datetime(2023, 1, 19, 5, 0, tzinfo=timezone.utc)
        minutes = rng.choice(
            [
                rng.randrange(5, 24 * 60),
                24 * 60,
                rng.randrange(24 * 60, 6 * 24 * 60),
                rng.randrange(1, 4) * 24 * 60,
                rng.randrange(1, 4) * 24 * 60 + 1,
            ]
        )
        end = start + timedelta(minutes=minutes, seconds=rng.choice([0, 0, 0, 17]))
        ongoing = i % 23 == 5 and start < as_of
        if not ongoing and end > as_of and start < as_of:
            end = as_of
        size = rng.random()
        customers = (
            "" if size < 0.1 else str(rng.randrange(1, 100)) if size < 0.2 else str(rng.randrange(100, 200000))
        )
        cause = rng.choice(["", "network", "network", "network"])
        rows.append(
            (
                area,
                "|".join(lost),
                start.isoformat(),
                "" if ongoing else end.isoformat(),
                customers,
                cause,
            )
        )
    return rows


def price(rng):
    return "%d.%02d" % (rng.randrange(0, 200), rng.randrange(0, 100))


def option(args, name):
    """The value of `name N` in args (removed from them), or None."""
    if name not in args:
        return None
    at = args.index(name)
    if at + 1 >= len(args):
        sys.exit("%s needs a number\n\n%s" % (name, __doc__))
    value = int(args[at + 1])
    del args[at : at + 2]
    return value


def main():
    args = sys.argv[1:]
    area_count = option(args, "--areas")
    outage_areas = option(args, "--outage-areas")
    if not args:
        sys.exit(__doc__)
    out = args[0]
    count = int(args[1]) if len(args) > 1 else 1_000_000
    seed = int(args[2]) if len(args) > 2 else 20241005
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    if area_count is None:
        area_count = max(1, min(5000, count // 200))
    if outage_areas is None:
        outage_areas = area_count * 95 // 100
    own_areas = area_count >= count
    areas = ["area-%05d" % i for i in range(max(1, area_count))]
    with open(os.path.join(out, "outages.csv"), "w", newline="") as f:
        f.write("area,services,start,end,customers_affected,cause\n")
        for row in outages(rng, areas, outage_areas):
            f.write(",".join(row) + "\n")
    zones = ["America/New_York"] * 19 + ["America/Chicago"]
    with open(os.path.join(out, "accounts.csv"), "w", newline="") as f:
        f.write("account,region,area,currency,time_zone,billing_day,services\n")
        lines = []
        for n in range(1, count + 1):
            kinds = rng.choice(SERVICE_SETS)
            if n % 1000 == 7:
                kinds = ("mobile",)
            services = "|".join("%s:%s" % (k, price(rng)) for k in kinds)
            billing_day = rng.choice(["", str(rng.randrange(1, 32))])
            lines.append(
                "A-%07d,US-NY,%s,USD,%s,%s,%s\n"
                % (
                    n,
                    areas[n - 1] if own_areas else rng.choice(areas),
                    rng.choice(zones),
                    billing_day,
                    services,
                )
            )
            if len(lines) == 65536:
                f.writelines(lines)
                lines.clear()
        f.writelines(lines)


if __name__ == "__main__":
    main()
