#!/usr/bin/env python3
"""Reads an iCalendar file with an independent parser and prints what it holds as JSON.

    python3 tests/ics_read.py FILE.ics

golive's integration tests (tests/it/ics.rs) read every kind of export with a Rust reader
(tests/it/ics_reader.rs, the calcard crate) and compare it with golive's own JSON output.
When the environment variable GOLIVE_ICS_PYTHON names a Python interpreter, they also run
this script with it on every export and require both readers to print the same JSON. The
parser here is the `icalendar` package from PyPI, pinned in tests/requirements.txt; install
it in a virtual environment (.ci/run does):

    python3 -m venv /tmp/golive-venv
    /tmp/golive-venv/bin/pip install -r tests/requirements.txt
    GOLIVE_ICS_PYTHON=/tmp/golive-venv/bin/python cargo test

Besides parsing, it checks the raw format rules itself and exits non-zero, with every
problem on stderr, when one is broken:

- every line ends with CRLF (no bare LF or CR anywhere), and no physical line is longer
  than 75 octets (CRLF not counted);
- the file starts with BEGIN:VCALENDAR and ends with END:VCALENDAR;
- the calendar has VERSION:2.0 and a PRODID;
- every VEVENT has UID, DTSTAMP and DTSTART, and the parser reported no broken property;
- all-day events (VALUE=DATE) have a DATE DTEND after DTSTART: exactly one day after for
  every event but a freeze (UID starting with "freeze-"), which may span several days;
- timed events, DTSTAMPs and alarm DTSTAMPs are in UTC: the value ends in Z, no TZID.

Output: {"version", "prodid", "name", "events": [{"uid", "summary", "description",
"dtstart", "dtend", "all_day", "sequence", "dtstamp", "transp", "alarms": [{"trigger",
"action", "description"}]}]}, where a date is YYYY-MM-DD, a date-time is RFC 3339 in UTC
(YYYY-MM-DDTHH:MM:SSZ) and an alarm's trigger is a number of seconds (negative: before
the start).
"""

import datetime
import json
import re
import sys

try:
    import icalendar
    from icalendar.parser import unescape_backslash
except ImportError:
    sys.stderr.write(
        "ics_read.py: the Python package `icalendar` is missing; install it in a virtual\n"
        "environment: python3 -m venv /tmp/golive-venv &&\n"
        "    /tmp/golive-venv/bin/pip install -r tests/requirements.txt\n"
    )
    sys.exit(3)

MAX_OCTETS = 75


class Problems:
    def __init__(self):
        self.items = []

    def add(self, message):
        self.items.append(message)


def check_lines(raw, problems):
    """CRLF everywhere, at most 75 octets a physical line; returns the physical lines."""
    if not raw.endswith(b"\r\n"):
        problems.add("the file does not end with CRLF")
    lines = raw.split(b"\r\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for n, line in enumerate(lines, 1):
        if b"\n" in line or b"\r" in line:
            problems.add(f"line {n}: a bare LF or CR (lines must end with CRLF): {line[:80]!r}")
        if len(line) > MAX_OCTETS:
            problems.add(f"line {n}: {len(line)} octets, more than {MAX_OCTETS}: {line!r}")
    return lines


def unfold(lines):
    """Logical content lines (bytes), a continuation line starting with a space or tab."""
    logical = []
    for line in lines:
        if line[:1] in (b" ", b"\t") and logical:
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


CONTENT_LINE = re.compile(rb"^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$", re.S)


def check_raw_properties(logical, problems):
    """Date and date-time properties as written: UTC (Z, no TZID) unless VALUE=DATE."""
    stack = []
    for line in logical:
        m = CONTENT_LINE.match(line)
        if not m:
            problems.add(f"not a content line: {line[:80]!r}")
            continue
        name = m.group(1).upper().decode()
        params = m.group(2).decode("utf-8", "replace").upper()
        value = m.group(3).decode("utf-8", "replace")
        if name == "BEGIN":
            stack.append(value.upper())
            continue
        if name == "END":
            if not stack or stack[-1] != value.upper():
                problems.add(f"END:{value} closes {stack[-1] if stack else 'nothing'}")
            else:
                stack.pop()
            continue
        inside = stack[-1] if stack else None
        if inside not in ("VEVENT", "VALARM") or name not in ("DTSTART", "DTEND", "DTSTAMP"):
            continue
        where = f"{inside} {name}:{value}"
        if "TZID=" in params:
            problems.add(f"{where}: has a TZID; timed events must be in UTC")
        if "VALUE=DATE" in params and "VALUE=DATE-TIME" not in params:
            if name == "DTSTAMP":
                problems.add(f"{where}: DTSTAMP must be a UTC date-time")
            elif not re.fullmatch(r"\d{8}", value):
                problems.add(f"{where}: VALUE=DATE but not a date")
        elif not re.fullmatch(r"\d{8}T\d{6}Z", value):
            problems.add(f"{where}: a date-time not in UTC (must end in Z)")
    if stack:
        problems.add(f"unclosed components: {stack}")


def iso(value):
    """A date as YYYY-MM-DD, a date-time as RFC 3339 in UTC."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise ValueError(f"floating date-time {value}")
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise ValueError(f"not a date: {value!r}")


def text(component, name):
    value = component.get(name)
    return None if value is None else str(value)


def calendar_text(cal, name):
    """A calendar property of type TEXT (RFC 7986's NAME, or X-WR-CALNAME), unescaped.

    icalendar 7 keeps these as vUnknown, its raw text with the escapes still in it
    (`A\\, b`), although they are TEXT; a version that decodes them as vText is taken as is.
    """
    value = cal.get(name)
    if value is None:
        return None
    if isinstance(value, icalendar.vUnknown):
        return unescape_backslash(str(value))
    return str(value)


def read(path):
    problems = Problems()
    with open(path, "rb") as f:
        raw = f.read()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        problems.add(f"not UTF-8: {e}")
    lines = check_lines(raw, problems)
    if not lines or lines[0] != b"BEGIN:VCALENDAR":
        problems.add(f"the file does not start with BEGIN:VCALENDAR: {lines[:1]!r}")
    if not lines or lines[-1] != b"END:VCALENDAR":
        problems.add(f"the file does not end with END:VCALENDAR: {lines[-1:]!r}")
    logical = unfold(lines)
    check_raw_properties(logical, problems)

    try:
        cal = icalendar.Calendar.from_ical(raw)
    except Exception as e:  # the parser's own verdict
        problems.add(f"icalendar cannot parse the file: {e}")
        return None, problems
    if isinstance(cal, list):
        problems.add(f"{len(cal)} calendars in one file")
        return None, problems
    for component in cal.walk():
        for prop, error in getattr(component, "errors", []):
            problems.add(f"{component.name} {prop}: icalendar: {error}")
    if str(cal.get("VERSION", "")) != "2.0":
        problems.add(f"VERSION is {cal.get('VERSION')!r}, not 2.0")
    if not cal.get("PRODID"):
        problems.add("no PRODID")

    events = []
    for ev in cal.walk("VEVENT"):
        uid = text(ev, "UID")
        for required in ("UID", "DTSTAMP", "DTSTART"):
            if ev.get(required) is None:
                problems.add(f"VEVENT {uid}: no {required}")
        if ev.get("DTSTART") is None:
            continue
        try:
            start = ev.decoded("DTSTART")
            end = ev.decoded("DTEND") if ev.get("DTEND") is not None else None
            stamp = ev.decoded("DTSTAMP") if ev.get("DTSTAMP") is not None else None
        except Exception as e:
            problems.add(f"VEVENT {uid}: cannot decode its dates: {e}")
            continue
        all_day = not isinstance(start, datetime.datetime)
        if all_day:
            if end is None or isinstance(end, datetime.datetime):
                problems.add(f"VEVENT {uid}: an all-day event needs a DATE DTEND, got {end!r}")
            elif (uid or "").startswith("freeze-"):
                if end <= start:
                    problems.add(f"VEVENT {uid}: DTEND {end} is not after DTSTART {start}")
            elif end != start + datetime.timedelta(days=1):
                problems.add(
                    f"VEVENT {uid}: DTEND {end} is not one day after DTSTART {start}"
                )
        else:
            for name, value in (("DTSTART", start), ("DTEND", end)):
                if isinstance(value, datetime.datetime) and value.utcoffset() != datetime.timedelta(0):
                    problems.add(f"VEVENT {uid}: {name} {value} is not UTC")
            if end is not None and not isinstance(end, datetime.datetime):
                problems.add(f"VEVENT {uid}: a timed event with a DATE DTEND {end}")
        alarms = []
        for alarm in ev.walk("VALARM"):
            trigger = alarm.decoded("TRIGGER") if alarm.get("TRIGGER") is not None else None
            if not isinstance(trigger, datetime.timedelta):
                problems.add(f"VEVENT {uid}: an alarm's TRIGGER is not a duration: {trigger!r}")
                continue
            alarms.append(
                {
                    "trigger": int(trigger.total_seconds()),
                    "action": text(alarm, "ACTION"),
                    "description": text(alarm, "DESCRIPTION"),
                }
            )
        sequence = ev.get("SEQUENCE")
        try:
            events.append(
                {
                    "uid": uid,
                    "summary": text(ev, "SUMMARY"),
                    "description": text(ev, "DESCRIPTION"),
                    "dtstart": iso(start),
                    "dtend": None if end is None else iso(end),
                    "all_day": all_day,
                    "sequence": None if sequence is None else int(sequence),
                    "dtstamp": None if stamp is None else iso(stamp),
                    "transp": text(ev, "TRANSP"),
                    "alarms": alarms,
                }
            )
        except ValueError as e:
            problems.add(f"VEVENT {uid}: {e}")
    result = {
        "version": text(cal, "VERSION"),
        "prodid": text(cal, "PRODID"),
        "name": calendar_text(cal, "X-WR-CALNAME") or calendar_text(cal, "NAME"),
        "events": events,
    }
    return result, problems


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: ics_read.py FILE.ics\n")
        return 2
    try:
        result, problems = read(argv[1])
    except OSError as e:
        sys.stderr.write(f"ics_read.py: cannot read {argv[1]}: {e}\n")
        return 2
    if problems.items:
        sys.stderr.write(f"ics_read.py: {argv[1]} breaks the iCalendar format:\n")
        for p in problems.items:
            sys.stderr.write(f"  {p}\n")
        return 1
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
