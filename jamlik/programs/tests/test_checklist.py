"""Each auto-checked item: the evidence appears, the item checks itself; it goes, and the
item is open again. Hand-ticked items are ticked and unticked with an audit event."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from jamlik.activities.models import Activity
from jamlik.finance.models import Agreement, Budget, FundingLine
from jamlik.governance.models import Body, Membership
from jamlik.lib.periods import Period
from jamlik.needs.models import Need, NeedsInventory
from jamlik.partners.models import Commitment, Partner, Partnership
from jamlik.people.models import AuditEvent, ProgramRole
from jamlik.programs.checklist import checklist, tick, untick
from jamlik.programs.models import ChecklistTick
from jamlik.programs.tests.cycle_helpers import access_of, meeting

TODAY = date(2024, 5, 15)


def done(program, key: str) -> bool:
    for states in checklist(program, today=TODAY).values():
        for state in states:
            if state.item.key == key:
                return state.done
    raise KeyError(key)


def test_budget_checks_itself_from_an_agreement_with_a_budget(gov):
    program = gov.program
    assert not done(program, "budget")
    agreement = Agreement.objects.create(
        program=program, key="iop", name="IOP", payer=gov.municipality,
        payment_recipient=gov.association, start=date(2024, 1, 1), end=date(2025, 12, 31),
    )  # fmt: skip
    line = FundingLine.objects.create(
        agreement=agreement, key="sal", name="Löner", cost_category="salaries", cap=100
    )
    assert not done(program, "budget")  # an agreement without a budget
    budget = Budget(line=line, amount=50)
    budget.set_period(Period.parse("2024H1"))
    budget.save()
    assert done(program, "budget")
    budget.delete()
    assert not done(program, "budget")


def test_strategic_group_needs_a_steering_body_with_current_members(gov):
    program = gov.program
    assert done(program, "strategic_group")
    gov.muni_steer.ends_on = date(2024, 1, 31)
    gov.muni_steer.save()
    assert done(program, "strategic_group")  # one member left, the others sit on
    Membership.objects.filter(body=gov.steering).update(ends_on=date(2024, 1, 31))
    assert not done(program, "strategic_group")


def test_hub_needs_a_held_meeting(gov):
    assert not done(gov.program, "hub")
    held = meeting(gov.hub, date(2024, 2, 1))
    assert done(gov.program, "hub")
    held.status = "cancelled"
    held.save()
    assert not done(gov.program, "hub")


def test_health_promoters_need_an_active_workshop(gov):
    program = gov.program
    assert done(program, "health_promoters")
    program.workshops.update(status="paused")
    assert not done(program, "health_promoters")


def test_research_from_an_academic_commitment_or_a_researcher(gov):
    program = gov.program
    assert not done(program, "research")
    partnership = Partnership.objects.get(program=program, partner=gov.university)
    commitment = Commitment.objects.create(partnership=partnership, kind="research_education")
    assert done(program, "research")
    commitment.delete()
    assert not done(program, "research")
    from conftest import make_user

    role = ProgramRole.objects.create(user=make_user("res"), program=program, role="researcher")
    assert done(program, "research")
    role.delete()
    assert not done(program, "research")


def test_premises_need_a_premises_commitment_in_force(gov):
    program = gov.program
    partnership = Partnership.objects.get(program=program, partner=gov.association)
    assert not done(program, "premises")
    commitment = Commitment.objects.create(partnership=partnership, kind="premises")
    assert done(program, "premises")
    commitment.ends_on = date(2024, 1, 1)
    commitment.save()
    assert not done(program, "premises")


def test_program_leader_needs_a_leader_role(gov):
    assert done(gov.program, "program_leader")
    ProgramRole.objects.filter(program=gov.program, role="leader").delete()
    assert not done(gov.program, "program_leader")


def test_exploratory_items_come_from_needs_inventories(gov):
    program = gov.program
    assert not done(program, "exploratory_held")
    inventory = NeedsInventory.objects.create(
        program=program, key="uw", title="Utforskande workshop", kind="exploratory",
        date=date(2023, 9, 1),
    )  # fmt: skip
    assert done(program, "exploratory_held")
    assert not done(program, "exploratory_analysed")
    inventory.academic_partner = gov.university
    inventory.save()
    assert done(program, "exploratory_analysed")
    assert not done(program, "revised_held")
    inventory.kind = "revised_exploratory"
    inventory.save()
    assert done(program, "revised_held")
    inventory.delete()
    assert not done(program, "exploratory_held") and not done(program, "revised_held")


def test_workshops_from_needs_and_running(gov):
    program = gov.program
    assert not done(program, "workshops_from_needs")
    need = Need.objects.create(program=program, key="n", title="Ensamhet")
    for workshop in program.workshops.all():
        workshop.needs.add(need)
    assert done(program, "workshops_from_needs")
    gov.world.workshop_b.needs.clear()
    assert not done(program, "workshops_from_needs")
    assert done(program, "workshops_running")  # the world's held activities in 2024-03
    Activity.objects.filter(program=program).update(status="planned")
    assert not done(program, "workshops_running")


def test_a_hand_ticked_item_is_audited_and_can_be_unticked(gov):
    access = access_of(gov.world.leader, gov.program)
    tick(
        access=access, item_key="value_norms", done_on=date(2024, 3, 1),
        note="Antagna i hubben", document_url="https://example.org/varden.pdf",
    )  # fmt: skip
    assert done(gov.program, "value_norms")
    saved = ChecklistTick.objects.get()
    assert saved.ticked_by == gov.world.leader and saved.note == "Antagna i hubben"
    assert untick(access=access, item_key="value_norms")
    assert not done(gov.program, "value_norms")
    actions = list(
        AuditEvent.objects.filter(object_type="checklist_tick").values_list("action", flat=True)
    )
    assert sorted(actions) == ["create", "delete"]


def test_an_auto_item_cannot_be_ticked(gov):
    access = access_of(gov.world.leader, gov.program)
    with pytest.raises(ValidationError):
        tick(access=access, item_key="budget", done_on=date(2024, 3, 1))
    assert not ChecklistTick.objects.exists()


def test_other_bodies_do_not_count_as_a_strategic_group(gov):
    Body.objects.filter(pk=gov.steering.pk).update(kind="other")
    assert not done(gov.program, "strategic_group")
    assert Partner.objects.exists()


def test_premises_also_from_a_place_in_the_register(gov):
    from jamlik.premises.models import Premises

    program = gov.program
    assert not done(program, "premises")
    place = Premises.objects.create(program=program, name="Mötesplatsen")
    assert done(program, "premises")
    place.in_use = False
    place.save()
    assert not done(program, "premises")


def test_goals_need_an_anchored_goal_with_an_indicator(gov):
    from jamlik.goals.models import Goal, Indicator
    from jamlik.programs.tests.cycle_helpers import decision

    program = gov.program
    goal = Goal.objects.create(program=program, text="Fler unga rör sig")
    Indicator.objects.create(goal=goal, name="Besök", kind="manual", unit="st")
    assert not done(program, "goals")  # not anchored
    goal.anchored_by = decision(gov.steering, date(2024, 2, 1))
    goal.save()
    assert done(program, "goals")
    goal.indicators.all().delete()
    assert not done(program, "goals")


def test_competence_plans_for_every_employed_promoter(gov):
    from jamlik.people.models import CompetencePlan, HealthPromoter

    program = gov.program
    promoters = list(HealthPromoter.objects.filter(program=program))
    assert promoters, "the test program has health promoters"
    assert not done(program, "competence_plans")
    for promoter in promoters:
        CompetencePlan.objects.update_or_create(promoter=promoter, defaults={"goals": "Leda"})
    assert done(program, "competence_plans")
    CompetencePlan.objects.filter(promoter=promoters[0]).update(goals="")
    assert not done(program, "competence_plans")


def test_half_year_and_cbpr_evaluations_check_themselves(gov):
    from jamlik.goals.models import HalfYearEvaluation
    from jamlik.goals.services import plan_round

    program = gov.program
    assert not done(program, "half_year_evaluation")
    evaluation = HalfYearEvaluation.objects.create(
        program=program, period_label="2023H2", status="approved",
        approved_at_meeting=meeting(gov.hub, date(2024, 2, 5)),
    )  # fmt: skip
    assert done(program, "half_year_evaluation")
    evaluation.delete()
    assert not done(program, "half_year_evaluation")
    assert not done(program, "cbpr_evaluation")
    access = access_of(gov.world.leader, program)
    plan_round(access=access, name="Vår", planned_on=date(2023, 4, 1))
    assert not done(program, "cbpr_evaluation")  # more than a year ago
    plan_round(access=access, name="Höst", planned_on=date(2023, 10, 1))
    assert done(program, "cbpr_evaluation")
