#!/usr/bin/env python3
"""The New York PSC outage credit over a batch, written straightforwardly in Python.

    python3 benches/baseline_batch.py ACCOUNTS.csv OUTAGES.csv AS_OF OUT.csv

The baseline `redress batch --policy us-ny-psc-outage-credit` is measured against
(benches/run_batch_comparison.sh runs both and compares them account by account). It
reads the CSV formats of docs/batch.md and writes the same output columns:
account,policy,currency,total,automatic,error; an account whose area has no outage gets
one row with the policy `(no outage in area)`, as `redress batch` writes it.

The rule, as the catalog's `us-ny-psc-outage-credit` reads it: for an outage of 100 or
more customers (or of unknown size), each affected telephone, cable TV or internet
service earns ceil(hours / 24) started 24-hour blocks x monthly price / 30, each line
rounded half up to the cent; automatic when the outage lasted 24 hours or more, else
owed on request. Outages starting (in the account's zone) before 19 January 2023 earn
nothing. Overlapping outages of a service are merged first (the largest size given
counts). Money is `decimal.Decimal` throughout. The batch format has no
`power_restored` column, so the rule's power clause never moves the clock.

Only valid input is handled: the comparison is of figures, not of error messages.
"""

import csv
import sys
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

POLICY = "us-ny-psc-outage-credit"
COVERED = {"phone", "tv", "internet"}
EFFECTIVE = date(2023, 1, 19)
DAY = 24 * 3600
CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def read_outages(path, as_of):
    by_area = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            start = datetime.fromisoformat(row["start"].strip())
            end = row.get("end", "").strip()
            end = datetime.fromisoformat(end) if end else as_of
            size = row.get("customers_affected", "").strip()
            size = int(size) if size else None
            services = [s.strip().lower() for s in row["services"].split("|")]
            by_area.setdefault(row["area"].strip(), []).append((services, start, end, size))
    return by_area


def merged(spells):
    """Overlapping or touching (start, end, size) spells merged, in time order."""
    out = []
    for start, end, size in sorted(spells, key=lambda s: (s[0], s[1])):
        if out and start <= out[-1][1]:
            last = out[-1]
            sizes = [s for s in (last[2], size) if s is not None]
            out[-1] = (last[0], max(last[1], end), max(sizes) if sizes else None)
        else:
            out.append((start, end, size))
    return out


def assess(account, outages, zones):
    """(total, automatic) for one account."""
    if account["currency"].strip().upper() != "USD":
        return ZERO, False
    prices = {}
    for pair in account["services"].split("|"):
        kind, price = pair.split(":", 1)
        prices[kind.strip().lower()] = Decimal(price.strip())
    if not COVERED & prices.keys():
        return ZERO, False
    zone_name = account["time_zone"].strip()
    zone = zones.get(zone_name)
    if zone is None:
        zone = zones[zone_name] = ZoneInfo(zone_name)
    by_service = {}
    for services, start, end, size in outages.get(account["area"].strip(), []):
        for kind in services:
            if kind in COVERED and kind in prices:
                by_service.setdefault(kind, []).append((start, end, size))
    lines = []
    for kind in sorted(by_service):
        for start, end, size in merged(by_service[kind]):
            if start.astimezone(zone).date() < EFFECTIVE:
                continue
            if size is not None and size < 100:
                continue
            seconds = int((end - start).total_seconds())
            blocks = -(-seconds // DAY)
            amount = (prices[kind] * blocks / 30).quantize(CENT, rounding=ROUND_HALF_UP)
            lines.append((amount, seconds >= DAY))
    total = sum((amount for amount, _ in lines), ZERO)
    owed = [automatic for amount, automatic in lines if amount != 0]
    return total, bool(owed) and all(owed)


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    accounts, outages_path, as_of, out = sys.argv[1:]
    outages = read_outages(outages_path, datetime.fromisoformat(as_of))
    zones = {}
    with open(accounts, newline="") as f, open(out, "w", newline="") as w:
        writer = csv.writer(w, lineterminator="\n")
        writer.writerow(["account", "policy", "currency", "total", "automatic", "error"])
        for account in csv.DictReader(f):
            if account["area"].strip() not in outages:
                # Nothing happened in the account's area: no policy is applied.
                policy, total, automatic = "(no outage in area)", ZERO, False
            else:
                policy = POLICY
                total, automatic = assess(account, outages, zones)
            writer.writerow(
                [
                    account["account"].strip(),
                    policy,
                    account["currency"].strip().upper(),
                    total,
                    "true" if automatic else "false",
                    "",
                ]
            )


if __name__ == "__main__":
    main()
