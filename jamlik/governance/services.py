"""Keeping the record of a body: every write, with its audit row in the same transaction.

Rules that a write could break raise ValidationError with a message for the page.
"""

import functools
from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jamlik.governance import ical
from jamlik.governance.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Body,
    Decision,
    Meeting,
    Membership,
    Vote,
)
from jamlik.governance.rules import NoVote, suggest_chair, voting_unit
from jamlik.governance.tasks import send_agenda_email
from jamlik.partners.models import Partner
from jamlik.people import audit
from jamlik.people.access import ProgramAccess
from jamlik.people.models import HealthPromoter
from jamlik.premises.models import Premises

# Keys that would shadow the governance pages' own addresses.
RESERVED_BODY_KEYS = frozenset({"bodies", "power-shift", "feed"})


# Bodies and members


@transaction.atomic
def create_body(
    *,
    access: ProgramAccess,
    key: str,
    name: str,
    kind: str,
    cadence: str = "",
    default_location: str = "",
    convener: Partner | None = None,
) -> Body:
    if key in RESERVED_BODY_KEYS:
        raise ValidationError(_("This key is reserved; choose another."), code="key_reserved")
    if Body.objects.filter(program=access.program, key=key).exists():
        raise ValidationError(_("Another body already has this key."), code="key_taken")
    body = Body.objects.create(
        program=access.program,
        key=key,
        name=name,
        kind=kind,
        cadence=cadence or Body.default_cadence(kind),
        default_location=default_location,
        convener=convener,
    )
    audit.record_by(access, "create", "body", body.key, kind=kind)
    return body


@transaction.atomic
def change_body(*, access: ProgramAccess, form) -> Body:
    """Saves a valid BodySettingsForm, audited."""
    body = form.save()
    audit.record_by(
        access,
        "update",
        "body",
        body.key,
        changed=sorted(form.changed_data),
        promoter_votes=body.promoter_votes,
        resident_votes=body.resident_votes,
    )
    return body


@transaction.atomic
def add_membership(
    *,
    access: ProgramAccess,
    body: Body,
    kind: str,
    name: str,
    starts_on: date,
    role: str = Membership.Role.MEMBER,
    partner: Partner | None = None,
    health_promoter: HealthPromoter | None = None,
    email: str = "",
    ends_on: date | None = None,
) -> Membership:
    if health_promoter is not None and health_promoter.program_id != body.program_id:
        raise ValidationError(_("This health promoter works in another program."))
    if kind == Membership.Kind.PARTNER and partner is None:
        raise ValidationError(_("Choose the partner this member represents."))
    if kind == Membership.Kind.HEALTH_PROMOTER and health_promoter is None:
        raise ValidationError(_("Choose the health promoter."))
    membership = Membership.objects.create(
        body=body,
        kind=kind,
        name=name or (health_promoter.name if health_promoter else ""),
        role=role,
        partner=partner if kind == Membership.Kind.PARTNER else None,
        health_promoter=health_promoter if kind == Membership.Kind.HEALTH_PROMOTER else None,
        user=health_promoter.user if health_promoter else None,
        email=email,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    audit.record_by(access, "create", "membership", membership.pk, body=body.key, kind=kind)
    return membership


@transaction.atomic
def end_membership(*, access: ProgramAccess, membership: Membership, on: date) -> None:
    if on < membership.starts_on:
        raise ValidationError(_("A membership cannot end before it starts."))
    membership.ends_on = on
    membership.save(update_fields=["ends_on"])
    audit.record_by(access, "update", "membership", membership.pk, ends_on=on.isoformat())


# Meetings


def new_meeting_key(body: Body, day: date) -> str:
    key = day.isoformat()
    taken = set(body.meetings.filter(key__startswith=key).values_list("key", flat=True))
    n = 2
    candidate = key
    while candidate in taken:
        candidate = f"{key}-{n}"
        n += 1
    return candidate


def _check_place(body: Body, place: Premises | None) -> None:
    if place is not None and place.program_id != body.program_id:
        raise ValidationError(_("The place belongs to another program."))


@transaction.atomic
def create_meeting(
    *,
    access: ProgramAccess,
    body: Body,
    date: date,
    starts_at: time | None = None,
    ends_at: time | None = None,
    location: str = "",
    chair: Membership | None = None,
    place: Premises | None = None,
) -> Meeting:
    """A planned meeting; the hub's chair is suggested by rotation unless one is given."""
    _check_place(body, place)
    if chair is not None and chair.body_id != body.pk:
        raise ValidationError(_("The chair must be a member of the body."))
    if chair is None and body.is_hub:
        chair = suggest_chair(body, on=date)
    meeting = Meeting.objects.create(
        body=body,
        key=new_meeting_key(body, date),
        date=date,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location or (place.name if place else body.default_location),
        place=place,
        chair=chair,
    )
    carry_open_actions(meeting)
    audit.record_by(access, "create", "meeting", f"{body.key}/{meeting.key}")
    return meeting


@transaction.atomic
def update_meeting(
    *,
    access: ProgramAccess,
    meeting: Meeting,
    date: date,
    starts_at: time | None,
    ends_at: time | None,
    location: str,
    chair: Membership | None,
    status: str,
    place: Premises | None = None,
) -> Meeting:
    if chair is not None and chair.body_id != meeting.body_id:
        raise ValidationError(_("The chair must be a member of the body."))
    _check_place(meeting.body, place)
    before = meeting.schedule()
    meeting.date, meeting.starts_at, meeting.ends_at = date, starts_at, ends_at
    meeting.location, meeting.chair, meeting.status = location, chair, status
    if place is not None and not location:
        meeting.location = place.name
    meeting.place = place
    if meeting.schedule() != before:
        meeting.revision += 1
    meeting.save()
    audit.record_by(
        access,
        "update",
        "meeting",
        f"{meeting.body.key}/{meeting.key}",
        status=status,
        chair=chair.pk if chair else None,
    )
    return meeting


def _next_position(meeting: Meeting) -> int:
    return (meeting.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
def add_agenda_item(
    *,
    access: ProgramAccess,
    meeting: Meeting,
    title: str,
    kind: str,
    category: str,
    initiated_by: str = "",
    proposed_by: Membership | None = None,
    description: str = "",
) -> AgendaItem:
    initiated_by = _initiator(meeting, proposed_by, initiated_by)
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=_next_position(meeting),
        title=title,
        description=description,
        kind=kind,
        category=category,
        initiated_by=initiated_by,
        proposed_by=proposed_by,
    )
    audit.record_by(access, "create", "agenda_item", item.pk, meeting=meeting.key)
    return item


def _initiator(meeting: Meeting, proposed_by: Membership | None, initiated_by: str) -> str:
    """Whose initiative an item is: as given, else the proposer's seat."""
    if proposed_by is not None and proposed_by.body_id != meeting.body_id:
        raise ValidationError(_("The proposer must be a member of the body."))
    if not initiated_by:
        if proposed_by is None:
            raise ValidationError(_("Say who initiated the item."))
        initiated_by = proposed_by.initiator
    return initiated_by


def _check_agenda_open(meeting: Meeting) -> None:
    if meeting.minutes_approved_at is not None:
        raise ValidationError(
            _("The minutes of this meeting are approved: its agenda can no longer change."),
            code="minutes_approved",
        )


@transaction.atomic
def change_agenda_item(
    *,
    access: ProgramAccess,
    item: AgendaItem,
    title: str,
    kind: str,
    category: str,
    position: int,
    initiated_by: str = "",
    proposed_by: Membership | None = None,
    description: str = "",
) -> AgendaItem:
    """Changes an item of an agenda whose minutes are not yet approved; a new number moves
    the item there and renumbers the others."""
    meeting = item.meeting
    _check_agenda_open(meeting)
    initiated_by = _initiator(meeting, proposed_by, initiated_by)
    fields = {
        "title": title,
        "description": description,
        "kind": kind,
        "category": category,
        "initiated_by": initiated_by,
        "proposed_by": proposed_by,
    }
    changed = sorted(name for name, value in fields.items() if getattr(item, name) != value)
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    if position != item.position:
        changed.append("position")
        _move(item, position)
    audit.record_by(access, "update", "agenda_item", item.pk, meeting=meeting.key, changed=changed)
    return item


def _move(item: AgendaItem, position: int) -> None:
    others = [i for i in item.meeting.agenda_items.order_by("position", "pk") if i.pk != item.pk]
    index = max(0, min(position - 1, len(others)))
    _number([*others[:index], item, *others[index:]])


def _number(items: list[AgendaItem]) -> None:
    """Numbers the items 1, 2, 3 … in the order given, saving only those that move."""
    for number, each in enumerate(items, start=1):
        if each.position != number:
            each.position = number
            each.save(update_fields=["position"])


@transaction.atomic
def delete_agenda_item(*, access: ProgramAccess, item: AgendaItem) -> None:
    """Removes an item from an agenda not yet approved; an item with a decision stays."""
    meeting = item.meeting
    _check_agenda_open(meeting)
    if item.decisions.exists():
        raise ValidationError(
            _("A decision was taken under this item: it cannot be removed."), code="has_decision"
        )
    ref = item.pk
    item.delete()
    _number(list(meeting.agenda_items.order_by("position", "pk")))
    audit.record_by(access, "delete", "agenda_item", ref, meeting=meeting.key)


def carry_open_actions(meeting: Meeting) -> int:
    """Puts each open action item from the body's earlier meetings on this agenda.

    Idempotent; returns the number of items added.
    """
    open_items = (
        ActionItem.objects.filter(
            meeting__body=meeting.body,
            status=ActionItem.Status.OPEN,
            meeting__date__lt=meeting.date,
        )
        .exclude(follow_ups__meeting=meeting)
        .select_related("owner")
        .order_by("meeting__date", "pk")
    )
    added = 0
    for item in open_items:
        title = _("Follow-up: %(text)s") % {"text": item.text}
        AgendaItem.objects.create(
            meeting=meeting,
            position=_next_position(meeting),
            title=title[:200],
            kind=AgendaItem.Kind.INFORMATION,
            initiated_by=item.owner.initiator if item.owner else "partner_staff",
            proposed_by=item.owner,
            follow_up_of=item,
        )
        added += 1
    return added


# The agenda, sent with an invitation


@transaction.atomic
def send_agenda(*, access: ProgramAccess, meeting: Meeting, meeting_url: str) -> int:
    """Marks the agenda sent and e-mails it, with an .ics invitation, to every seat.

    Returns the number of recipients; the e-mail is queued as a task when the transaction
    commits (sent at once with the immediate task backend).
    """
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("The meeting is cancelled."))
    if not meeting.agenda_items.exists():
        raise ValidationError(_("The agenda is empty."))
    today = timezone.localdate()
    recipients = sorted(
        {
            m.email_address
            for m in meeting.body.memberships.select_related("user")
            if m.is_current(max(today, meeting.date)) and m.email_address
        }
    )
    meeting.agenda_sent_at = timezone.now()
    meeting.save(update_fields=["agenda_sent_at"])
    audit.record_by(
        access,
        "update",
        "agenda_sent",
        f"{meeting.body.key}/{meeting.key}",
        recipients=len(recipients),
        late=meeting.agenda_is_late(today),
    )
    if recipients:
        transaction.on_commit(
            functools.partial(send_agenda_email.enqueue, meeting.pk, recipients, meeting_url)
        )
    return len(recipients)


def agenda_email(meeting: Meeting, recipients: list[str], url: str) -> EmailMultiAlternatives:
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "items": list(meeting.agenda_items.all()),
        "url": url,
    }
    # Sent in the program's language whatever the sender's browser speaks.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("governance/emails/agenda-subject.txt", context).strip()
        text = render_to_string("governance/emails/agenda-body.txt", context)
        html = render_to_string("governance/emails/agenda-body.html", context)
        invite = ical.invitation(meeting, recipients=recipients, url=url)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[settings.DEFAULT_FROM_EMAIL],
        bcc=recipients,
    )
    message.attach_alternative(html, "text/html")
    message.attach("invite.ics", invite, "text/calendar; method=REQUEST; charset=utf-8")
    return message


# Attendance, decisions and votes


@transaction.atomic
def set_attendance(
    *,
    access: ProgramAccess,
    meeting: Meeting,
    membership: Membership,
    status: str,
    substitute_name: str = "",
) -> Attendance:
    if membership.body_id != meeting.body_id:
        raise ValidationError(_("Not a member of this body."))
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting,
        membership=membership,
        defaults={
            "status": status,
            "substitute_name": substitute_name if status == Attendance.Status.SUBSTITUTE else "",
        },
    )
    audit.record_by(access, "update", "attendance", f"{meeting.key}/{membership.pk}", status=status)
    return attendance


def check_anchor(meeting: Meeting, anchor: Decision) -> None:
    """An anchoring decision is an earlier (or same-day) steering-group decision."""
    body = anchor.meeting.body
    if body.kind != Body.Kind.STEERING or body.program_id != meeting.body.program_id:
        raise ValidationError(_("Only a steering-group decision of this program anchors."))
    if anchor.meeting.date > meeting.date:
        raise ValidationError(
            _("The steering group must have decided beforehand, not after the hub.")
        )


@transaction.atomic
def record_decision(
    *,
    access: ProgramAccess,
    meeting: Meeting,
    text: str,
    method: str,
    category: str,
    initiated_by: str,
    agenda_item: AgendaItem | None = None,
    anchored_by: Decision | None = None,
) -> Decision:
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError(_("The agenda item belongs to another meeting."))
    if anchored_by is not None:
        check_anchor(meeting, anchored_by)
    number = (meeting.decisions.aggregate(m=Max("number"))["m"] or 0) + 1
    decision = Decision.objects.create(
        meeting=meeting,
        agenda_item=agenda_item,
        number=number,
        text=text,
        method=method,
        category=category,
        initiated_by=initiated_by,
        anchored_by=anchored_by,
    )
    audit.record_by(
        access,
        "create",
        "decision",
        f"{meeting.body.key}/{meeting.key}/{number}",
        category=category,
        decision_capable=meeting.is_decision_capable(),
        unanchored=decision.is_unanchored,
    )
    return decision


@transaction.atomic
def link_anchor(*, access: ProgramAccess, decision: Decision, anchored_by: Decision | None) -> None:
    if anchored_by is not None:
        check_anchor(decision.meeting, anchored_by)
    decision.anchored_by = anchored_by
    decision.save(update_fields=["anchored_by"])
    audit.record_by(
        access,
        "update",
        "decision",
        f"{decision.meeting.key}/{decision.number}",
        anchored_by=anchored_by.pk if anchored_by else None,
    )


@transaction.atomic
def cast_vote(
    *, access: ProgramAccess, decision: Decision, membership: Membership, choice: str
) -> Vote:
    """Records one person's vote; `rules.tally` counts one vote per partner."""
    meeting = decision.meeting
    if decision.method != Decision.Method.VOTE:
        raise ValidationError(_("This decision was taken by consensus."))
    if membership.body_id != meeting.body_id:
        raise ValidationError(_("Not a member of this body."))
    present = Attendance.objects.filter(meeting=meeting, membership=membership).first()
    if present is None or not present.takes_part:
        raise ValidationError(_("%(name)s is not recorded as present.") % {"name": membership.name})
    try:
        unit = voting_unit(membership)
    except NoVote:
        raise ValidationError(
            _("%(name)s has no vote under this body's rules.") % {"name": membership.name}
        ) from None
    vote, _created = Vote.objects.update_or_create(
        decision=decision, membership=membership, defaults={"choice": choice, "unit": unit}
    )
    audit.record_by(access, "update", "vote", f"{meeting.key}/{decision.number}/{membership.pk}")
    return vote


# Minutes


@transaction.atomic
def save_minutes(*, access: ProgramAccess, meeting: Meeting, text: str) -> None:
    if meeting.minutes_are_approved:
        raise ValidationError(_("Approved minutes are not changed."))
    meeting.minutes = text
    meeting.save(update_fields=["minutes"])
    audit.record_by(
        access, "update", "minutes", f"{meeting.body.key}/{meeting.key}", length=len(text)
    )


@transaction.atomic
def approve_minutes(*, access: ProgramAccess, meeting: Meeting, at: Meeting) -> None:
    """Approves a meeting's minutes at a later meeting of the same body."""
    if at.body_id != meeting.body_id or (at.date, at.pk) <= (meeting.date, meeting.pk):
        raise ValidationError(_("Minutes are approved at a later meeting of the same body."))
    if meeting.minutes_are_approved:
        raise ValidationError(_("These minutes are already approved."))
    if not meeting.minutes.strip():
        raise ValidationError(_("There are no minutes to approve yet."))
    meeting.minutes_approved_at = timezone.now()
    meeting.minutes_approved_in = at
    meeting.save(update_fields=["minutes_approved_at", "minutes_approved_in"])
    audit.record_by(
        access, "update", "minutes_approved", f"{meeting.body.key}/{meeting.key}", at=at.key
    )


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(body=meeting.body, date__lte=meeting.date)
        .exclude(pk=meeting.pk)
        .exclude(status=Meeting.Status.CANCELLED)
        .exclude(date=meeting.date, pk__gt=meeting.pk)
        .order_by("-date", "-pk")
        .first()
    )


# Action items


@transaction.atomic
def add_action_item(
    *,
    access: ProgramAccess,
    meeting: Meeting,
    text: str,
    owner: Membership | None = None,
    due_on: date | None = None,
    decision: Decision | None = None,
) -> ActionItem:
    if owner is not None and owner.body_id != meeting.body_id:
        raise ValidationError(_("The owner must be a member of the body."))
    item = ActionItem.objects.create(
        meeting=meeting, text=text, owner=owner, due_on=due_on, decision=decision
    )
    # A next meeting already planned gets the item on its agenda now.
    following = (
        Meeting.objects.filter(
            body=meeting.body, date__gt=meeting.date, status=Meeting.Status.PLANNED
        )
        .order_by("date", "pk")
        .first()
    )
    if following is not None:
        carry_open_actions(following)
    audit.record_by(access, "create", "action_item", item.pk, meeting=meeting.key)
    return item


@transaction.atomic
def set_action_status(
    *, access: ProgramAccess, item: ActionItem, status: str, at: Meeting
) -> ActionItem:
    """Follows an action item up at meeting `at`: done, dropped, or open again."""
    item.status = status
    item.closed_in = None if status == ActionItem.Status.OPEN else at
    item.save(update_fields=["status", "closed_in"])
    if status != ActionItem.Status.OPEN:
        # Closed items leave the agendas of meetings still to come.
        AgendaItem.objects.filter(
            follow_up_of=item,
            meeting__status=Meeting.Status.PLANNED,
            meeting__date__gt=at.date,
        ).delete()
    audit.record_by(access, "update", "action_item", item.pk, status=status, at=at.key)
    return item


def meeting_start(meeting: Meeting) -> datetime | None:
    if meeting.starts_at is None:
        return None
    return timezone.make_aware(datetime.combine(meeting.date, meeting.starts_at))
