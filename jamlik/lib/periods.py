"""Reporting periods: half-years, years and explicit date ranges."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

_HALF = re.compile(r"^(\d{4})H([12])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


class PeriodError(ValueError):
    """The text does not name a period; the message says what would."""


@dataclass(frozen=True)
class Period:
    label: str
    start: date
    end: date  # inclusive

    @classmethod
    def parse(cls, text: str) -> "Period":
        text = text.strip()
        if m := _HALF.match(text):
            year, half = int(m[1]), int(m[2])
            label = f"{year}H{half}"  # 2023h2 is accepted and named 2023H2
            if half == 1:
                return cls(label, date(year, 1, 1), date(year, 6, 30))
            return cls(label, date(year, 7, 1), date(year, 12, 31))
        if m := _YEAR.match(text):
            year = int(m[1])
            return cls(text, date(year, 1, 1), date(year, 12, 31))
        if m := _RANGE.match(text):
            try:
                start, end = date.fromisoformat(m[1]), date.fromisoformat(m[2])
            except ValueError:
                raise PeriodError(
                    _("“%(text)s”: one of the dates does not exist.") % {"text": text}
                ) from None
            if end < start:
                raise PeriodError(
                    _("“%(text)s”: the end date is before the start date.") % {"text": text}
                )
            return cls(text, start, end)
        raise PeriodError(
            _(
                "“%(text)s” is not a period: write a half-year (2023H1 or 2023H2), a year "
                "(2023) or two dates (2023-07-01..2023-12-31)."
            )
            % {"text": text}
        )

    @classmethod
    def half_year_of(cls, day: date) -> "Period":
        return cls.parse(f"{day.year}H{1 if day.month <= 6 else 2}")

    @property
    def is_whole(self) -> bool:
        """A half-year or a calendar year, however it was written."""
        halves = ((1, 1), (7, 1))
        if (self.start.month, self.start.day) not in halves:
            return False
        if self.start.month == 1 and self.end == date(self.start.year, 6, 30):
            return True
        return self.end == date(self.start.year, 12, 31)

    def previous(self) -> "Period":
        """The comparable period just before this one."""
        if _HALF.match(self.label):
            return Period.half_year_of(self.start - timedelta(days=1))
        if _YEAR.match(self.label):
            return Period.parse(str(self.start.year - 1))
        length = self.end - self.start
        end = self.start - timedelta(days=1)
        start = end - length
        return Period(f"{start.isoformat()}..{end.isoformat()}", start, end)

    def following(self) -> "Period":
        """The comparable period just after this one."""
        if _HALF.match(self.label):
            return Period.half_year_of(self.end + timedelta(days=1))
        if _YEAR.match(self.label):
            return Period.parse(str(self.start.year + 1))
        length = self.end - self.start
        start = self.end + timedelta(days=1)
        end = start + length
        return Period(f"{start.isoformat()}..{end.isoformat()}", start, end)

    def as_dict(self) -> dict[str, str]:
        return {"label": self.label, "start": self.start.isoformat(), "end": self.end.isoformat()}
