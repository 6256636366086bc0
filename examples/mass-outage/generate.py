#!/usr/bin/env python3
"""Generates accounts.csv and outages.csv for examples/mass-outage/ (see its README.md).

    python3 examples/mass-outage/generate.py [OUT_DIR]

writes OUT_DIR/accounts.csv and OUT_DIR/outages.csv (default: this script's folder) in
the formats of docs/batch.md. The output is the same on every run (a fixed seed, no
clock, no environment): tests/mass_outage.rs checks that the committed CSVs are what
this script makes, so edit the script, run it, and commit the CSVs with it.

The story: Acme Cable loses a regional headend on Monday 10 March 2025 (a network
fault, not weather). Twelve areas in four states lose internet, TV and phone, for
hours to days. Each area's outage is an incident of its own, and `customers_affected`
is the number of accounts the file holds in that area: some above New York's
100-subscriber threshold, one New York area (rye-10580) below it.
"""

import os
import random
import sys

SEED = 17

# (area, region, accounts, services lost, start, end); every time in EDT (-04:00):
# daylight saving time began on Sunday 9 March 2025.
AREAS = [
    ("yonkers-10701", "US-NY", 260, "internet|tv|phone", "2025-03-10T05:40", "2025-03-12T14:10"),
    ("white-plains-10601", "US-NY", 240, "internet|tv", "2025-03-10T06:15", "2025-03-11T02:45"),
    ("new-rochelle-10801", "US-NY", 220, "internet|tv|phone", "2025-03-10T05:55", "2025-03-14T09:20"),
    ("rye-10580", "US-NY", 45, "internet|tv|phone", "2025-03-10T07:00", "2025-03-11T19:30"),
    ("newark-07102", "US-NJ", 250, "internet|tv|phone", "2025-03-10T05:30", "2025-03-12T21:00"),
    ("jersey-city-07302", "US-NJ", 230, "internet|tv", "2025-03-10T08:00", "2025-03-10T19:00"),
    ("hoboken-07030", "US-NJ", 80, "internet", "2025-03-10T06:00", "2025-03-11T10:00"),
    ("scranton-18503", "US-PA", 200, "internet|tv|phone", "2025-03-10T04:50", "2025-03-13T16:05"),
    ("allentown-18101", "US-PA", 170, "internet|tv", "2025-03-10T06:30", "2025-03-10T09:45"),
    ("wilkes-barre-18701", "US-PA", 150, "tv", "2025-03-10T05:00", "2025-03-11T07:00"),
    ("stamford-06901", "US-CT", 180, "internet|tv|phone", "2025-03-10T05:45", "2025-03-12T08:15"),
    ("greenwich-06830", "US-CT", 60, "internet|phone", "2025-03-10T07:20", "2025-03-10T13:00"),
]

# What a customer subscribes to, with weights: most take a bundle.
SERVICE_SETS = [
    (("internet",), 30),
    (("internet", "tv"), 30),
    (("internet", "tv", "phone"), 20),
    (("tv",), 8),
    (("internet", "phone"), 7),
    (("tv", "phone"), 5),
]

# Monthly prices before taxes, as a cable company's price list has them.
PRICES = {
    "internet": ["49.99", "64.99", "79.99", "89.99"],
    "tv": ["59.99", "74.99", "94.99", "109.99"],
    "phone": ["19.99", "29.99", "34.99"],
}


def generate():
    rng = random.Random(SEED)
    # Every account's area, shuffled so that ids do not follow the areas.
    placed = [area for area in AREAS for _ in range(area[2])]
    rng.shuffle(placed)
    sets = [s for s, _ in SERVICE_SETS]
    weights = [w for _, w in SERVICE_SETS]
    accounts = ["account,region,area,currency,time_zone,billing_day,services"]
    for n, (area, region, *_rest) in enumerate(placed, start=1):
        kinds = rng.choices(sets, weights)[0]
        services = "|".join(f"{k}:{rng.choice(PRICES[k])}" for k in kinds)
        billing_day = rng.randint(1, 28)
        accounts.append(
            f"AC-{n:05d},{region},{area},USD,America/New_York,{billing_day},{services}"
        )
    outages = ["area,services,start,end,customers_affected,cause"]
    for area, _region, count, lost, start, end in AREAS:
        outages.append(f"{area},{lost},{start}:00-04:00,{end}:00-04:00,{count},network")
    return "\n".join(accounts) + "\n", "\n".join(outages) + "\n"


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    accounts, outages = generate()
    for name, text in (("accounts.csv", accounts), ("outages.csv", outages)):
        with open(os.path.join(out, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


if __name__ == "__main__":
    main()
