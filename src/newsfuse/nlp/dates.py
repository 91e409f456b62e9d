"""Dates and date-times found in capture lines, as ISO 8601 strings (with offset when the text gives a zone)."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil import parser as date_parser

_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_TIME = r"(?:\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"
_ZONE = r"(?:[A-Z]{2,5}\b|[+-]\d{2}:?\d{2}|Z\b)"
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"

_PATTERNS = [
    # 2025-02-13T01:16:03Z, 2025-02-13 01:16:03, 2025-02-13
    re.compile(rf"(?P<date>{_YEAR}-[01]\d-[0-3]\d)(?:[T ](?P<time>\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)\s*(?P<zone>{_ZONE})?)?"),
    # February 12, 2025 at 12:07 pm ET  /  Feb. 12, 2025, 3:07 p.m. EST
    re.compile(rf"(?P<date>{_MONTHS}\s+{_DAY},?\s+{_YEAR})(?:,?\s*(?:at\s+)?(?P<time>{_TIME})\s*(?P<zone>{_ZONE})?)?", re.I),
    # 12th February, 2025 / 13 Feb 2025 04:05 PM
    re.compile(rf"(?P<date>{_DAY}\s+{_MONTHS},?\s+{_YEAR})(?:,?\s*(?:at\s+)?(?P<time>{_TIME})\s*(?P<zone>{_ZONE})?)?", re.I),
    # 10:48, Tue, Nov 19, 2019 (time first)
    re.compile(rf"(?P<time>{_TIME})\s*(?P<zone>{_ZONE})?,?\s+(?:{_WEEKDAY}\s+)?(?P<date>{_MONTHS}\s+{_DAY},?\s+{_YEAR})", re.I),
]

# Zone abbreviations news sites print; the US ones follow daylight saving through the tz database.
_ZONES = {
    "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
    "CT": "America/Chicago", "CST": "America/Chicago", "CDT": "America/Chicago",
    "MT": "America/Denver", "MST": "America/Denver", "MDT": "America/Denver",
    "PT": "America/Los_Angeles", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
    "GMT": "UTC", "UTC": "UTC", "Z": "UTC", "BST": "Europe/London", "CET": "Europe/Paris", "CEST": "Europe/Paris",
    "IST": "Asia/Kolkata", "JST": "Asia/Tokyo", "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney",
}


def find_datetime(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first date (with time and zone when given) in ``text`` as ISO 8601, and where it stands."""
    best: tuple[int, re.Match[str]] | None = None
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), match)
    if best is None:
        return None
    match = best[1]
    iso = _to_iso(match.group("date"), match.group("time"), match.group("zone"))
    return (iso, match.span()) if iso else None


def normalise(value: str) -> str | None:
    """A metadata date string (ISO, RFC 822, or prose) as ISO 8601; ``None`` when it is not a date."""
    value = value.strip()
    if not value:
        return None
    found = find_datetime(value)
    if found:
        return found[0]
    try:
        parsed = date_parser.parse(value)
    except (ValueError, OverflowError):
        return None
    return _format(parsed, has_time=bool(re.search(r"\d:\d", value)))


def _to_iso(date: str, time: str | None, zone: str | None) -> str | None:
    date = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", date)
    clock = None
    if time:
        clock = time.replace(".", ":") if re.fullmatch(r"\d{1,2}\.\d{2}", time.strip()) else time
        clock = re.sub(r"([ap])\.?m\.?", r"\1m", clock, flags=re.I)
        hour = re.match(r"\s*(\d{1,2})", clock)
        if hour and int(hour.group(1)) > 12:  # "15:07 PM": a 24-hour clock with a stray marker
            clock = re.sub(r"\s*[ap]m", "", clock, flags=re.I)
    try:
        parsed = date_parser.parse(f"{date} {clock or ''}".strip(), default=datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        return None
    if clock and zone:
        parsed = _with_zone(parsed, zone.strip())
    return _format(parsed, has_time=clock is not None)


def _with_zone(moment: datetime, zone: str) -> datetime:
    if zone == "Z":
        return moment.replace(tzinfo=timezone.utc)
    offset = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", zone)
    if offset:
        sign = 1 if offset.group(1) == "+" else -1
        delta = timedelta(hours=int(offset.group(2)), minutes=int(offset.group(3)))
        return moment.replace(tzinfo=timezone(sign * delta))
    name = _ZONES.get(zone.upper())
    return moment.replace(tzinfo=ZoneInfo(name)) if name else moment


def _format(moment: datetime, *, has_time: bool) -> str:
    if not has_time:
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds")
