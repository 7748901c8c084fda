from datetime import date

import pytest
from django.urls import reverse

from jamlik.needs.figures import compare_inventories, previous_inventory
from jamlik.needs.models import ActionPlanRow, Need, NeedsInventory, NeedStatement, Theme
from jamlik.partners.models import Partner
from jamlik.people.models import AuditEvent


def url(name, *args):
    return reverse(f"needs:{name}", args=["test", *args])


def inventory_data(**overrides):
    data = {
        "title": "Behovsinventering 2025",
        "kind": "annual",
        "method": "world_cafe",
        "date": "2025-03-08",
        "place": "Träffpunkten",
        "facilitators": "Programledaren, två hälsofrämjare",
        "academic_partner": "",
        "participants_child_youth": "4",
        "participants_adult": "31",
        "participants_professional": "6",
        "report": "Trygghet och mötesplatser kom tillbaka.",
    }
    return {**data, **overrides}


def test_a_promoter_records_an_inventory(login, world):
    university = Partner.objects.create(name="Universitetet", sector="academia")
    response = login("promoter_a").post(
        url("inventory_new"), inventory_data(academic_partner=str(university.pk))
    )
    inventory = NeedsInventory.objects.get()
    assert response.url == inventory.get_absolute_url()
    assert inventory.key == "2025-03-annual"
    assert inventory.academic_partner == university
    assert inventory.participants_total == 41
    assert AuditEvent.objects.filter(object_type="needs_inventory", action="create").exists()


def test_the_academic_partner_must_be_from_academia(login, world):
    company = Partner.objects.create(name="Bolaget", sector="private")
    response = login("leader").post(
        url("inventory_new"), inventory_data(academic_partner=str(company.pk))
    )
    assert response.status_code == 200
    assert not NeedsInventory.objects.exists()


def test_the_inventory_page_shows_statements_votes_and_action_plan(login, needs):
    page = login("researcher").get(url("inventory", "fw-2024")).content.decode()
    assert needs.statement_ar.text in page and needs.statement_ar.text_sv in page
    assert "Critique" in page and "Vision" in page
    assert "Group under the need" not in page  # researchers read, they do not group


def test_statements_are_grouped_under_a_new_need(login, needs):
    client = login("hub")
    response = client.post(
        url("group", "fw-2024"),
        {"statements": [needs.statement_ar.pk], "new_title": "Mötesplatser för kvinnor"},
    )
    assert response.status_code == 302
    need = Need.objects.get(title="Mötesplatser för kvinnor")
    assert need.key == "motesplatser-for-kvinnor"
    assert need.determinants == ["social_networks"]
    assert list(need.inventories.all()) == [needs.inventory]
    assert list(need.statements.all()) == [needs.statement_ar]


def test_statements_are_grouped_under_an_existing_need(login, needs):
    login("leader").post(
        url("group", "fw-2024"),
        {"statements": [needs.statement_ar.pk], "need": needs.need.pk},
    )
    assert needs.need.statements.count() == 2


def test_grouping_needs_one_need_not_both(login, needs):
    client = login("leader")
    response = client.post(
        url("group", "fw-2024"),
        {"statements": [needs.statement_ar.pk], "need": needs.need.pk, "new_title": "Ny"},
        follow=True,
    )
    assert "Choose a need or write a new one, not both." in response.content.decode()
    assert not Need.objects.filter(title="Ny").exists()
    assert NeedStatement.objects.get(pk=needs.statement_ar.pk).need is None


def test_an_action_plan_row_is_added(login, needs):
    login("promoter_a").post(
        url("action_new", "fw-2024"),
        {
            "what": "Belysning i parken",
            "when": "Hösten 2024",
            "how": "Kontakta bostadsbolaget",
            "who": "Hubben",
            "need": needs.need.pk,
        },
    )
    row = ActionPlanRow.objects.get()
    assert (row.what, row.who, row.need) == ("Belysning i parken", "Hubben", needs.need)


def test_a_need_is_edited_with_determinants(login, needs):
    response = login("leader").post(
        url("need_edit", "trygghet"),
        {
            "title": "Trygg utemiljö",
            "description": "",
            "theme": needs.theme.pk,
            "priority": "3",
            "determinants": ["housing_safety", "physical_environment"],
        },
    )
    assert response.status_code == 302
    needs.need.refresh_from_db()
    assert needs.need.priority == 3
    assert needs.need.determinants == ["housing_safety", "physical_environment"]


def test_a_theme_is_added_once(login, needs):
    client = login("promoter_b")
    client.post(url("theme_new"), {"name": "trygghet"})
    client.post(url("theme_new"), {"name": "Psykisk hälsa"})
    assert sorted(Theme.objects.values_list("name", flat=True)) == ["Psykisk hälsa", "Trygghet"]


# Revision


@pytest.fixture
def revised(world, needs):
    """A revised inventory two years on: the safety need persists, a new need appears,
    and the need only raised in 2024 (meeting places) fades."""
    faded = Need.objects.create(program=world.program, key="moten", title="Mötesplatser")
    faded.inventories.add(needs.inventory)
    later = NeedsInventory.objects.create(
        program=world.program,
        key="rev-2026",
        title="Reviderad 2026",
        kind="revised_exploratory",
        date=date(2026, 3, 1),
    )
    new = Need.objects.create(program=world.program, key="sommar", title="Sommarlov")
    new.inventories.add(later)
    needs.need.inventories.add(later)
    return later, new, faded


def test_a_revised_inventory_shows_new_persisting_and_faded_needs(needs, revised):
    later, new, faded = revised
    assert previous_inventory(later) == needs.inventory
    result = compare_inventories(needs.inventory, later)
    assert (result.new, result.persisting, result.faded) == ([new], [needs.need], [faded])


def test_the_compare_page(login, needs, revised):
    page = login("hub").get(url("compare", "rev-2026")).content.decode()
    new_part = page.split('id="new-needs"')[1].split("</section>")[0]
    faded_part = page.split('id="faded-needs"')[1].split("</section>")[0]
    assert "Sommarlov" in new_part and "Mötesplatser" in faded_part


# Roles


@pytest.mark.parametrize("who", ["viewer", "steering", "researcher", "outsider"])
def test_roles_that_do_not_write_get_404(login, needs, who):
    client = login(who)
    for path, data in (
        (url("inventory_new"), inventory_data()),
        (url("inventory_edit", "fw-2024"), inventory_data()),
        (url("need_new"), {"title": "X"}),
        (url("need_edit", "trygghet"), {"title": "X"}),
        (url("group", "fw-2024"), {"statements": [needs.statement_ar.pk], "new_title": "X"}),
        (url("action_new", "fw-2024"), {"what": "X"}),
        (url("theme_new"), {"name": "X"}),
    ):
        assert client.post(path, data).status_code == 404, path
    assert NeedsInventory.objects.count() == 1
    assert not Need.objects.filter(title="X").exists()
    assert not ActionPlanRow.objects.exists()


@pytest.mark.parametrize("name", ["group", "action_new"])
def test_writes_reject_get(login, needs, name):
    assert login("leader").get(url(name, "fw-2024")).status_code == 405


def test_a_viewer_reads_needs_but_not_inventories(login, needs):
    client = login("viewer")
    assert client.get(url("index")).status_code == 200
    assert client.get(url("matrix")).status_code == 200
    assert client.get(url("inventory", "fw-2024")).status_code == 404
    assert client.get(url("compare", "fw-2024")).status_code == 404


def test_an_outsider_sees_nothing(login, needs):
    client = login("outsider")
    for path in (url("index"), url("matrix"), url("unmet"), url("need", "trygghet")):
        assert client.get(path).status_code == 404


def test_the_index_lists_needs_and_inventories(login, needs, django_assert_max_num_queries):
    client = login("leader")
    with django_assert_max_num_queries(15):
        page = client.get(url("index")).content.decode()
    assert "Framtidsverkstad 2024" in page and "Trygg utemiljö" in page


def test_theme_and_vote_creation_reject_get(login, needs):
    client = login("leader")
    assert client.get(url("theme_new")).status_code == 405
    assert client.get(url("vote_new", "fw-2024")).status_code == 405
