#!/usr/bin/env python3
"""Generates one batch data set per catalog policy, for comparing the batch's speed
under every policy (benches/run_policy_batches.sh).

    python3 benches/gen_policy_batches.py OUT_DIR [ACCOUNTS] [SEED]

writes OUT_DIR/<policy id>/accounts.csv and outages.csv: ACCOUNTS accounts (default
1,000,000) in 5,000 areas, each area with one outage, the accounts in the currency,
zone, region and services the policy covers and the outages on dates it is in force,
so that every account is assessed under the policy rather than refused. Outages run
from minutes to days; prices are to the cent; billing days vary. The data is
deterministic for a seed.
"""

import os
import random
import sys
from datetime import datetime, timedelta, timezone

AS_OF = "2025-12-31T12:00:00+00:00"

# id: (currency, zones, regions, services, (first outage date, last outage date))
POLICIES = {
    "uk-ofcom-auto-comp": ("GBP", ["Europe/London"], ["GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR"],
                           ["internet", "phone"], ("2024-01-01", "2025-10-01")),
    "de-tkg-58": ("EUR", ["Europe/Berlin"], ["DE", "DE-BY", "DE-BE"],
                  ["internet", "phone", "tv"], ("2023-01-01", "2025-10-01")),
    "es-rd-899-2009": ("EUR", ["Europe/Madrid"], ["ES", "ES-MD"],
                       ["internet", "phone"], ("2023-01-01", "2025-10-01")),
    "it-agcom-347-18": ("EUR", ["Europe/Rome"], ["IT"],
                        ["internet", "phone"], ("2023-01-01", "2025-10-01")),
    "pt-lei-16-2022": ("EUR", ["Europe/Lisbon"], ["PT"],
                       ["internet", "phone", "tv"], ("2023-01-01", "2025-10-01")),
    "us-ny-psc-outage-credit": ("USD", ["America/New_York"], ["US-NY"],
                                ["internet", "tv", "phone"], ("2023-02-01", "2025-10-01")),
    "us-nj-cable": ("USD", ["America/New_York"], ["US-NJ"],
                    ["tv", "internet"], ("2023-01-01", "2025-10-01")),
    "us-ny-psl-73": ("USD", ["America/New_York"], ["US-NY"],
                     ["electricity", "gas"], ("2023-01-01", "2025-10-01")),
    "uk-ofgem-gsop": ("GBP", ["Europe/London"], ["GB-ENG", "GB-SCT"],
                      ["electricity"], ("2023-10-01", "2025-10-01")),
    "au-csg": ("AUD", ["Australia/Sydney", "Australia/Melbourne"], ["AU-NSW", "AU-VIC"],
               ["phone", "internet"], ("2023-01-01", "2025-10-01")),
    "au-vic-gsl": ("AUD", ["Australia/Melbourne"], ["AU-VIC"],
                   ["electricity"], ("2023-01-01", "2025-10-01")),
    "aws-ec2-region": ("USD", ["UTC"], ["US"], ["compute"], ("2023-01-01", "2025-10-01")),
    "gcp-compute-multizone": ("USD", ["UTC"], ["US"], ["compute"], ("2023-01-01", "2025-10-01")),
    "azure-vm": ("USD", ["UTC"], ["US"], ["compute"], ("2023-01-01", "2025-10-01")),
    "att-guarantee-2025": ("USD", ["America/Chicago", "America/New_York"], ["US-TX", "US-GA"],
                           ["internet", "phone", "mobile"], ("2025-01-10", "2025-10-01")),
    "rogers-2022": ("CAD", ["America/Toronto"], ["CA-ON"],
                    ["mobile", "internet"], ("2022-07-08", "2022-07-08")),
}


def day(text):
    return datetime.fromisoformat(text + "T00:00:00+00:00")


def outages(rng, areas, services, dates):
    first, last = day(dates[0]), day(dates[1])
    span = max(1, int((last - first).total_seconds() // 60))
    rows = []
    for area in areas:
        lost = sorted(rng.sample(services, rng.randrange(1, len(services) + 1)),
                      key=services.index)
        start = first + timedelta(minutes=rng.randrange(0, span) if span > 1 else rng.randrange(0, 600))
        minutes = rng.choice([
            rng.randrange(5, 24 * 60),
            rng.randrange(24 * 60, 6 * 24 * 60),
            rng.randrange(1, 4) * 24 * 60,
        ])
        end = start + timedelta(minutes=minutes)
        customers = str(rng.randrange(1, 200000))
        rows.append((area, "|".join(lost), start.isoformat(), end.isoformat(), customers, "network"))
    return rows


def price(rng):
    return "%d.%02d" % (rng.randrange(1, 200), rng.randrange(0, 100))


def write(out, policy, count, rng):
    currency, zones, regions, services, dates = POLICIES[policy]
    folder = os.path.join(out, policy)
    os.makedirs(folder, exist_ok=True)
    areas = ["area-%05d" % i for i in range(max(1, min(5000, count // 200)))]
    with open(os.path.join(folder, "outages.csv"), "w", newline="") as f:
        f.write("area,services,start,end,customers_affected,cause\n")
        for row in outages(rng, areas, services, dates):
            f.write(",".join(row) + "\n")
    with open(os.path.join(folder, "accounts.csv"), "w", newline="") as f:
        f.write("account,region,area,currency,time_zone,billing_day,services\n")
        lines = []
        for n in range(1, count + 1):
            # A provider's export lists an account's services in one order.
            kinds = sorted(rng.sample(services, rng.randrange(1, len(services) + 1)),
                           key=services.index)
            listed = "|".join("%s:%s" % (k, price(rng)) for k in kinds)
            lines.append("A-%07d,%s,%s,%s,%s,%d,%s\n" % (
                n, rng.choice(regions), rng.choice(areas), currency, rng.choice(zones),
                rng.randrange(1, 29), listed))
            if len(lines) == 65536:
                f.writelines(lines)
                lines.clear()
        f.writelines(lines)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20251231
    for policy in POLICIES:
        write(out, policy, count, random.Random("%d-%s" % (seed, policy)))


if __name__ == "__main__":
    main()
