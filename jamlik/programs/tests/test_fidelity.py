"""Each fidelity criterion with a record that meets it and one that does not."""

import json
from datetime import date, timedelta

from jamlik.governance.models import Attendance, Body, Vote
from jamlik.lib.periods import Period
from jamlik.needs.models import Need, NeedsInventory
from jamlik.partners.models import Partner, Partnership
from jamlik.programs import fidelity
from jamlik.programs.tests.cycle_helpers import decision, meeting

H1 = Period.parse("2024H1")
TODAY = date(2024, 12, 1)


def check(fn, program, period=H1, today=TODAY):
    return fn(program, period, today)


def test_needs_driven_start(gov):
    assert check(fidelity.needs_driven_start, gov.program).status == "not_met"
    NeedsInventory.objects.create(
        program=gov.program, key="uw", title="UW", kind="exploratory", date=date(2023, 9, 1)
    )
    assert check(fidelity.needs_driven_start, gov.program).status == "met"


def test_workshops_serve_needs(gov):
    program = gov.program
    assert check(fidelity.workshops_serve_needs, program).status == "not_met"
    need = Need.objects.create(program=program, key="n", title="Ensamhet")
    gov.world.workshop_a.needs.add(need)
    result = check(fidelity.workshops_serve_needs, program)
    assert (result.status, result.value) == ("partly", 50.0)
    gov.world.workshop_b.needs.add(need)
    assert check(fidelity.workshops_serve_needs, program).status == "met"
    program.workshops.update(status="closed")
    assert check(fidelity.workshops_serve_needs, program).status == "no_data"


def test_hub_cadence(gov):
    program = gov.program
    assert check(fidelity.hub_cadence, program).status == "not_met"
    day = H1.start
    while day <= H1.end:
        meeting(gov.hub, day)
        day += timedelta(days=14)
    assert check(fidelity.hub_cadence, program).status == "met"
    Body.objects.filter(kind="hub").delete()
    assert check(fidelity.hub_cadence, program).status == "no_data"


def test_steering_met_each_semester_able_to_decide(gov):
    program, year, later = gov.program, Period.parse("2024"), date(2025, 1, 15)
    assert check(fidelity.steering_met, program, year, later).status == "not_met"
    spring = meeting(gov.steering, date(2024, 3, 1))
    assert check(fidelity.steering_met, program, year, later).status == "partly"
    # The autumn has not ended on 1 December: only the spring counts.
    assert check(fidelity.steering_met, program, year).status == "met"
    meeting(gov.steering, date(2024, 10, 1))
    assert check(fidelity.steering_met, program, year, later).status == "met"
    Attendance.objects.create(meeting=spring, membership=gov.assoc_substitute, status="present")
    assert check(fidelity.steering_met, program, year, later).status == "partly"


def test_one_vote_per_party(gov):
    program = gov.program
    assert check(fidelity.one_vote_per_party, program).status == "no_data"
    taken = decision(gov.hub, date(2024, 2, 1), method="vote")
    Vote.objects.create(
        decision=taken, membership=gov.muni_1, choice="yes",
        unit=f"partner:{gov.municipality.pk}",
    )  # fmt: skip
    assert check(fidelity.one_vote_per_party, program).status == "met"
    Vote.objects.create(
        decision=taken, membership=gov.muni_2, choice="yes", unit=f"member:{gov.muni_2.pk}"
    )
    assert check(fidelity.one_vote_per_party, program).status == "not_met"


def test_promoters_seated(gov):
    program = gov.program
    assert check(fidelity.promoters_seated, program).status == "partly"  # hub only
    gov.promoter_seat.pk = None
    gov.promoter_seat.body = gov.steering
    gov.promoter_seat.save()
    assert check(fidelity.promoters_seated, program).status == "met"
    program.bodies.all().update(kind="other")
    assert check(fidelity.promoters_seated, program).status == "no_data"


def test_promoters_not_seated(gov):
    gov.promoter_seat.delete()
    assert check(fidelity.promoters_seated, gov.program).status == "not_met"


def test_pentahelix(gov):
    program = gov.program
    assert check(fidelity.pentahelix, program).status == "partly"  # three sectors
    for name, sector in (("Företaget", "private"), ("Boenderådet", "residents")):
        partner = Partner.objects.create(name=name, sector=sector)
        Partnership.objects.create(program=program, partner=partner, role="active")
    assert check(fidelity.pentahelix, program).status == "met"
    Partnership.objects.filter(program=program).exclude(partner=gov.university).delete()
    assert check(fidelity.pentahelix, program).status == "not_met"
    Partnership.objects.filter(program=program).delete()
    assert check(fidelity.pentahelix, program).status == "no_data"


def test_letters_signed(gov):
    program = gov.program
    assert check(fidelity.letters_signed, program).status == "not_met"
    Partnership.objects.filter(program=program).update(letter_signed_on=date(2024, 1, 10))
    assert check(fidelity.letters_signed, program).status == "met"
    # Signed after the period: not yet signed in it.
    assert check(fidelity.letters_signed, program, Period.parse("2023H2")).status == "not_met"


def test_half_year_evaluation_approved_for_each_ended_half_year(gov):
    from jamlik.goals.models import HalfYearEvaluation

    program, year, later = gov.program, Period.parse("2024"), date(2025, 1, 15)
    # Nothing of the period has ended yet: no data, never met.
    assert check(fidelity.half_year_evaluation, program, H1, date(2024, 6, 1)).status == "no_data"
    assert check(fidelity.half_year_evaluation, program, year, later).status == "not_met"
    spring = HalfYearEvaluation.objects.create(program=program, period_label="2024H1")
    assert check(fidelity.half_year_evaluation, program, year, later).status == "not_met"
    spring.status, spring.approved_at_meeting = "approved", meeting(gov.hub, date(2024, 8, 20))
    spring.save()
    assert check(fidelity.half_year_evaluation, program, year, later).status == "partly"
    HalfYearEvaluation.objects.create(
        program=program, period_label="2024H2", status="approved",
        approved_at_meeting=meeting(gov.hub, date(2025, 1, 10)),
    )  # fmt: skip
    assert check(fidelity.half_year_evaluation, program, year, later).status == "met"


def test_revised_in_time(gov):
    program = gov.program
    assert check(fidelity.revised_in_time, program).status == "no_data"
    inventory = NeedsInventory.objects.create(
        program=program, key="uw", title="UW", kind="exploratory", date=date(2021, 9, 1)
    )
    assert check(fidelity.revised_in_time, program).status == "not_met"
    inventory.date = date(2023, 1, 1)
    inventory.save()
    assert check(fidelity.revised_in_time, program).status == "met"


def test_power_shift_trend(gov):
    program = gov.program
    assert check(fidelity.power_shift_trend, program).status == "no_data"
    decision(gov.hub, date(2023, 9, 1), initiated_by="strategic")
    decision(gov.hub, date(2023, 9, 1), number=2, initiated_by="resident")
    decision(gov.hub, date(2024, 3, 1), initiated_by="strategic")
    assert check(fidelity.power_shift_trend, program).status == "not_met"  # 50 % -> 0 %
    decision(gov.hub, date(2024, 3, 1), number=2, initiated_by="health_promoter")
    decision(gov.hub, date(2024, 3, 1), number=3, initiated_by="resident")
    assert check(fidelity.power_shift_trend, program).status == "met"  # 50 % -> 67 %


def test_fidelity_for_is_json_safe_and_never_met_without_data(world):
    rows = fidelity.fidelity_for(world.program, H1, today=TODAY)
    assert [r["key"] for r in rows] == [c.key for c in fidelity.CRITERIA]
    json.dumps(rows)
    assert all(r["rule"] for r in rows)
    # The world program has workshops without needs and nothing else of the model.
    assert not [r for r in rows if r["status"] == "met"]
