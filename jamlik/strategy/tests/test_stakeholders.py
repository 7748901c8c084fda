from datetime import date

import pytest
from django.urls import reverse

from conftest import PASSWORD
from jamlik.governance.models import ActionItem, Body, Meeting, Membership
from jamlik.people.access import get_program_access
from jamlik.people.models import AuditEvent
from jamlik.strategy import services
from jamlik.strategy.models import Quadrant, Stakeholder, StakeholderAnalysis, quadrant_for


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def url(name, *args):
    return reverse(f"strategy:{name}", args=["test", *args])


@pytest.mark.parametrize(
    ("necessary", "large", "quadrant", "treatment"),
    [
        (True, False, Quadrant.WORKER_BEES, "are informed"),
        (True, True, Quadrant.RESOURCE_PERSONS, "are involved"),
        (False, False, Quadrant.EXTERNALS, "are oriented"),
        (False, True, Quadrant.GREY_EMINENCES, "are heard"),
    ],
)
def test_the_four_categories_and_what_to_do_with_each(
    client, world, hub, necessary, large, quadrant, treatment
):
    analysis = StakeholderAnalysis.objects.create(program=world.program, made_on=date(2024, 1, 10))
    login(client, hub)
    response = client.post(
        url("stakeholder_new", analysis.pk),
        {
            "name": "Skolan",
            "kind": "organisation",
            "influence": "large" if large else "small",
            "necessary": "on" if necessary else "",
            "action_what": "Bjud in till dialogmöte",
            "action_who": "Programledaren",
            "action_when": "2024-02-01",
        },
    )
    assert response.status_code == 302
    stakeholder = Stakeholder.objects.get(analysis=analysis)
    assert (
        stakeholder.quadrant == quadrant == quadrant_for(necessary=necessary, large_influence=large)
    )
    assert stakeholder.treatment == treatment
    assert stakeholder.action_when == date(2024, 2, 1)
    page = client.get(analysis.get_absolute_url()).content.decode()
    assert f"{quadrant.label} – {treatment}" in page
    svg = client.get(url("analysis_chart", analysis.pk))
    assert svg["Content-Type"] == "image/svg+xml"
    assert "Skolan" in svg.content.decode()
    assert AuditEvent.objects.filter(object_type="stakeholder", action="create").exists()
    assert "Skolan" not in str(list(AuditEvent.objects.values_list("detail", "object_ref")))


def test_a_partner_from_the_register_gives_its_name(client, world, hub):
    from jamlik.partners.models import Partner, Partnership

    partner = Partner.objects.create(name="Bostadsbolaget", sector="private")
    Partnership.objects.create(program=world.program, partner=partner)
    elsewhere = Partner.objects.create(name="Annat programs partner", sector="private")
    analysis = StakeholderAnalysis.objects.create(program=world.program, made_on=date(2024, 1, 10))
    login(client, hub)
    client.post(
        url("stakeholder_new", analysis.pk),
        {"name": "", "kind": "organisation", "partner": partner.pk, "influence": "small"},
    )
    assert analysis.stakeholders.get().name == "Bostadsbolaget"
    page = client.get(analysis.get_absolute_url()).content.decode()
    assert "Bostadsbolaget" in page and elsewhere.name not in page


def _analysis(program, made_on, rows):
    analysis = StakeholderAnalysis.objects.create(program=program, made_on=made_on)
    for name, influence, necessary in rows:
        Stakeholder.objects.create(
            analysis=analysis, name=name, influence=influence, necessary=necessary
        )
    return analysis


def test_the_comparison_tells_who_moved_who_is_new_and_who_left(client, world, steering):
    older = _analysis(
        world.program,
        date(2023, 9, 1),
        [("Skolan", "small", True), ("Polisen", "large", False), ("Kyrkan", "small", False)],
    )
    newer = _analysis(
        world.program,
        date(2024, 9, 1),
        [("skolan ", "large", True), ("Polisen", "large", False), ("Biblioteket", "small", True)],
    )
    comparison = services.compare(newer, older)  # either order
    assert [(m.name, m.before, m.after) for m in comparison.moved] == [
        ("skolan ", Quadrant.WORKER_BEES, Quadrant.RESOURCE_PERSONS)
    ]
    assert [s.name for s in comparison.new] == ["Biblioteket"]
    assert [s.name for s in comparison.left] == ["Kyrkan"]
    assert [s.name for s in comparison.stayed] == ["Polisen"]
    login(client, steering)
    page = client.get(url("compare"), {"older": older.pk, "newer": newer.pk}).content.decode()
    assert "Worker bees → Resource persons" in page


def test_a_repeat_copies_the_stakeholders_without_their_action_items(client, world, hub):
    older = _analysis(world.program, date(2023, 9, 1), [("Skolan", "small", True)])
    login(client, hub)
    response = client.post(
        url("analysis_new"), {"made_on": "2024-09-01", "note": "", "repeat_of": older.pk}
    )
    newer = StakeholderAnalysis.objects.get(made_on=date(2024, 9, 1))
    assert response["Location"] == newer.get_absolute_url()
    assert [(s.name, s.quadrant) for s in newer.stakeholders.all()] == [
        ("Skolan", Quadrant.WORKER_BEES)
    ]


def test_an_action_becomes_a_hub_action_item(client, world, hub):
    body = Body.objects.create(
        program=world.program, kind=Body.Kind.HUB, key="hubben", name="Hubben"
    )
    meeting = Meeting.objects.create(body=body, key="m1", date=date(2024, 1, 5))
    analysis = StakeholderAnalysis.objects.create(program=world.program, made_on=date(2024, 1, 10))
    stakeholder = Stakeholder.objects.create(
        analysis=analysis,
        name="Skolan",
        influence="large",
        necessary=True,
        action_what="Bjud in rektorn",
        action_when=date(2024, 3, 1),
    )
    login(client, hub)
    response = client.post(url("stakeholder_action", stakeholder.pk))
    item = ActionItem.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert item.meeting == meeting and item.due_on == date(2024, 3, 1)
    assert item.text.startswith("Bjud in rektorn")
    stakeholder.refresh_from_db()
    assert stakeholder.action_item == item
    client.post(url("stakeholder_action", stakeholder.pk))
    assert ActionItem.objects.count() == 1  # once only


def test_the_reminder_after_twelve_months_or_a_new_steering_member(world, settings):
    program = world.program
    assert services.review_reminders(program=program, today=date(2024, 1, 1)) == [
        "No stakeholder analysis is recorded yet."
    ]
    _analysis(program, date(2024, 1, 15), [])
    assert services.review_reminders(program=program, today=date(2025, 1, 14)) == []
    assert (
        "more than 12 months"
        in services.review_reminders(program=program, today=date(2025, 1, 15))[0]
    )
    settings.STAKEHOLDER_REVIEW_MONTHS = 6
    assert services.review_reminders(program=program, today=date(2024, 7, 15))
    settings.STAKEHOLDER_REVIEW_MONTHS = 12
    body = Body.objects.create(program=program, kind=Body.Kind.STEERING, key="sg", name="Styrgrupp")
    Membership.objects.create(
        body=body, kind=Membership.Kind.RESIDENT, name="Ny ledamot", starts_on=date(2024, 3, 1)
    )
    assert services.review_reminders(program=program, today=date(2024, 2, 1)) == []
    [reminder] = services.review_reminders(program=program, today=date(2024, 3, 2))
    assert "steering group's members have changed" in reminder


def test_a_named_person_is_erased_from_every_analysis(client, world, hub):
    for made_on in (date(2023, 1, 1), date(2024, 1, 1)):
        analysis = StakeholderAnalysis.objects.create(program=world.program, made_on=made_on)
        Stakeholder.objects.create(
            analysis=analysis, kind="person", name="Anna Exempel", influence="large"
        )
        Stakeholder.objects.create(analysis=analysis, name="Skolan", influence="small")
    login(client, hub)
    client.post(url("person_erase"), {"name": "anna exempel"})
    assert sorted(Stakeholder.objects.values_list("name", flat=True)) == ["Skolan", "Skolan"]
    event = AuditEvent.objects.get(object_type="stakeholder_person")
    assert event.detail == {"erased": 2} and "Anna" not in event.object_ref


@pytest.mark.parametrize("role", ["promoter_a", "viewer", "outsider"])
def test_promoters_viewers_and_outsiders_do_not_see_named_stakeholders(client, world, role):
    from jamlik.strategy.models import DialogueSheet, PolicyIssue

    analysis = _analysis(world.program, date(2024, 1, 1), [("Anna Exempel", "large", True)])
    issue = PolicyIssue.objects.create(program=world.program, title="X")
    sheet = DialogueSheet.objects.create(
        program=world.program, counterpart="Nämnden", meeting_on=date(2024, 1, 2)
    )
    login(client, getattr(world, role))
    for address in (
        analysis.get_absolute_url(),
        url("analysis_chart", analysis.pk),
        url("index"),
        issue.get_absolute_url(),
        sheet.get_absolute_url(),
        url("sheet_pdf", sheet.pk),
        url("compare") + f"?older={analysis.pk}&newer={analysis.pk}",
    ):
        assert client.get(address).status_code == 404
    stakeholder = analysis.stakeholders.get()
    for address in (
        url("stakeholder_edit", stakeholder.pk),
        url("stakeholder_action", stakeholder.pk),
    ):
        assert client.post(address, {"name": "Y", "influence": "small"}).status_code == 404
    assert analysis.stakeholders.get().name == "Anna Exempel"


def test_the_steering_group_reads_but_does_not_change(client, world, steering):
    analysis = _analysis(world.program, date(2024, 1, 1), [("Skolan", "large", True)])
    stakeholder = analysis.stakeholders.get()
    login(client, steering)
    page = client.get(analysis.get_absolute_url()).content.decode()
    assert "Skolan" in page and "Add a stakeholder" not in page
    response = client.post(
        url("stakeholder_edit", stakeholder.pk), {"name": "Y", "influence": "small"}
    )
    assert response.status_code == 404
    assert client.post(url("stakeholder_delete", stakeholder.pk)).status_code == 404
    assert analysis.stakeholders.get().name == "Skolan"


def test_the_access_helper_scopes_stakeholders_to_the_program(world, hub):
    from jamlik.people.access import get_strategy_object_for_user
    from jamlik.programs.models import Program

    other = Program.objects.create(slug="other", name="Annat", code_prefix="O")
    foreign = _analysis(other, date(2024, 1, 1), [("X", "small", False)])
    from django.http import Http404

    with pytest.raises(Http404):
        get_strategy_object_for_user(hub, "test", Stakeholder, foreign.stakeholders.get().pk)
    assert get_program_access(hub, "test").role == "hub"


def test_the_dashboard_reminds_the_steering_group_but_not_a_promoter(client, world, steering):
    login(client, steering)
    page = client.get(reverse("programs:dashboard", args=["test"])).content.decode()
    assert "No stakeholder analysis is recorded yet." in page
    client.logout()
    login(client, world.promoter_a)
    page = client.get(reverse("programs:dashboard", args=["test"])).content.decode()
    assert "stakeholder analysis" not in page


def test_the_analysis_page_runs_no_query_per_stakeholder(client, world, hub):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    body = Body.objects.create(program=world.program, kind=Body.Kind.HUB, key="hubben", name="Hub")
    Meeting.objects.create(body=body, key="m1", date=date(2024, 1, 5))
    analysis = _analysis(world.program, date(2024, 1, 10), [("A", "small", True)])
    login(client, hub)
    access = get_program_access(hub, "test")

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(analysis.get_absolute_url()).status_code == 200
        return len(captured)

    def add(name):
        stakeholder = Stakeholder.objects.create(
            analysis=analysis, name=name, influence="large", action_what="Ring"
        )
        services.make_action_item(access=access, stakeholder=stakeholder, today=date(2024, 1, 6))

    add("B")
    few = count()
    for name in ("C", "D", "E"):
        add(name)
    assert count() == few


def test_a_named_persons_action_item_does_not_name_them(world, hub):
    body = Body.objects.create(program=world.program, kind=Body.Kind.HUB, key="hubben", name="Hub")
    Meeting.objects.create(body=body, key="m1", date=date(2024, 1, 5))
    analysis = _analysis(world.program, date(2024, 1, 10), [])
    person = Stakeholder.objects.create(
        analysis=analysis, kind="person", name="Anna Exempel", influence="large", action_what="Ring"
    )
    item = services.make_action_item(
        access=get_program_access(hub, "test"), stakeholder=person, today=date(2024, 1, 6)
    )
    assert item.text == "Ring (stakeholder analysis)"
