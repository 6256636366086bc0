#!/usr/bin/env python3
"""Writes one claim file with many outages, for a catalog policy, as JSON.

    python3 benches/gen_scaling_claim.py POLICY_ID OUTAGES OUT.json
    python3 benches/gen_scaling_claim.py --services KINDS OUT.json

The first form writes an account under POLICY_ID's currency, zone and region, with two
services the policy covers (one when it covers one kind) and OUTAGES outages. The layout
is the one `benches/scaling.rs` builds in memory, so the CLI's figures and the bench's
describe the same input:

- outage i starts `i × spacing` after the policy's first day (5 minutes apart; 0.8
  seconds for Rogers' one-day credit), and lasts 20 % to 90 % of the spacing; every
  100th lasts 1.5 spacings, so it overlaps the next one and the two are merged;
- every third names both services, the others one each, in turn;
- each is reported a tenth of the spacing after it began; every other one affected 150
  customers (the rest do not say); every 17th was caused by a loss of commercial power,
  back a twentieth of the spacing after the start.

The second form writes an account with KINDS services of other kinds (`svc-0`, `svc-1`,
…) at 1.50 a month and one 27-hour outage naming them all. No catalog policy covers
such services; `benches/scaling.rs` assesses it under a rule for every kind of service.

Then, for example:

    cargo build --release --example redress
    /usr/bin/time -v target/release/examples/redress claim OUT.json --json \\
        --policy POLICY_ID > /dev/null
"""

import json
import sys
from datetime import datetime, timedelta, timezone

# id: (currency, zone, UTC offset of the first day, region, kinds, provider, first day)
PROFILES = {
    "uk-ofcom-auto-comp": ("GBP", "Europe/London", 0, "GB-ENG", ["internet", "phone"], None, (2025, 1, 6)),
    "de-tkg-58": ("EUR", "Europe/Berlin", 1, "DE", ["internet", "phone"], None, (2025, 1, 6)),
    "es-rd-899-2009": ("EUR", "Europe/Madrid", 1, "ES-MD", ["internet", "phone"], None, (2025, 1, 6)),
    "it-agcom-347-18": ("EUR", "Europe/Rome", 1, "IT", ["internet", "phone"], None, (2025, 1, 6)),
    "pt-lei-16-2022": ("EUR", "Europe/Lisbon", 0, "PT", ["internet", "tv"], None, (2025, 1, 6)),
    "us-ny-psc-outage-credit": ("USD", "America/New_York", -5, "US-NY", ["internet", "tv"], None, (2025, 1, 6)),
    "us-nj-cable": ("USD", "America/New_York", -5, "US-NJ", ["internet", "tv"], None, (2025, 1, 6)),
    "us-ny-psl-73": ("USD", "America/New_York", -5, "US-NY", ["electricity", "gas"], None, (2025, 1, 6)),
    "uk-ofgem-gsop": ("GBP", "Europe/London", 0, "GB-ENG", ["electricity"], None, (2025, 1, 6)),
    "au-csg": ("AUD", "Australia/Sydney", 11, "AU-NSW", ["phone"], None, (2025, 1, 6)),
    "au-vic-gsl": ("AUD", "Australia/Melbourne", 11, "AU-VIC", ["electricity"], None, (2025, 1, 6)),
    "aws-ec2-region": ("USD", "UTC", 0, None, ["compute"], "Amazon Web Services", (2025, 1, 6)),
    "gcp-compute-multizone": ("USD", "UTC", 0, None, ["compute"], "Google Cloud", (2025, 1, 6)),
    "azure-vm": ("USD", "UTC", 0, None, ["compute"], "Microsoft Azure", (2025, 1, 6)),
    "att-guarantee-2025": ("USD", "America/Chicago", -6, "US-TX", ["mobile"], "AT&T", (2025, 1, 13)),
    "rogers-2022": ("CAD", "America/Toronto", -4, "CA-ON", ["mobile", "internet"], "Rogers", (2022, 7, 8)),
}


def stamp(t):
    return t.isoformat(timespec="milliseconds")


def policy_claim(policy, count):
    currency, zone, offset, region, kinds, provider, first = PROFILES[policy]
    tz = timezone(timedelta(hours=offset))
    # Rogers' credit is for outages of one day: 100,000 of them fit in it 0.8 s apart.
    spacing_ms = 800 if policy == "rogers-2022" else 300_000
    origin = datetime(*first, 0, 10, tzinfo=tz)
    outages = []
    for i in range(count):
        start = origin + timedelta(milliseconds=i * spacing_ms)
        if i % 100 == 99:
            length = spacing_ms * 3 // 2
        else:
            length = spacing_ms * (20 + (i * 37) % 71) // 100
        if len(kinds) == 1 or i % 3 == 0:
            services = list(kinds)
        else:
            services = [kinds[i % 3 - 1]]
        outage = {
            "services": services,
            "start": stamp(start),
            "end": stamp(start + timedelta(milliseconds=length)),
            "reported": stamp(start + timedelta(milliseconds=spacing_ms // 10)),
        }
        if i % 2 == 0:
            outage["customers_affected"] = 150
        if i % 17 == 0:
            outage["cause"] = "power"
            outage["power_restored"] = stamp(start + timedelta(milliseconds=spacing_ms // 20))
        outages.append(outage)
    plan = {
        "currency": currency,
        "time_zone": zone,
        "services": [
            {"kind": kind, "monthly_price": price}
            for kind, price in zip(kinds, ["49.99", "30.01"])
        ],
    }
    if provider:
        plan["provider"] = provider
    claim = {"plan": plan, "outages": outages}
    if region:
        claim["customer"] = {"region": region}
    return claim


def services_claim(count):
    kinds = [f"svc-{i}" for i in range(count)]
    return {
        "plan": {
            "currency": "USD",
            "time_zone": "UTC",
            "services": [{"kind": k, "monthly_price": "1.50"} for k in kinds],
        },
        "outages": [
            {
                "services": kinds,
                "start": "2025-03-03T09:00:00Z",
                "end": "2025-03-04T12:00:00Z",
            }
        ],
    }


def main(args):
    if len(args) == 3 and args[0] == "--services":
        claim = services_claim(int(args[1]))
        out = args[2]
    elif len(args) == 3 and args[0] in PROFILES:
        claim = policy_claim(args[0], int(args[1]))
        out = args[2]
    else:
        sys.exit(__doc__)
    with open(out, "w") as f:
        json.dump(claim, f)


if __name__ == "__main__":
    main(sys.argv[1:])
