"""Synthetic communication for the demo program: public listings of the coming activities
in Swedish, English and Arabic, a communication plan per year with what was done, and a
media log. Outlets and texts are invented; the outreach list follows from the attendance.
"""

import random
from datetime import date, timedelta

from django.db import transaction

from jamlik.activities.models import Activity
from jamlik.communication.models import (
    Channel,
    CommunicationAction,
    CommunicationPlan,
    MediaMention,
    PlanEntry,
    PublicListing,
)
from jamlik.programs.models import Program

# kind: (Swedish, English, Arabic) titles
TITLES = {
    "health_circle": ("Hälsocirkel", "Health circle", "حلقة صحية"),
    "physical_activity": ("Träning tillsammans", "Exercise together", "رياضة معاً"),
    "health_information": ("Hälsoinformation", "Health information", "معلومات صحية"),
    "experience_exchange": ("Erfarenhetsutbyte", "Sharing experiences", "تبادل الخبرات"),
    "language_development": ("Språkcafé", "Language café", "مقهى اللغة"),
    "civic_information": ("Samhällsinformation", "Civic information", "معلومات عن المجتمع"),
    "parenting_support": ("Föräldraträff", "Parents' meeting", "لقاء الأهل"),
    "culture": ("Kulturkväll", "Culture evening", "أمسية ثقافية"),
    "area_day": ("Områdesdag", "Area day", "يوم الحي"),
    "dialogue_forum": ("Dialogforum", "Dialogue forum", "منتدى الحوار"),
    "courtyard_party": ("Gårdsfest", "Courtyard party", "حفلة في الفناء"),
    "other": ("Öppen träff", "Open meeting", "لقاء مفتوح"),
}
DESCRIPTIONS = (
    "Alla är välkomna. Det bjuds på kaffe och te.",
    "Everyone is welcome. Coffee and tea are served.",
    "الجميع مرحب بهم. نقدم القهوة والشاي.",
)
AUDIENCES = {
    "parenting_support": PublicListing.Audience.FAMILIES,
    "area_day": PublicListing.Audience.EVERYONE,
    "courtyard_party": PublicListing.Audience.FAMILIES,
}
PLAN_ENTRIES = [
    ("Boende i området", Channel.SOCIAL_MEDIA, "Veckans öppna aktiviteter", "Hälsofrämjarna",
     "Varje vecka"),
    ("Boende som inte läser svenska", Channel.POSTER, "Affischer på svenska, engelska och "
     "arabiska i trapphus och butiker", "Hälsofrämjarna", "Varje månad"),
    ("Partnerna och staden", Channel.TALK, "Vad programmet gör och vad det ger",
     "Programledaren", "Vår och höst"),
    ("Allmänheten", Channel.MEDIA, "Berättelser från hälsoverkstäderna", "Hubben",
     "Två gånger om året"),
    ("Unga i området", Channel.VIDEO, "Korta filmer om träning och hälsa",
     "Hälsofrämjarna", "Sommaren"),
]  # fmt: skip
ACTIONS = {
    Channel.SOCIAL_MEDIA: "Inlägg om veckans aktiviteter",
    Channel.POSTER: "Affischer uppsatta i trapphusen",
    Channel.TALK: "Presentation för stadsdelens nämnd",
    Channel.MEDIA: "Tips till lokaltidningen",
    Channel.VIDEO: "Film från utegymmet",
}
MENTIONS = [
    (MediaMention.Kind.PRESS, "Stadsdelsbladet", "Grannar som tränar tillsammans"),
    (MediaMention.Kind.BROADCAST, "Lokalradion", "Hälsofrämjare berättar om sitt arbete"),
    (MediaMention.Kind.CONFERENCE, "Nationell konferens om folkhälsa",
     "Jämlik hälsa i praktiken: erfarenheter från ett bostadsområde"),
    (MediaMention.Kind.PUBLICATION, "Rapportserie om folkhälsa",
     "Delaktighet och hälsa: en följeforskningsrapport"),
    (MediaMention.Kind.ONLINE, "Kommunens webbplats", "Öppna aktiviteter i området"),
    (MediaMention.Kind.PRESS, "Stadsdelsbladet", "Områdesdagen samlade hela området"),
]  # fmt: skip


@transaction.atomic
def seed_communication(program: Program, *, today: date) -> dict[str, int]:
    """Listings, plans and the media log; deterministic for a program and a day."""
    rng = random.Random(f"communication-{program.slug}")  # noqa: S311 - demo data
    listings = _seed_listings(program, rng, today=today)
    actions = _seed_plans(program, rng, today=today)
    mentions = _seed_mentions(program, rng, today=today)
    return {"listings": listings, "actions": actions, "mentions": mentions}


def _seed_listings(program: Program, rng: random.Random, *, today: date) -> int:
    upcoming = Activity.objects.filter(
        program=program, date__gte=today, status=Activity.Status.PLANNED
    ).order_by("date", "start_time", "pk")
    rows = []
    for n, activity in enumerate(upcoming):
        # The larger events always, two in three of the others.
        if not activity.large_event and rng.random() > 0.67:
            continue
        sv, en, ar = TITLES.get(activity.kind, TITLES["other"])
        in_arabic = activity.large_event or n % 3 != 2
        rows.append(
            PublicListing(
                activity=activity,
                published=True,
                title_sv=sv,
                title_en=en,
                title_ar=ar if in_arabic else "",
                description_sv=DESCRIPTIONS[0],
                description_en=DESCRIPTIONS[1],
                description_ar=DESCRIPTIONS[2] if in_arabic else "",
                place=activity.premises,
                audience=AUDIENCES.get(activity.kind, PublicListing.Audience.EVERYONE),
                sign_up=(
                    PublicListing.SignUp.REQUIRED
                    if activity.kind == "health_circle"
                    else PublicListing.SignUp.NONE
                ),
                sign_up_how="Hos hälsofrämjaren" if activity.kind == "health_circle" else "",
            )
        )
    PublicListing.objects.bulk_create(rows)
    return len(rows)


def _seed_plans(program: Program, rng: random.Random, *, today: date) -> int:
    actions = []
    for year in range(2024, today.year + 1):
        plan = CommunicationPlan.objects.create(
            program=program,
            year=year,
            goals=(
                "Fler boende känner till de öppna aktiviteterna, också de som inte läser "
                "svenska. Partnerna och staden vet vad programmet gör."
            ),
        )
        entries = PlanEntry.objects.bulk_create(
            PlanEntry(
                plan=plan,
                audience=audience,
                channel=channel,
                message=message,
                responsible=responsible,
                when=when,
            )
            for audience, channel, message, responsible, when in PLAN_ENTRIES
        )
        last = min(today, date(year, 12, 31))
        day = date(year, 1, 15)
        while day <= last:
            entry = rng.choice(entries)
            actions.append(
                CommunicationAction(
                    plan=plan,
                    entry=entry,
                    date=day,
                    channel=entry.channel,
                    description=ACTIONS[entry.channel],
                    reach=rng.randrange(40, 600, 10) if entry.channel != Channel.TALK else None,
                )
            )
            day += timedelta(days=rng.randint(12, 30))
    CommunicationAction.objects.bulk_create(actions)
    return len(actions)


def _seed_mentions(program: Program, rng: random.Random, *, today: date) -> int:
    partners = list(
        program.partnerships.select_related("partner")
        .order_by("pk")
        .values_list("partner", flat=True)
    )
    start = date(2024, 2, 1)
    span = max((today - start).days, 1)
    rows = [
        MediaMention(
            program=program,
            date=start + timedelta(days=span * (i + 1) // (len(MENTIONS) + 1)),
            kind=kind,
            outlet=outlet,
            title=title,
            url="https://example.org/jamlik-demo/" + str(i + 1),
            reported_by_id=partners[i % len(partners)] if partners else None,
        )
        for i, (kind, outlet, title) in enumerate(MENTIONS)
    ]
    MediaMention.objects.bulk_create(rows)
    return len(rows)


def delete_communication_data(*, program: Program) -> None:
    PublicListing.objects.filter(activity__program=program).delete()
    CommunicationPlan.objects.filter(program=program).delete()
    MediaMention.objects.filter(program=program).delete()
