"""Synthetic needs for the demo program: the exploratory workshop of early 2023, its
revision in the autumn of 2024, a closed dot-vote and the action plan.

`seed_needs(program, rng)` runs after the program's workshops and partners exist. Every
statement is invented; those in Arabic, Somali and English carry a Swedish translation.
The needs are ranked by the dots their statements got in the 2023 vote. Every workshop
addresses at least one need (an active workshop must), one prioritised need is met by
no workshop (it shows as unmet), one need of 2023 was not raised again in 2024 (faded)
and two needs are new in 2024 and not yet prioritised.

The rows are written directly, without audit rows, like the rest of the demo record.
"""

import random
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from jamlik.needs.models import (
    ActionPlanRow,
    Ballot,
    BallotDot,
    DotVote,
    Need,
    NeedsInventory,
    NeedStatement,
    Theme,
)
from jamlik.partners.models import Partnership, Sector
from jamlik.programs.models import Program
from jamlik.workshops.models import Workshop

R = NeedStatement.Source.RESIDENTS
L = NeedStatement.Source.LOCAL_ACTORS
C = NeedStatement.Source.CARE_HEALTH
P = NeedStatement.Source.POLICY

FIRST, REVISED = "2023-02-framtidsverkstad", "2024-10-reviderad"


@dataclass(frozen=True)
class NeedSpec:
    key: str
    title: str
    theme: str
    determinants: tuple[str, ...]
    workshops: tuple[str, ...]
    appeal: float  # how many dots its statements tend to get
    description: str


NEEDS = [
    NeedSpec(
        "stress-och-somn",
        "Mindre stress och oro, bättre sömn",
        "Psykisk hälsa",
        ("sleep", "social_support", "economy"),
        ("psykisk-halsa",),
        1.3,
        "Oro för ekonomi, boende och barnen ger stress och dålig sömn.",
    ),
    NeedSpec(
        "motesplatser",
        "Mötesplatser och gemenskap",
        "Gemenskap och språk",
        ("social_networks", "relationships"),
        ("social-halsa", "kvinnors-halsa"),
        1.0,
        "Platser där grannar kan träffas utan att det kostar något.",
    ),
    NeedSpec(
        "svenska-och-samhallsinfo",
        "Svenska och samhällsinformation på flera språk",
        "Gemenskap och språk",
        ("language", "social_services"),
        ("social-halsa",),
        1.0,
        "Att förstå brev, myndigheter och vården, och att öva svenska i vardagen.",
    ),
    NeedSpec(
        "vardinformation",
        "Veta vart man vänder sig i vården",
        "Vård och information",
        ("health_care", "language"),
        ("social-halsa",),
        0.8,
        "Hur man får en tid på vårdcentralen och vart man ringer på kvällen.",
    ),
    NeedSpec(
        "mat-och-tander",
        "Goda matvanor och friska tänder i familjen",
        "Mat och tänder",
        ("food", "health_care", "economy"),
        ("munhalsa-kost",),
        0.9,
        "Nyttig mat på liten budget och tandhälsa för barnen.",
    ),
    NeedSpec(
        "trygg-utemiljo",
        "Trygg utemiljö och tillit till samhällets aktörer",
        "Trygghet",
        ("housing_safety", "physical_environment", "influence"),
        ("trygghet",),
        1.4,
        "Mörka parker och gångvägar, och låg tillit till polis och socialtjänst.",
    ),
    NeedSpec(
        "rorelse-for-kvinnor",
        "Rörelse och egen tid för kvinnor",
        "Fysisk aktivitet",
        ("exercise", "social_networks"),
        ("kvinnors-halsa",),
        1.0,
        "Träning och simning i grupper för kvinnor, nära hemmet.",
    ),
    NeedSpec(
        "gratis-traning",
        "Gratis träning nära hemmet",
        "Fysisk aktivitet",
        ("exercise", "economy", "physical_environment"),
        ("utegym",),
        0.9,
        "Gymkort är dyra; träning utomhus ska vara gratis och ledas av någon.",
    ),
    NeedSpec(
        "fritid-for-unga",
        "Meningsfull fritid och läxhjälp för barn och unga",
        "Barn och unga",
        ("leisure_culture", "education", "childrens_adult_contacts"),
        ("barn-och-unga", "utegym"),
        1.5,
        "Något att göra efter skolan, med vuxna som barnen känner.",
    ),
    NeedSpec(
        "arbete-for-unga",
        "Arbete och praktik för unga vuxna",
        "Arbete och ekonomi",
        ("work", "unemployment", "education"),
        (),
        1.1,
        "Första jobbet, praktik och sommarjobb för unga vuxna i området.",
    ),
    # New at the revision of 2024.
    NeedSpec(
        "ensamhet-bland-aldre",
        "Mindre ensamhet bland äldre",
        "Gemenskap och språk",
        ("social_networks", "social_support", "age"),
        (),
        0,
        "Äldre som sällan går ut och saknar någon att prata med.",
    ),
    NeedSpec(
        "digital-vardag",
        "Hjälp med den digitala vardagen",
        "Vård och information",
        ("education", "social_services", "language"),
        (),
        0,
        "BankID, appar och e-post krävs för allt fler kontakter med samhället.",
    ),
]

# phase, language, text, Swedish translation, source, need key (None: not grouped)
STATEMENTS = {
    FIRST: [
        ("critique", "sv", "Många i området sover dåligt och oroar sig för pengar.", "", R,
         "stress-och-somn"),
        ("critique", "ar", "أشعر بالتوتر طوال الوقت ولا أنام جيدًا.",
         "Jag känner mig stressad hela tiden och sover dåligt.", R, "stress-och-somn"),
        ("critique", "so", "Walaac badan ayaan qabaa, hurdana ma helo.",
         "Jag oroar mig mycket och får ingen sömn.", R, "stress-och-somn"),
        ("critique", "sv", "Det finns få ställen där man kan träffa grannar utan att det kostar.",
         "", R, "motesplatser"),
        ("critique", "en", "I have lived here for two years and I don't know my neighbours.",
         "Jag har bott här i två år och känner inte mina grannar.", R, "motesplatser"),
        ("critique", "ar", "الرسائل من البلدية تأتي باللغة السويدية فقط.",
         "Breven från kommunen kommer bara på svenska.", R, "svenska-och-samhallsinfo"),
        ("critique", "sv", "Föräldrar vet inte vart de ska ringa när barnet blir sjukt på kvällen.",
         "", C, "vardinformation"),
        ("critique", "ar", "لا نعرف كيف نحصل على موعد في المركز الصحي.",
         "Vi vet inte hur man får en tid på vårdcentralen.", R, "vardinformation"),
        ("critique", "sv", "Många barn har hål i tänderna redan i förskolan.", "", C,
         "mat-och-tander"),
        ("critique", "ar", "الأكل الصحي غالٍ جدًا.", "Nyttig mat är för dyr.", R,
         "mat-och-tander"),
        ("critique", "sv", "Lärkparken är mörk och otrygg på kvällarna.", "", R,
         "trygg-utemiljo"),
        ("critique", "so", "Habeenkii kuma dareemo nabad beerta dhexdeeda.",
         "På kvällen känner jag mig inte trygg i parken.", R, "trygg-utemiljo"),
        ("critique", "sv", "Få boende litar på polisen och socialtjänsten.", "", L,
         "trygg-utemiljo"),
        ("critique", "so", "Haweenku ma haystaan meel ay ku jimicsadaan.",
         "Kvinnorna har ingen plats där de kan träna.", R, "rorelse-for-kvinnor"),
        ("critique", "sv", "Gymkort är för dyra för en familj med små marginaler.", "", R,
         "gratis-traning"),
        ("critique", "en", "There is nothing to do for teenagers after school.",
         "Det finns inget att göra för tonåringar efter skolan.", R, "fritid-for-unga"),
        ("critique", "ar", "الأطفال يقضون وقتًا طويلًا أمام الشاشات.",
         "Barnen sitter länge framför skärmarna.", R, "fritid-for-unga"),
        ("critique", "so", "Dhalinyaradu waxay u baahan yihiin shaqo iyo tababar.",
         "De unga behöver arbete och praktik.", R, "arbete-for-unga"),
        ("critique", "sv", "Unga vuxna i området har svårt att få sitt första jobb.", "", L,
         "arbete-for-unga"),
        ("vision", "ar", "نريد مجموعة للحديث عن القلق والضغط النفسي.",
         "Vi vill ha en grupp där vi kan prata om oro och stress.", R, "stress-och-somn"),
        ("vision", "sv", "Ett kafé där grannar från olika länder träffas.", "", R,
         "motesplatser"),
        ("vision", "ar", "أريد أن أتعلم السويدية لأتكلم مع الطبيب بنفسي.",
         "Jag vill lära mig svenska så att jag kan prata med läkaren själv.", R,
         "svenska-och-samhallsinfo"),
        ("vision", "sv", "Vårdcentralen berättar om vården på flera språk.", "", C,
         "vardinformation"),
        ("vision", "so", "Waxaan rabnaa macluumaad ku saabsan ilkaha carruurta.",
         "Vi vill ha information om barnens tänder.", R, "mat-och-tander"),
        ("vision", "sv", "Bra belysning och fler vuxna ute på kvällarna.", "", R,
         "trygg-utemiljo"),
        ("vision", "ar", "نحتاج إلى مكان تلتقي فيه النساء وتمارس الرياضة.",
         "Vi behöver ett ställe där kvinnor kan träffas och träna.", R, "rorelse-for-kvinnor"),
        ("vision", "en", "I'd like free outdoor training close to home.",
         "Jag vill kunna träna gratis utomhus nära hemmet.", R, "gratis-traning"),
        ("vision", "sv", "Läxhjälp och fotboll efter skolan, med vuxna som barnen känner.", "",
         R, "fritid-for-unga"),
        ("realisation", "sv", "Hälsocirklar om stress och sömn varannan vecka.", "", R,
         "stress-och-somn"),
        ("realisation", "sv", "Språkcafé på biblioteket en kväll i veckan.", "", L,
         "svenska-och-samhallsinfo"),
        ("realisation", "sv", "Tandborstskola tillsammans med tandvårdskliniken.", "", C,
         "mat-och-tander"),
        ("realisation", "sv", "Trygghetsvandringar med polisen och bostadsbolaget.", "", L,
         "trygg-utemiljo"),
        ("realisation", "sv", "Be kommunen om bättre belysning i parken och på gångvägarna.",
         "", P, "trygg-utemiljo"),
        ("realisation", "so", "Koox haween ah oo toddobaad walba wada socda.",
         "En grupp kvinnor som promenerar tillsammans varje vecka.", R, "rorelse-for-kvinnor"),
        ("realisation", "sv", "En instruktör på utegymmet två kvällar i veckan.", "", R,
         "gratis-traning"),
        ("realisation", "sv", "Praktikplatser hos föreningarna och bostadsbolaget.", "", P,
         "arbete-for-unga"),
        ("realisation", "en", "A yearly area day with music and food.",
         "En årlig områdesdag med musik och mat.", R, None),
    ],
    REVISED: [
        ("critique", "sv",
         "Samtalsgruppen har hjälpt mig, men många står i kö för att få en plats.", "", R,
         "stress-och-somn"),
        ("critique", "ar", "ما زلتُ لا أنام جيدًا بسبب القلق على أولادي.",
         "Jag sover fortfarande dåligt av oro för mina barn.", R, "stress-och-somn"),
        ("critique", "sv", "Mötesplatsen är full; vi behöver fler kvällar.", "", R,
         "motesplatser"),
        ("critique", "so", "Waxaan u baahanahay fasallo luqadda iswiidhishka ah oo fiidkii ah.",
         "Vi behöver svenskkurser på kvällstid.", R, "svenska-och-samhallsinfo"),
        ("critique", "sv", "Barnen köper mycket godis och läsk på vägen hem från skolan.", "",
         C, "mat-och-tander"),
        ("critique", "sv", "Det har blivit tryggare i parken, men inte vid busshållplatsen.",
         "", R, "trygg-utemiljo"),
        ("critique", "ar", "كبار السن يشعرون بالوحدة ولا يخرجون من البيت.",
         "De äldre känner sig ensamma och går inte ut.", R, "ensamhet-bland-aldre"),
        ("critique", "en", "Grandparents in the area are often alone all day.",
         "Far- och morföräldrar i området är ofta ensamma hela dagen.", R,
         "ensamhet-bland-aldre"),
        ("critique", "ar", "أحتاج مساعدة في استخدام التطبيقات الرقمية مثل BankID.",
         "Jag behöver hjälp att använda digitala tjänster som BankID.", R, "digital-vardag"),
        ("critique", "sv", "Allt ska göras i appar nu, och alla har inte en smart telefon.", "",
         L, "digital-vardag"),
        ("critique", "sv", "Unga vuxna söker fortfarande praktik och sommarjobb.", "", L,
         "arbete-for-unga"),
        ("critique", "so", "Dhalinyaradu weli shaqo ma helaan.",
         "De unga får fortfarande inget jobb.", R, "arbete-for-unga"),
        ("vision", "sv", "Simning för kvinnor även på helgerna.", "", R, "rorelse-for-kvinnor"),
        ("vision", "so", "Haweenku waxay rabaan waqti jimicsi oo dheeraad ah.",
         "Kvinnorna vill ha mer tid för träning.", R, "rorelse-for-kvinnor"),
        ("vision", "sv", "Träning på utegymmet för både unga och äldre.", "", R,
         "gratis-traning"),
        ("vision", "en", "More activities for teenage girls in the evenings.",
         "Fler aktiviteter för tonårstjejer på kvällarna.", R, "fritid-for-unga"),
        ("vision", "sv", "Ett kafé för äldre där man kan träffas på dagtid.", "", R,
         "ensamhet-bland-aldre"),
        ("vision", "sv", "Någon på biblioteket som hjälper till med BankID och e-post.", "", R,
         "digital-vardag"),
        ("realisation", "sv", "Fortsätta hälsocirklarna och starta en grupp på arabiska.", "",
         R, "stress-och-somn"),
        ("realisation", "sv", "Digitala drop-in-timmar på biblioteket.", "", L,
         "digital-vardag"),
        ("realisation", "sv", "Fråga kommunen om sommarjobb genom föreningarna.", "", P,
         "arbete-for-unga"),
    ],
}  # fmt: skip

# what, when, how, who, need key
ACTION_PLAN = {
    FIRST: [
        ("Hälsocirklar om stress och sömn, på svenska och arabiska", "Från mars 2023",
         "Varannan vecka på Mötesplats Ängen; studieförbundet utbildar cirkelledare.",
         "Hälsofrämjarna i Psykisk hälsa, Studieförbundet Lärkan", "stress-och-somn"),
        ("Trygghetsvandringar i Lärkparken och Kvarnbacken", "Våren 2023",
         "Med lokalpolisen och bostadsbolaget; iakttagelserna lämnas till kommunen.",
         "Hälsofrämjaren i Trygghet", "trygg-utemiljo"),
        ("Promenadgrupp och simning för kvinnor", "Från mars 2023",
         "Med Kvinnonätverket Solrosen; simhallen bokas en kväll i veckan.",
         "Hälsofrämjarna i Kvinnors hälsa", "rorelse-for-kvinnor"),
        ("Instruktörsledd träning på utegymmet", "Från april 2023",
         "Två kvällar i veckan, gratis och utan anmälan.", "Ängens IF, hälsofrämjaren i Utegym",
         "gratis-traning"),
        ("Tandborstskola och matlagning på liten budget", "Hösten 2023",
         "Med tandvårdskliniken, i skolans hemkunskapssal.",
         "Hälsofrämjarna i Munhälsa och kost", "mat-och-tander"),
        ("En ny hälsoverkstad för barn och unga", "Augusti 2023",
         "Läxhjälp, fotboll och föräldrastöd; en hälsofrämjare anställs.",
         "Hubben, efter förankring i styrgruppen", "fritid-for-unga"),
        ("Undersöka praktikplatser för unga vuxna", "Hösten 2023",
         "Fråga partnerna vilka som kan ta emot praktikanter.", "Hubben", "arbete-for-unga"),
    ],
    REVISED: [
        ("Drop-in för digitala tjänster på biblioteket", "Våren 2025",
         "En eftermiddag i veckan med bibliotekets personal.",
         "Hälsofrämjaren i Social hälsa, Ängens bibliotek", "digital-vardag"),
        ("Träffpunkt för äldre på dagtid", "Våren 2025",
         "Kaffe och samtal på Mötesplats Ängen; förfrågan till föreningarna.", "Hubben",
         "ensamhet-bland-aldre"),
        ("Cirkelgrupp om stress på arabiska", "Januari 2025",
         "Samma upplägg som hälsocirklarna, med en arabisktalande cirkelledare.",
         "Hälsofrämjarna i Psykisk hälsa", "stress-och-somn"),
    ],
}  # fmt: skip

VOTE_TITLE = "Vilka problem är viktigast att arbeta med?"
VOTE_DOTS = 5
UNGROUPED_APPEAL = 0.3


@dataclass(frozen=True)
class NeedsSeedResult:
    inventories: int
    statements: int
    needs: int
    ballots: int


def delete_needs_data(*, program: Program) -> None:
    """Delete the program's inventories (with their statements, votes and action plans),
    needs and themes; workshops stay but lose their links to needs."""
    NeedsInventory.objects.filter(program=program).delete()
    Need.objects.filter(program=program).delete()
    Theme.objects.filter(program=program).delete()


@transaction.atomic
def seed_needs(program: Program, rng: random.Random) -> NeedsSeedResult:
    """The two exploratory workshops, the needs grouped from their statements, the 2023
    dot-vote that ranks the needs, the action plan and the workshops' links to needs."""
    delete_needs_data(program=program)
    themes = {
        name: Theme.objects.create(program=program, name=name)
        for name in dict.fromkeys(spec.theme for spec in NEEDS)
    }
    needs = {
        spec.key: Need.objects.create(
            program=program,
            key=spec.key,
            title=spec.title,
            description=spec.description,
            theme=themes[spec.theme],
            determinants=list(spec.determinants),
        )
        for spec in NEEDS
    }
    academia = _academic_partner(program)
    first = _inventory(
        program,
        key=FIRST,
        title="Utforskande workshop: framtidsverkstad om hälsa i området",
        kind=NeedsInventory.Kind.EXPLORATORY,
        day=date(2023, 2, 4),
        place="Kvarnbackens folkets hus",
        academic_partner=academia,
        participants=(rng.randint(8, 14), rng.randint(38, 52), rng.randint(9, 14)),
        report=(
            "Boende i alla åldrar och lokala aktörer deltog. Kritikfasen samlade mest om "
            "otrygga utemiljöer, stress och brist på fritid för unga; visionerna handlade om "
            "mötesplatser och träning nära hemmet. Forskarna grupperade påståendena till "
            "behov, som prioriterades med prickröstning."
        ),
    )
    revised = _inventory(
        program,
        key=REVISED,
        title="Reviderad utforskande workshop 2024",
        kind=NeedsInventory.Kind.REVISED_EXPLORATORY,
        day=date(2024, 10, 12),
        place="Mötesplats Ängen",
        academic_partner=academia,
        participants=(rng.randint(10, 18), rng.randint(44, 60), rng.randint(8, 12)),
        report=(
            "Behoven från 2023 kvarstår till stor del. Ensamhet bland äldre och den digitala "
            "vardagen är nya; frågor om vården kom inte upp igen."
        ),
    )
    statements = {}
    for inventory in (first, revised):
        statements[inventory.key] = _statements(rng, inventory, needs, themes)
        for need_key in {s.need.key for s in statements[inventory.key] if s.need}:
            needs[need_key].inventories.add(inventory)
        for what, when, how, who, need_key in ACTION_PLAN[inventory.key]:
            ActionPlanRow.objects.create(
                inventory=inventory, need=needs[need_key], what=what, when=when, how=how, who=who
            )
    dots = _vote(rng, first, statements[FIRST])
    _prioritise(needs, statements[FIRST], dots)
    _link_workshops(program, needs)
    return NeedsSeedResult(
        inventories=2,
        statements=sum(len(s) for s in statements.values()),
        needs=len(needs),
        ballots=Ballot.objects.filter(vote__inventory=first).count(),
    )


def _academic_partner(program: Program):
    """The university among the IOP parties (it holds the research responsibility), or
    any partner from academia."""
    partnerships = Partnership.objects.filter(
        program=program, partner__sector=Sector.ACADEMIA
    ).select_related("partner")
    ranked = sorted(
        partnerships, key=lambda p: (p.role != Partnership.Role.IOP_PARTY, p.partner.name)
    )
    return ranked[0].partner if ranked else None


def _inventory(program, *, key, day, participants, **fields) -> NeedsInventory:
    child_youth, adult, professional = participants
    inventory = NeedsInventory.objects.create(
        program=program,
        key=key,
        method=NeedsInventory.Method.FUTURE_WORKSHOP,
        date=day,
        facilitators="Programledaren, två hälsofrämjare och en forskare",
        participants_child_youth=child_youth,
        participants_adult=adult,
        participants_professional=professional,
        **fields,
    )
    NeedsInventory.objects.filter(pk=inventory.pk).update(created_at=_at(day, 16, 0))
    return inventory


def _statements(rng, inventory, needs, themes) -> list[NeedStatement]:
    rows = []
    for phase, language, text, text_sv, source, need_key in STATEMENTS[inventory.key]:
        need = needs[need_key] if need_key else None
        found = need.determinants if need else ["leisure_culture", "culture"]
        rows.append(
            NeedStatement(
                inventory=inventory,
                client_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                text=text,
                language=language,
                text_sv=text_sv,
                phase=phase,
                source=source,
                theme=need.theme if need else None,
                determinants=rng.sample(found, rng.randint(1, len(found))),
                need=need,
            )
        )
    created = NeedStatement.objects.bulk_create(rows)
    # Captured during the workshop, one after another.
    start = _at(inventory.date, 10, 0)
    for n, statement in enumerate(created):
        statement.created_at = start + timedelta(minutes=3 * n)
    NeedStatement.objects.bulk_update(created, ["created_at"])
    return created


def _vote(rng, inventory, statements) -> Counter[int]:
    """A closed vote on the critique: phones and two batches of paper ballots."""
    on_ballot = [s for s in statements if s.phase == NeedStatement.Phase.CRITIQUE]
    appeal = {spec.key: spec.appeal for spec in NEEDS}
    weights = [
        (appeal[s.need.key] if s.need else UNGROUPED_APPEAL) * rng.uniform(0.6, 1.4)
        for s in on_ballot
    ]
    opened = _at(inventory.date, 14, 30)
    vote = DotVote.objects.create(
        inventory=inventory,
        title=VOTE_TITLE,
        dots=VOTE_DOTS,
        phase=NeedStatement.Phase.CRITIQUE,
        status=DotVote.Status.CLOSED,
        opened_at=opened,
        closed_at=opened + timedelta(minutes=40),
    )
    DotVote.objects.filter(pk=vote.pk).update(created_at=opened - timedelta(minutes=10))
    vote.statements.set(on_ballot)
    total: Counter[int] = Counter()
    ballots = []
    phones = rng.randint(36, 48)
    for _ in range(phones):
        placed = VOTE_DOTS if rng.random() < 0.85 else rng.randint(2, VOTE_DOTS - 1)
        language = rng.choices(("sv", "ar", "en"), weights=(70, 22, 8))[0]
        ballots.append((Ballot.Kind.PHONE, 1, language, placed))
    for _ in range(2):
        sheets = rng.randint(5, 10)
        ballots.append((Ballot.Kind.PAPER, sheets, "", VOTE_DOTS * sheets - rng.randint(0, 3)))
    dot_rows = []
    for kind, sheets, language, placed in ballots:
        ballot = Ballot.objects.create(
            vote=vote,
            ballot_id=uuid.UUID(int=rng.getrandbits(128), version=4),
            kind=kind,
            sheets=sheets,
            language=language,
        )
        counts = Counter(s.pk for s in rng.choices(on_ballot, weights=weights, k=placed))
        dot_rows += [BallotDot(ballot=ballot, statement_id=pk, count=n) for pk, n in counts.items()]
        total.update(counts)
    BallotDot.objects.bulk_create(dot_rows)
    Ballot.objects.filter(vote=vote).update(created_at=opened + timedelta(minutes=20))
    return total


def _prioritise(needs: dict[str, Need], statements: list[NeedStatement], dots: Counter) -> None:
    """Rank the needs of the vote by the dots their statements got (1: the most)."""
    by_need: Counter[str] = Counter()
    for statement in statements:
        if statement.need is not None and statement.pk in dots:
            by_need[statement.need.key] += dots[statement.pk]
    ranked = sorted(by_need, key=lambda key: (-by_need[key], key))
    for priority, key in enumerate(ranked, 1):
        needs[key].priority = priority
    Need.objects.bulk_update(needs.values(), ["priority"])


def _link_workshops(program: Program, needs: dict[str, Need]) -> None:
    workshops = {w.key: w for w in Workshop.objects.filter(program=program)}
    through = Workshop.needs.through
    through.objects.bulk_create(
        through(workshop_id=workshops[key].pk, need_id=needs[spec.key].pk)
        for spec in NEEDS
        for key in spec.workshops
        if key in workshops
    )


def _at(day: date, hour: int, minute: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))
