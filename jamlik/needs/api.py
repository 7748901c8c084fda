from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from jamlik.lib.periods import Period, PeriodError
from jamlik.needs import figures, voting
from jamlik.people.access import get_program_access, get_vote_for_user

router = Router(tags=["needs"])


class NeedOut(Schema):
    key: str
    title: str
    priority: int | None
    theme: str
    determinants: list[str]
    workshops: list[str]
    met: bool


def _need_out(need) -> dict[str, Any]:
    workshops = list(need.workshops.all())
    return {
        "key": need.key,
        "title": need.title,
        "priority": need.priority,
        "theme": need.theme.name if need.theme else "",
        "determinants": need.determinants,
        "workshops": [w.key for w in workshops],
        "met": any(w.status == "active" for w in workshops),
    }


@router.get("/{slug}/needs", response=list[NeedOut])
def need_list(request: HttpRequest, slug: str):
    """The program's needs, most important first, with the workshops that address them.
    `met` is true when an active workshop addresses the need."""
    access = get_program_access(request.user, slug)
    return [_need_out(n) for n in figures.needs_with_workshops(access.program)]


@router.get("/{slug}/needs/unmet", response=list[NeedOut])
def need_unmet(request: HttpRequest, slug: str):
    """Prioritised needs that no active workshop addresses."""
    access = get_program_access(request.user, slug)
    return [_need_out(n) for n in figures.unmet_needs(access.program)]


@router.get("/{slug}/needs/summary", response=dict[str, Any])
def need_summary(request: HttpRequest, slug: str, period: str):
    """What the report's "Behov och inriktning" is built from, for a period."""
    access = get_program_access(request.user, slug)
    try:
        parsed = Period.parse(period)
    except PeriodError as exc:
        raise HttpError(422, str(exc)) from None
    return figures.needs_summary(access.program, parsed)


class TallyRowOut(Schema):
    statement: int
    text: str
    language: str
    text_sv: str
    dots: int


class TallyOut(Schema):
    status: str
    phones: int
    paper_sheets: int
    dots: int
    rows: list[TallyRowOut]


@router.get("/{slug}/votes/{public_id}/tally", response=TallyOut)
def vote_tally(request: HttpRequest, slug: str, public_id: UUID):
    _access, vote = get_vote_for_user(request.user, slug, public_id)
    result = voting.tally(vote)
    return {
        "status": vote.status,
        "phones": result.phones,
        "paper_sheets": result.paper_sheets,
        "dots": result.dots,
        "rows": [
            {
                "statement": r.statement.pk,
                "text": r.statement.text,
                "language": r.statement.language,
                "text_sv": r.statement.text_sv,
                "dots": r.dots,
            }
            for r in result.rows
        ],
    }
