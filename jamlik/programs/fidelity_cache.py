"""The model-fidelity rows (`fidelity.compute_fidelity`) computed once, never served stale.

The eleven criteria read about twenty queries per program and period (needs inventories,
workshops and their needs, the governance bodies, meetings, attendance, decisions and votes,
memberships, partnerships and partners, half-year evaluations); the city dashboard reads
them for every program and the report draft and evaluation again. They are stored per
program, period, language and day (criteria depend on today) under a stamp:

- the stamp is the hash of `fidelity.py`'s source (a changed rule is a new version) and the
  token of the one `FidelityStamp` row;
- every save or delete of a model the criteria read (and every change of a workshop's
  needs) puts a new random token in that row, in the write's transaction (signals,
  connected in `ProgramsConfig.ready`); bulk writes that bypass signals call
  `fidelity_changed()`, and `figures_changed(days=None)` (imports, synthetic data, the
  admin) calls it too;
- a read takes the token before computing and stores the rows under it, so rows computed
  while a write commits are never read again. A hit costs one query.
- With `FIGURES_CACHE_CHECK` on (the test suite), every hit is compared with a plain
  computation, so a write path that forgets the token fails its tests.
"""

import hashlib
import json
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Subquery
from django.utils import translation

from jamlik.lib.periods import Period
from jamlik.programs.models import CachedFidelity, FidelityStamp, Program

STAMP_PK = 1
_version: str | None = None


class StaleFidelity(AssertionError):
    """A cached fidelity row differs from a plain computation (a write forgot the token)."""


def code_version() -> str:
    global _version
    if _version is None:
        source = (Path(__file__).parent / "fidelity.py").read_bytes()
        _version = hashlib.sha256(source).hexdigest()[:16]
    return _version


def fidelity_changed(**_: Any) -> None:
    """Something the fidelity criteria read may have changed: no cached row is read again.
    Takes any keyword arguments, so that it can be connected to signals as it is."""
    FidelityStamp.objects.bulk_create(
        [FidelityStamp(pk=STAMP_PK, token=uuid.uuid4().hex)],
        update_conflicts=True,
        unique_fields=["pk"],
        update_fields=["token"],
    )


def _stamp(token: str | None) -> str:
    return f"{code_version()}:{token or ''}"


def cached(
    program: Program,
    period: Period,
    today: date,
    compute: Callable[..., list[dict[str, Any]]],
) -> list[dict[str, Any]]:
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = {"program": program, "start": period.start, "end": period.end, "language": language}
    token = FidelityStamp.objects.filter(pk=STAMP_PK).values("token")[:1]
    hit = (
        CachedFidelity.objects.filter(**key, today=today)
        .annotate(current=Subquery(token))
        .values_list("stamp", "current", "rows")
        .first()
    )
    if hit is not None and hit[0] == _stamp(hit[1]):
        rows = json.loads(hit[2])
        if settings.FIGURES_CACHE_CHECK and rows != compute(program, period, today=today):
            raise StaleFidelity(f"{program.slug} {period.label}")
        return rows
    stamp = _stamp(
        FidelityStamp.objects.filter(pk=STAMP_PK).values_list("token", flat=True).first()
    )
    rows = compute(program, period, today=today)
    CachedFidelity.objects.bulk_create(
        [CachedFidelity(**key, today=today, stamp=stamp, rows=json.dumps(rows))],
        update_conflicts=True,
        unique_fields=["program", "start", "end", "language"],
        update_fields=["today", "stamp", "rows"],
    )
    return rows


def watched_models() -> list:
    """The models the criteria read: a save or delete of any of them changes the token."""
    from jamlik.goals.models import HalfYearEvaluation
    from jamlik.governance.models import Attendance, Body, Decision, Meeting, Membership, Vote
    from jamlik.needs.models import Need, NeedsInventory
    from jamlik.partners.models import Partner, Partnership
    from jamlik.workshops.models import Workshop

    return [
        HalfYearEvaluation,
        Attendance,
        Body,
        Decision,
        Meeting,
        Membership,
        Vote,
        Need,
        NeedsInventory,
        Partner,
        Partnership,
        Workshop,
    ]


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from jamlik.workshops.models import Workshop

    for model in watched_models():
        post_save.connect(fidelity_changed, sender=model, dispatch_uid=f"fidelity-{model}")
        post_delete.connect(fidelity_changed, sender=model, dispatch_uid=f"fidelity-d-{model}")
    m2m_changed.connect(_needs_changed, sender=Workshop.needs.through, dispatch_uid="fidelity-m2m")


def _needs_changed(*, action: str, **_: Any) -> None:
    if action.startswith("post_"):
        fidelity_changed()
