"""The demo's strategy tools: a stakeholder analysis and its repeat a year later, two
policy issues (one with an open window), the decision calendar and one dialogue sheet.
Every name is invented; the example socio-economic model runs on the estimate page."""

import random
from datetime import date, timedelta
from types import SimpleNamespace

from jamlik.governance import services as governance
from jamlik.partners.models import Partner
from jamlik.programs.models import Program
from jamlik.strategy.models import (
    DecisionPoint,
    DialogueSheet,
    PolicyIssue,
    Stakeholder,
    StakeholderAnalysis,
)
from jamlik.strategy.services import hub_meeting_for

L, S = Stakeholder.Influence.LARGE, Stakeholder.Influence.SMALL
ORG, GROUP, PERSON = Stakeholder.Kind.ORGANISATION, Stakeholder.Kind.GROUP, Stakeholder.Kind.PERSON
# name, kind, influence, necessary, inside the partnership, action (what, who)
FIRST = [
    ("Exempelstadens stadskontor", ORG, L, True, True, ("Förankra budget 2026", "Programledaren")),
    ("Exempelstadens arbetsmarknads- och socialförvaltning", ORG, L, True, True, ("", "")),
    ("Föreningen Ängsbarnen", ORG, L, True, True, ("", "")),
    ("Ängsskolan F–9", ORG, S, True, True, ("Skicka nyhetsbrev varje termin", "Hubben")),
    ("Ängens bibliotek", ORG, S, True, True, ("", "")),
    ("Studieförbundet Lärkan", ORG, S, True, True, ("", "")),
    ("Kvinnonätverket Solrosen", ORG, S, True, True, ("", "")),
    ("Föräldranätverket på Ängen", GROUP, S, True, False, ("Bjud in till områdesdagen", "Hubben")),
    ("Sam Provsson, enhetschef fritid", PERSON, S, True, False, ("", "")),
    ("Regionens tandvårdsklinik Söderport", ORG, S, False, True, ("", "")),
    ("Ängens IF", ORG, S, False, True, ("Orientera om hälsoverkstäderna", "Programledaren")),
    ("Hyresgästföreningen, lokalavdelning Ängen", GROUP, S, False, False, ("", "")),
    ("Lokalpolisområde Exempelstad Syd", ORG, L, False, True, ("Höra om trygghetsläget", "Hubben")),
    ("Vårdcentralen Ängen", ORG, L, False, False, ("", "")),
    ("Kim Exempelsson, fritidsnämndens ordförande", PERSON, L, False, False,
     ("Boka dialogmöte med fritidsnämnden", "Programledaren")),
]  # fmt: skip
# A year later: the sports club became necessary, the health centre involved, the unit
# manager left, the region's public health unit is new.
MOVED = {"Ängens IF": (S, True), "Vårdcentralen Ängen": (L, True)}
LEFT = {"Sam Provsson, enhetschef fritid"}
NEW = [("Regionens folkhälsoenhet", ORG, L, True, False, ("Dela utvärderingen", "Forskaren"))]


def _stakeholders(analysis, rows, today: date, rng: random.Random) -> list[Stakeholder]:
    partners = {p.name: p for p in Partner.objects.filter(name__in=[r[0] for r in rows])}
    return Stakeholder.objects.bulk_create(
        Stakeholder(
            analysis=analysis,
            name=name,
            kind=kind,
            partner=partners.get(name),
            influence=influence,
            necessary=necessary,
            inside_partnership=inside,
            action_what=what,
            action_who=who,
            action_when=analysis.made_on + timedelta(days=rng.randint(20, 90)) if what else None,
        )
        for name, kind, influence, necessary, inside, (what, who) in rows
    )


def seed_strategy(program: Program, rng: random.Random, *, today: date) -> dict[str, int]:
    delete_strategy_data(program=program)
    first = StakeholderAnalysis.objects.create(
        program=program, made_on=today - timedelta(days=430), note="Första analysen i hubben"
    )
    _stakeholders(first, FIRST, today, rng)
    repeat = StakeholderAnalysis.objects.create(
        program=program, made_on=today - timedelta(days=65), note="Upprepad efter ett år"
    )
    rows = [
        (name, kind, *MOVED.get(name, (influence, necessary)), inside, action)
        for name, kind, influence, necessary, inside, action in FIRST
        if name not in LEFT
    ]
    created = _stakeholders(repeat, rows + NEW, today, rng)
    # One action is already an action item of the hub (without the person's name: the
    # hub's records are read by health promoters too).
    meeting = hub_meeting_for(program, repeat.made_on)
    chosen = next(s for s in created if s.name.startswith("Kim Exempelsson"))
    if meeting is not None:
        chosen.action_item = governance.add_action_item(
            access=SimpleNamespace(user=None, program=program),
            meeting=meeting,
            text=f"{chosen.action_what} (intressentanalys)",
            due_on=chosen.action_when,
        )
        chosen.save(update_fields=["action_item"])
    points = DecisionPoint.objects.bulk_create(
        DecisionPoint(program=program, date=today + timedelta(days=days), title=title, kind=kind,
                      level=level)
        for days, title, kind, level in [
            (-120, "Kommunfullmäktige: mål och budget", "budget", "municipality"),
            (38, "Fritidsnämndens sammanträde", "board", "municipality"),
            (95, "Regionens folkhälsoberedning", "board", "region"),
            (170, "Kommunstyrelsen: budgetdirektiv", "budget", "municipality"),
            (200, "Kommunfullmäktige: flerårsplan", "plan", "municipality"),
        ]
    )  # fmt: skip
    needs = list(program.needs.order_by("priority", "pk")[:2])
    sport = PolicyIssue.objects.create(
        program=program,
        title="Öppna idrottshallar för unga på fredagskvällar",
        problem_present=True,
        problem_note="Behovsinventeringen och hälsoverkstädernas siffror visar få fysiskt "
        "aktiva unga och otrygghet på kvällarna.",
        politics_present=True,
        politics_note="Kommunens mål om jämlik hälsa och trygga uppväxtvillkor.",
        policy_present=True,
        policy_note="Fritidsförvaltningen öppnar Ängsskolans hall fredagar 18–22 med "
        "föreningsledare från Ängens IF.",
    )
    sport.needs.set(needs[:1])
    sport.decision_points.set([points[1]])
    dental = PolicyIssue.objects.create(
        program=program,
        title="Fluorlackning för alla barn i förskoleklass",
        problem_present=True,
        problem_note="Tandvårdsklinikens uppgifter om karies bland sexåringar i området.",
        policy_present=True,
        policy_note="Regionens tandvård lackar i skolan två gånger per år.",
    )
    dental.needs.set(needs[1:2])
    sheet = DialogueSheet.objects.create(
        program=program,
        counterpart="Fritidsnämnden",
        counterpart_kind=DialogueSheet.Counterpart.BOARD,
        meeting_on=today - timedelta(days=20),
        their_goals="Fler barn och unga i organiserad fritid; jämlik tillgång till idrott.",
        their_activities="Föreningsbidrag, öppna hallar, fritidsgårdar.",
        health_link="Fysisk aktivitet och sammanhang påverkar psykisk hälsa och trygghet.",
        figures_period=f"{today.year - 1}",
        answer_1="Att ge alla unga en meningsfull fritid.",
        answer_2="Ja, nämnden ser att stillasittande ökar.",
        answer_3="Fritidsvanor följer inkomst och bostadsområde.",
        answer_4="Ja, genom öppna hallar och samarbete med hälsoverkstäderna.",
        outcome="Nämnden utreder fredagsöppet i Ängsskolans hall till nästa sammanträde.",
        outcome_recorded_on=today - timedelta(days=19),
    )
    sheet.needs.set(needs[:1])
    return {"stakeholders": Stakeholder.objects.filter(analysis__program=program).count()}


def delete_strategy_data(*, program: Program) -> None:
    Stakeholder.objects.filter(analysis__program=program).delete()
    StakeholderAnalysis.objects.filter(program=program).delete()
    PolicyIssue.objects.filter(program=program).delete()
    DecisionPoint.objects.filter(program=program).delete()
    DialogueSheet.objects.filter(program=program).delete()
