#!/usr/bin/env python3
"""Writes tests/data/places/: the places of golive's default regions with the zones they are
expected to have, and the UTC offset each of those zones has at the deploy instant (09:00
America/Los_Angeles) of every weekday from 2026-03-02 to 2028-01-31, computed with Python's
zoneinfo: a conversion independent of the chrono-tz tables golive is built with.

    python3 tests/places_expected.py            # rewrite the fixture files
    python3 tests/places_expected.py --check    # exit 1 if they differ from what this
                                                # machine's zoneinfo gives (tests/it/places.rs
                                                # runs this when GOLIVE_ICS_PYTHON is set)

The zones are the ones the README's "Choices" gives for each place, written here by hand
rather than read from config/default.toml, so that the test checks the configuration too.
"""

import datetime as dt
import io
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

# (region key, place, ISO 3166 alpha-2 code or "", IANA zone)
PLACES = [
    ("testing", "Testing region", "", "America/Los_Angeles"),
    ("us-preview", "US preview region", "", "America/Los_Angeles"),
    ("asia", "Singapore", "SG", "Asia/Singapore"),
    ("asia", "Hong Kong", "HK", "Asia/Hong_Kong"),
    ("asia", "Korea", "KR", "Asia/Seoul"),
    ("asia", "Taiwan", "TW", "Asia/Taipei"),
    ("asia", "Indonesia", "ID", "Asia/Jakarta"),
    ("asia", "Malaysia", "MY", "Asia/Kuala_Lumpur"),
    ("asia", "Philippines", "PH", "Asia/Manila"),
    ("asia", "Thailand", "TH", "Asia/Bangkok"),
    ("asia", "Vietnam", "VN", "Asia/Ho_Chi_Minh"),
    ("asia", "United Arab Emirates", "AE", "Asia/Dubai"),
    ("asia", "Qatar", "QA", "Asia/Qatar"),
    ("asia", "Israel", "IL", "Asia/Jerusalem"),
    ("europe", "France", "FR", "Europe/Paris"),
    ("europe", "Germany", "DE", "Europe/Berlin"),
    ("europe", "Switzerland", "CH", "Europe/Zurich"),
    ("europe", "Norway", "NO", "Europe/Oslo"),
    ("europe", "Sweden", "SE", "Europe/Stockholm"),
    ("europe", "Italy", "IT", "Europe/Rome"),
    ("europe", "Poland", "PL", "Europe/Warsaw"),
    ("europe", "Spain", "ES", "Europe/Madrid"),
    ("europe", "Netherlands", "NL", "Europe/Amsterdam"),
    ("europe", "Ireland", "IE", "Europe/Dublin"),
    ("europe", "Austria", "AT", "Europe/Vienna"),
    ("europe", "Belgium", "BE", "Europe/Brussels"),
    ("europe", "Denmark", "DK", "Europe/Copenhagen"),
    ("europe", "Finland", "FI", "Europe/Helsinki"),
    ("europe", "Portugal", "PT", "Europe/Lisbon"),
    ("br-ca-jp-in", "Brazil", "BR", "America/Sao_Paulo"),
    ("br-ca-jp-in", "Canada", "CA", "America/Toronto"),
    ("br-ca-jp-in", "Japan", "JP", "Asia/Tokyo"),
    ("br-ca-jp-in", "India", "IN", "Asia/Kolkata"),
    ("br-ca-jp-in", "South America", "", "America/Sao_Paulo"),
    ("au-uk-us", "Australia", "AU", "Australia/Sydney"),
    ("au-uk-us", "United Kingdom", "GB", "Europe/London"),
    ("au-uk-us", "United States", "US", "America/New_York"),
]

FIRST, LAST = dt.date(2026, 3, 2), dt.date(2028, 1, 31)
HERE = Path(__file__).resolve().parent / "data" / "places"


def members() -> str:
    out = io.StringIO()
    out.write("region,place,code,timezone\n")
    for row in PLACES:
        out.write(",".join(row) + "\n")
    return out.getvalue()


def offsets() -> str:
    la = ZoneInfo("America/Los_Angeles")
    zones = sorted({z for *_, z in PLACES})
    out = io.StringIO()
    out.write(
        "# The UTC offset (seconds) of each zone at 09:00 America/Los_Angeles of each weekday,\n"
        "# by Python's zoneinfo; written by tests/places_expected.py (see there).\n"
    )
    out.write("day,utc," + ",".join(zones) + "\n")
    day = FIRST
    while day <= LAST:
        if day.weekday() < 5:
            at = dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=la)
            utc = at.astimezone(dt.timezone.utc)
            cells = [day.isoformat(), utc.strftime("%Y-%m-%dT%H:%M:%SZ")]
            for z in zones:
                cells.append(str(int(utc.astimezone(ZoneInfo(z)).utcoffset().total_seconds())))
            out.write(",".join(cells) + "\n")
        day += dt.timedelta(days=1)
    return out.getvalue()


def main() -> int:
    files = {"members.csv": members(), "offsets.csv": offsets()}
    if "--check" in sys.argv[1:]:
        stale = [n for n, text in files.items() if (HERE / n).read_text() != text]
        for n in stale:
            print(f"tests/data/places/{n} differs from what zoneinfo gives here", file=sys.stderr)
        return 1 if stale else 0
    HERE.mkdir(parents=True, exist_ok=True)
    for n, text in files.items():
        (HERE / n).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
