"""Synthetic governance for the demo program: a hub, a steering group and two years of
meetings in which decision space slowly moves to health promoters and residents.

`seed_governance(program, rng)` runs after the program's partners and health promoters
exist; every name here is invented.
"""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from jamlik.governance import rules
from jamlik.governance.models import (
    ANCHORED_CATEGORIES,
    ActionItem,
    AgendaItem,
    Attendance,
    Body,
    Decision,
    Meeting,
    Membership,
    Vote,
)
from jamlik.governance.services import carry_open_actions
from jamlik.partners.models import Commitment, Partnership
from jamlik.partners.validators import luhn_ok
from jamlik.programs.models import Program

FIRST_NAMES = [
    "Alva", "Bruno", "Cecilia", "Dragan", "Elin", "Farid", "Greta", "Hamid", "Ida", "Jonas",
    "Karin", "Leyla", "Milan", "Nora", "Omar", "Petra", "Rasmus", "Sanna", "Tariq", "Ulla",
]  # fmt: skip
LAST_NAMES = [
    "Ahlgren", "Berglöf", "Dahlqvist", "Ekström", "Forsell", "Granlund", "Hedman", "Isaksson",
    "Jäderberg", "Kvist", "Lindfors", "Malmsten", "Nordin", "Öberg", "Sandell", "Tornberg",
]  # fmt: skip
HUB_ITEMS = [
    ("Planering av områdesdagen", "discussion", "other"),
    ("Nya deltagare i kvinnohälsoverkstaden", "information", "other"),
    ("Lokal för söndagsträningen", "decision", "other"),
    ("Material till hälsocirklarna", "decision", "financing"),
    ("Rekrytering av hälsofrämjare till barn och unga", "decision", "staff"),
    ("Samarbete med vårdcentralen om kost", "discussion", "other"),
    ("Dialogforum med polisen", "decision", "other"),
    ("Utvärderingsenkät till hösten", "information", "other"),
    ("Ny verkstad för barn och unga", "decision", "major_change"),
    ("Kommunikationsplanen", "discussion", "other"),
    ("Fika och lokalhyra vid större evenemang", "decision", "financing"),
    ("Språkcafé på biblioteket", "decision", "other"),
]
STEERING_ITEMS = [
    ("Verksamhetsrapport och ekonomisk redovisning", "decision", "financing"),
    ("Budget för nästa halvår", "decision", "financing"),
    ("Tjänst som hälsofrämjare för barn och unga", "decision", "staff"),
    ("Utvärdering från högskolan", "information", "other"),
    ("Ny verkstad för barn och unga", "decision", "major_change"),
]
ACTIONS = [
    "Boka lokal till områdesdagen",
    "Skicka inbjudan till dialogforum",
    "Beställa material till hälsocirklarna",
    "Ta fram underlag till styrgruppen",
    "Kontakta studieförbundet om språkcafé",
    "Sammanställa enkätsvaren",
]
MINUTES = """## Närvaro och ordförande

Mötet öppnades av ordföranden. Föregående minnesanteckningar gicks igenom.

## Diskussion

{notes}

## Nästa möte

Nästa möte hålls enligt planen.
"""


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def fake_org_number(rng: random.Random) -> str:
    """A made-up number that passes the Luhn check (third digit ≥ 2: a legal entity)."""
    nine = f"{rng.choice('2789')}{rng.randint(0, 9)}{rng.randint(2, 9)}{rng.randint(0, 999999):06d}"
    digit = next(d for d in "0123456789" if luhn_ok(nine + d))
    return f"{nine[:6]}-{nine[6:]}{digit}"


def delete_governance_data(*, program: Program) -> None:
    """Removes what `seed_governance` creates; run it before the health promoters go."""
    Partnership.objects.filter(program=program).update(discussed_in=None)
    Body.objects.filter(program=program).delete()


@transaction.atomic
def seed_governance(program: Program, rng: random.Random, *, today: date | None = None) -> dict:
    """Two years of hub and steering-group meetings up to `today`; returns counts."""
    today = today or timezone.localdate()
    delete_governance_data(program=program)
    partnerships = list(
        Partnership.objects.filter(program=program, left_on__isnull=True).select_related("partner")
    )
    parties = [p for p in partnerships if p.role == Partnership.Role.IOP_PARTY]
    actives = [p for p in partnerships if p.role == Partnership.Role.ACTIVE]
    start = today - timedelta(days=730)
    hub = Body.objects.create(
        program=program,
        key="hub",
        name="Hubben",
        kind=Body.Kind.HUB,
        cadence=Body.Cadence.BIWEEKLY,
        default_location="Träffpunkten",
    )
    steering = Body.objects.create(
        program=program,
        key="steering",
        name="Styrgruppen",
        kind=Body.Kind.STEERING,
        cadence=Body.Cadence.SEMESTER,
        default_location="Stadshuset, rum 3",
        convener=next((p.partner for p in parties if p.partner.sector == "nonprofit"), None),
    )
    hub_seats = _hub_seats(hub, parties + actives, program, rng, start)
    steering_seats = [
        _seat(steering, _name(rng), start, partner=p.partner, email=True) for p in parties
    ]
    if parties:
        _seat(steering, _name(rng), start, partner=parties[0].partner, role="substitute")
    _register(partnerships, rng)

    steering_meetings = _steering_meetings(steering, steering_seats, rng, start, today)
    hub_meetings = _hub_meetings(hub, hub_seats, rng, start, today, steering_meetings)
    first_held = next((m for m in hub_meetings if m.status == Meeting.Status.HELD), None)
    for partnership in partnerships:
        if first_held and partnership.joined_on and partnership.joined_on >= start:
            partnership.discussed_in = first_held
            partnership.save(update_fields=["discussed_in"])
    return {
        "bodies": 2,
        "meetings": len(hub_meetings) + len(steering_meetings),
        "decisions": Decision.objects.filter(meeting__body__program=program).count(),
    }


def _seat(body, name, start, *, kind="partner", role="member", email=False, **extra):
    address = ""
    if email:
        address = name.lower().replace(" ", ".").translate(str.maketrans("åäöé", "aaoe"))
        address = f"{address}@example.org"
    return Membership.objects.create(
        body=body, kind=kind, name=name, role=role, starts_on=start, email=address, **extra
    )


def _hub_seats(hub, partnerships, program, rng, start) -> list[Membership]:
    seats = [_seat(hub, _name(rng), start, partner=p.partner, email=True) for p in partnerships]
    if partnerships:  # the municipality sends two people: still one vote
        seats.append(_seat(hub, _name(rng), start, partner=partnerships[0].partner))
    for promoter in program.health_promoters.all():
        seats.append(
            _seat(hub, promoter.name, start, kind="health_promoter", health_promoter=promoter)
        )
    for _ in range(2):
        seats.append(_seat(hub, _name(rng), start, kind="resident"))
    return seats


def _register(partnerships, rng) -> None:
    kinds = [k for k, _label in Commitment.Kind.choices]
    for p in partnerships:
        partner = p.partner
        number = fake_org_number(rng)  # drawn always: same seed, same data in any database
        if not partner.org_number and partner.sector != "residents":
            partner.org_number = number
            partner.save(update_fields=["org_number"])
        if not p.is_partner:
            continue
        p.letter_signed_on = p.joined_on
        p.save(update_fields=["letter_signed_on"])
        kind = rng.choice(kinds)
        Commitment.objects.create(
            partnership=p,
            kind=kind,
            description="",
            amount_sek=rng.choice([50_000, 120_000, 200_000]) if kind == "money" else None,
            fte_percent=rng.choice([25, 50, 100])
            if kind in ("employs_promoter", "staff")
            else None,
            hours=rng.choice([40, 80, 160]) if kind in ("premises", "competence") else None,
        )


def _community_weight(day: date, start: date, today: date) -> float:
    """From about 15 % to about 60 % over the two years: the power shift."""
    progress = (day - start).days / max(1, (today - start).days)
    return 0.15 + 0.45 * progress


def _steering_meetings(body, seats, rng, start, today) -> list[Meeting]:
    meetings = []
    term = rules.semester_of(start)
    while term.start <= today + timedelta(days=120):
        day = term.start + timedelta(days=rng.randint(50, 120))
        day -= timedelta(days=day.weekday() - 2 if day.weekday() > 2 else 0)  # a Wednesday-ish
        held = day < today
        meeting = Meeting.objects.create(
            body=body,
            key=day.isoformat(),
            date=day,
            starts_at=time(9, 0),
            ends_at=time(11, 0),
            location=body.default_location,
            chair=seats[0] if seats else None,
            status=Meeting.Status.HELD if held else Meeting.Status.PLANNED,
            agenda_sent_at=_aware(day - timedelta(days=rng.choice([9, 8, 7, 5]))),
        )
        for position, (title, kind, category) in enumerate(rng.sample(STEERING_ITEMS, 3), 1):
            AgendaItem.objects.create(
                meeting=meeting,
                position=position,
                title=title,
                kind=kind,
                category=category,
                initiated_by="strategic",
            )
        if held:
            for i, seat in enumerate(seats):
                # One meeting in the series had a stand-in: it could not decide.
                status = "substitute" if (len(meetings) == 1 and i == 1) else "present"
                Attendance.objects.create(
                    meeting=meeting,
                    membership=seat,
                    status=status,
                    substitute_name="Vikarierande chef" if status == "substitute" else "",
                )
            for number, item in enumerate(meeting.agenda_items.filter(kind="decision"), 1):
                Decision.objects.create(
                    meeting=meeting,
                    agenda_item=item,
                    number=number,
                    text=f"Styrgruppen godkänner: {item.title.lower()}.",
                    category=item.category,
                    initiated_by="strategic",
                )
        meetings.append(meeting)
        term = term.following()
    _minutes(meetings, today, rng)
    return meetings


def _hub_meetings(body, seats, rng, start, today, steering_meetings) -> list[Meeting]:
    meetings = []
    day = start + timedelta(days=(1 - start.weekday()) % 7)  # a Tuesday
    skipped = False
    community = [s for s in seats if s.is_community]
    while day <= today + timedelta(days=28):
        # One fortnight is missed a few months ago: the index shows it.
        if not skipped and (today - day).days < 120:
            skipped = True
            day += timedelta(days=14)
            continue
        held = day < today
        chair = rules.suggest_chair(body, on=day)
        if community and rng.random() < _community_weight(day, start, today):
            chair = rng.choice(community)
        meeting = Meeting.objects.create(
            body=body,
            key=day.isoformat(),
            date=day,
            starts_at=time(13, 0),
            ends_at=time(15, 0),
            location=body.default_location,
            chair=chair,
            status=Meeting.Status.HELD if held else Meeting.Status.PLANNED,
        )
        _carry(meeting, rng)
        items = rng.sample(HUB_ITEMS, rng.randint(2, 4))
        base = meeting.agenda_items.count()
        for position, (title, kind, category) in enumerate(items, base + 1):
            AgendaItem.objects.create(
                meeting=meeting,
                position=position,
                title=title,
                kind=kind,
                category=category,
                initiated_by=_initiator(rng, day, start, today),
            )
        if held:
            _hold_hub_meeting(meeting, seats, rng, steering_meetings)
        meetings.append(meeting)
        day += timedelta(days=14)
    _minutes(meetings, today, rng)
    return meetings


def _initiator(rng, day, start, today) -> str:
    if rng.random() < _community_weight(day, start, today):
        return rng.choice(["resident", "health_promoter"])
    return rng.choice(["partner_staff", "partner_staff", "strategic"])


def _hold_hub_meeting(meeting, seats, rng, steering_meetings) -> None:
    present = [s for s in seats if rng.random() < 0.8]
    for seat in seats:
        Attendance.objects.create(
            meeting=meeting, membership=seat, status="present" if seat in present else "absent"
        )
    anchors = list(
        Decision.objects.filter(meeting__in=steering_meetings, meeting__date__lte=meeting.date)
        .order_by("-meeting__date")
        .values_list("pk", flat=True)[:3]
    )
    decision_items = meeting.agenda_items.filter(kind="decision", follow_up_of__isnull=True)
    for number, item in enumerate(decision_items, 1):
        by_vote = rng.random() < 0.15 and len(present) > 2
        anchored = item.category in ANCHORED_CATEGORIES and anchors and rng.random() < 0.9
        decision = Decision.objects.create(
            meeting=meeting,
            agenda_item=item,
            number=number,
            text=f"Hubben beslutar: {item.title.lower()}.",
            method="vote" if by_vote else "consensus",
            category=item.category,
            initiated_by=item.initiated_by,
            anchored_by_id=rng.choice(anchors) if anchored else None,
        )
        if by_vote:
            for seat in present:
                try:
                    unit = rules.voting_unit(seat)
                except rules.NoVote:
                    continue
                Vote.objects.create(
                    decision=decision,
                    membership=seat,
                    choice=rng.choice(["yes", "yes", "yes", "no", "abstain"]),
                    unit=unit,
                )
    ActionItem.objects.create(
        meeting=meeting,
        text=rng.choice(ACTIONS),
        owner=rng.choice(present) if present else None,
        due_on=meeting.date + timedelta(days=rng.choice([7, 10, 14])),
    )


def _carry(meeting: Meeting, rng: random.Random) -> None:
    """Follows up the previous meeting's action items: most are done by now."""
    carry_open_actions(meeting)
    for item in meeting.agenda_items.filter(follow_up_of__isnull=False):
        action = item.follow_up_of
        if meeting.status == Meeting.Status.HELD and rng.random() < 0.85:
            action.status = ActionItem.Status.DONE
            action.closed_in = meeting
            action.save(update_fields=["status", "closed_in"])


def _minutes(meetings: list[Meeting], today: date, rng) -> None:
    held = [m for m in meetings if m.status == Meeting.Status.HELD]
    notes = [
        "Hälsofrämjarna berättade om verkstäderna.",
        "Deltagarna har önskat fler aktiviteter på kvällstid.",
        "Samarbetet med föreningarna fungerar väl.",
        "Frågan om lokaler återkommer till nästa möte.",
    ]
    for previous, following in zip(held, [*held[1:], None], strict=True):
        previous.minutes = MINUTES.format(notes=" ".join(rng.sample(notes, 2)))
        if following is not None:
            previous.minutes_approved_in = following
            previous.minutes_approved_at = _aware(following.date)
        previous.save(update_fields=["minutes", "minutes_approved_in", "minutes_approved_at"])


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12, 0)))
