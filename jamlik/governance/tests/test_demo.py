import random
from datetime import date

from jamlik.governance import rules
from jamlik.governance.demo import delete_governance_data, fake_org_number, seed_governance
from jamlik.governance.figures import power_shift
from jamlik.governance.models import Body, Decision, Meeting
from jamlik.partners.validators import normalise_org_number

TODAY = date(2025, 11, 20)


def test_the_demo_shows_the_rules_and_the_power_shift(gov):
    counts = seed_governance(gov.program, random.Random(7), today=TODAY)

    hub = Body.objects.get(program=gov.program, key="hub")
    steering = Body.objects.get(program=gov.program, key="steering")
    assert counts["meetings"] > 50
    assert rules.missed_cadence(hub, today=TODAY)  # one skipped fortnight
    assert any(not m.is_decision_capable() for m in steering.meetings.all())
    assert Decision.objects.filter(meeting__body=hub, method="vote").exists()
    rows = [r for r in power_shift(program=gov.program, today=TODAY) if r.decisions]
    assert rows[-1].decision_share > rows[0].decision_share
    latest = hub.meetings.filter(status=Meeting.Status.HELD).last()
    assert latest.minutes and not latest.minutes_approved_at

    delete_governance_data(program=gov.program)
    assert not Body.objects.filter(program=gov.program).exists()


def test_fake_org_numbers_pass_the_check():
    rng = random.Random(1)
    for _ in range(50):
        number = fake_org_number(rng)
        assert normalise_org_number(number) == number
