"""Live dot-voting: signed links, one ballot per phone, paper ballots and the tally.

The QR code's link carries a signature of the vote's id made with the vote's own salt
(`DotVote.salt`); opening a vote again draws a new salt, so old codes stop working. A
phone that opens the voting page gets a signed ballot id in a cookie; the ballot is
stored under that id, and a unique constraint refuses a second ballot with it.
"""

import uuid
from dataclasses import dataclass

import segno
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jamlik.needs.models import Ballot, BallotDot, DotVote, NeedStatement
from jamlik.people import audit

BALLOT_COOKIE = "jamlik_ballot"
BALLOT_MAX_AGE = 7 * 24 * 3600
VOTING_LANGUAGES = ("sv", "en", "ar")
RTL_LANGUAGES = frozenset({"ar", "fa", "ku", "ckb", "he", "ur", "ps"})


class BallotRejected(Exception):
    """The ballot was not counted; the message says why, to the person voting."""


class AlreadyVoted(BallotRejected):
    pass


# Links and tokens


def _signer(vote: DotVote, purpose: str) -> signing.Signer:
    return signing.Signer(salt=f"jamlik.needs.{purpose}:{vote.salt}")


def make_token(vote: DotVote) -> str:
    return _signer(vote, "vote").signature(str(vote.public_id))


def token_is_valid(vote: DotVote, token: str) -> bool:
    try:
        _signer(vote, "vote").unsign(f"{vote.public_id}:{token}")
    except signing.BadSignature:
        return False
    return True


def public_path(vote: DotVote) -> str:
    return reverse(
        "needs:ballot",
        args=[vote.inventory.program.slug, vote.public_id, make_token(vote)],
    )


def cookie_path(vote: DotVote) -> str:
    """The cookie is only sent back to this vote's own pages."""
    return public_path(vote).rsplit("/", 2)[0] + "/"


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=4, border=2, omitsize=True)


def new_ballot_cookie(vote: DotVote) -> str:
    return _signer(vote, "ballot").sign(str(uuid.uuid4()))


def ballot_id_from_cookie(vote: DotVote, value: str | None) -> uuid.UUID | None:
    if not value:
        return None
    try:
        return uuid.UUID(_signer(vote, "ballot").unsign(value))
    except (signing.BadSignature, ValueError):
        return None


def has_voted(vote: DotVote, ballot_id: uuid.UUID | None) -> bool:
    return ballot_id is not None and vote.ballots.filter(ballot_id=ballot_id).exists()


# Opening and closing


@transaction.atomic
def open_vote(*, access, vote: DotVote) -> DotVote:
    """Puts the inventory's statements (of the chosen phase) on the ballot and opens it."""
    statements = vote.inventory.statements.all()
    if vote.phase:
        statements = statements.filter(phase=vote.phase)
    if vote.status == DotVote.Status.DRAFT:
        if not statements.exists():
            raise BallotRejected(_("There are no statements to vote on yet."))
        vote.statements.set(statements)
    vote.status = DotVote.Status.OPEN
    vote.opened_at = timezone.now()
    vote.closed_at = None
    vote.salt = DotVote._meta.get_field("salt").get_default()
    vote.save()
    audit.record(
        user=access.user,
        program=access.program,
        action="update",
        object_type="dot_vote",
        object_ref=str(vote.public_id),
        detail={"status": "open", "statements": vote.statements.count()},
    )
    return vote


@transaction.atomic
def close_vote(*, access, vote: DotVote) -> DotVote:
    vote.status = DotVote.Status.CLOSED
    vote.closed_at = timezone.now()
    vote.save(update_fields=["status", "closed_at"])
    audit.record(
        user=access.user,
        program=access.program,
        action="update",
        object_type="dot_vote",
        object_ref=str(vote.public_id),
        detail={"status": "closed"},
    )
    return vote


# Ballots


def parse_dots(vote: DotVote, data) -> dict[int, int]:
    """Reads `dots-<statement id>` fields. Empty means 0; anything else must be a whole
    number from 0 up. Raises BallotRejected."""
    on_ballot = set(vote.statements.values_list("pk", flat=True))
    counts: dict[int, int] = {}
    for name, raw in data.items():
        if not name.startswith("dots-"):
            continue
        try:
            pk = int(name.removeprefix("dots-"))
        except ValueError:
            raise BallotRejected(_("The ballot names a statement that is not on it.")) from None
        if pk not in on_ballot:
            raise BallotRejected(_("The ballot names a statement that is not on it."))
        text = str(raw).strip() or "0"
        if not text.isdigit():
            raise BallotRejected(_("Dots must be whole numbers from 0 up."))
        if int(text):
            counts[pk] = int(text)
    return counts


def _check_total(counts: dict[int, int], allowed: int) -> None:
    used = sum(counts.values())
    if used == 0:
        raise BallotRejected(_("Place at least one dot before you send."))
    if used > allowed:
        raise BallotRejected(
            ngettext(
                "You may place %(allowed)d dot but placed %(used)d. Take some away and send "
                "again; nothing was counted.",
                "You may place %(allowed)d dots but placed %(used)d. Take some away and send "
                "again; nothing was counted.",
                allowed,
            )
            % {"allowed": allowed, "used": used}
        )


def _save_ballot(*, vote: DotVote, counts: dict[int, int], **fields) -> Ballot:
    try:
        with transaction.atomic():
            ballot = Ballot.objects.create(vote=vote, **fields)
            BallotDot.objects.bulk_create(
                BallotDot(ballot=ballot, statement_id=pk, count=n) for pk, n in counts.items()
            )
    except IntegrityError:
        raise AlreadyVoted(_("This phone has already voted. Thank you!")) from None
    return ballot


def cast_ballot(
    *, vote: DotVote, ballot_id: uuid.UUID | None, counts: dict[int, int], language: str
) -> Ballot:
    """Counts a phone's ballot, all of it or nothing."""
    if ballot_id is None:
        raise BallotRejected(
            _("Your phone did not keep the voting cookie. Open the link from the QR code again.")
        )
    with transaction.atomic():
        current = DotVote.objects.select_for_update().get(pk=vote.pk)
        if current.status != DotVote.Status.OPEN:
            raise BallotRejected(_("This vote is closed."))
        if current.ballots.filter(ballot_id=ballot_id).exists():
            raise AlreadyVoted(_("This phone has already voted. Thank you!"))
        _check_total(counts, current.dots)
        ballot = _save_ballot(
            vote=current, counts=counts, ballot_id=ballot_id, language=language[:12]
        )
        audit.record(
            user=None,
            program=vote.inventory.program,
            action="create",
            object_type="ballot",
            object_ref=str(vote.public_id),
            detail={"kind": "phone", "dots": sum(counts.values()), "language": language},
        )
    return ballot


def enter_paper_ballots(
    *, access, vote: DotVote, entry_id: uuid.UUID, sheets: int, counts: dict[int, int]
) -> Ballot:
    """Adds a batch of paper ballots counted by hand. `entry_id` comes from the form, so
    sending the same form twice adds the batch once."""
    if sheets < 1:
        raise BallotRejected(_("Enter how many paper ballots the dots come from."))
    with transaction.atomic():
        current = DotVote.objects.select_for_update().get(pk=vote.pk)
        if current.status == DotVote.Status.DRAFT:
            raise BallotRejected(_("Open the vote before entering paper ballots."))
        if current.ballots.filter(ballot_id=entry_id).exists():
            raise AlreadyVoted(_("These paper ballots were already entered."))
        _check_total(counts, current.dots * sheets)
        ballot = _save_ballot(
            vote=current,
            counts=counts,
            ballot_id=entry_id,
            kind=Ballot.Kind.PAPER,
            sheets=sheets,
            entered_by=access.user,
        )
        audit.record(
            user=access.user,
            program=access.program,
            action="create",
            object_type="ballot",
            object_ref=str(vote.public_id),
            detail={"kind": "paper", "sheets": sheets, "dots": sum(counts.values())},
        )
    return ballot


# Tally


@dataclass(frozen=True)
class TallyRow:
    statement: NeedStatement
    dots: int
    percent: int  # of the most-voted statement's dots, for the bar


@dataclass(frozen=True)
class Tally:
    rows: list[TallyRow]
    phones: int
    paper_sheets: int
    dots: int


def tally(vote: DotVote) -> Tally:
    statements = list(
        vote.statements.annotate(
            total=Sum("dots__count", filter=Q(dots__ballot__vote=vote), default=0)
        ).order_by("-total", "pk")
    )
    top = max((s.total for s in statements), default=0) or 1
    rows = [TallyRow(s, s.total, round(100 * s.total / top)) for s in statements]
    counts = vote.ballots.aggregate(
        phones=Count("pk", filter=Q(kind=Ballot.Kind.PHONE)),
        paper=Sum("sheets", filter=Q(kind=Ballot.Kind.PAPER), default=0),
    )
    return Tally(rows, counts["phones"], counts["paper"], sum(r.dots for r in rows))
