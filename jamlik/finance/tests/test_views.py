from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from jamlik.finance import services
from jamlik.finance.models import AccountMapping, Budget, Contribution, Expense, PeriodClose
from jamlik.lib.periods import Period
from jamlik.people.models import AuditEvent

D = Decimal
HTMX = {"HTTP_HX_REQUEST": "true"}
AGGREGATE = ("leader", "hub", "steering")
# A viewer sees the overview only: the agreements' caps and spending (people/access.py).
TOTALS = (*AGGREGATE, "viewer")
NOT_FINANCE = ("researcher", "outsider")


def url(name, *args):
    return reverse(f"finance:{name}", args=["test", *args])


@pytest.fixture
def books(lines, world):
    """Budgets for 2023H2 (with workshop parts) and an expense in each workshop."""
    h2 = Period.parse("2023H2")
    line = lines["operating"]
    services.set_budget(user=None, line=line, period=h2, amount=D(10000))
    services.set_budget(user=None, line=line, period=h2, amount=D(4000), workshop=world.workshop_a)
    services.set_budget(user=None, line=line, period=h2, amount=D(3000), workshop=world.workshop_b)
    for voucher, workshop, text in (
        ("A1", world.workshop_a, "Fika A"),
        ("B1", world.workshop_b, "Fika B"),
    ):
        services.add_expense(
            user=None,
            line=line,
            date=date(2023, 9, 1),
            amount=D(1500),
            voucher=voucher,
            workshop=workshop,
            description=text,
        )
    services.add_expense(
        user=None,
        line=lines["promoters"],
        date=date(2023, 9, 25),
        amount=D(30000),
        voucher="L1",
        description="Lön Promoter a",
    )
    return lines


# Who may see which page


READ_PAGES = {
    # page: (url args, roles with 200)
    "agreement": (("iop",), AGGREGATE),
    "period": (("2023H2",), AGGREGATE),
    "contributions": ((), AGGREGATE),
    "workshops": ((), (*AGGREGATE, "promoter_a", "promoter_b")),
    "expenses": ((), ("leader", "promoter_a", "promoter_b")),
    "import": ((), ("leader",)),
}
ALL_USERS = ("leader", "hub", "steering", "viewer", "promoter_a", "promoter_b", *NOT_FINANCE)


@pytest.mark.parametrize("page", READ_PAGES)
@pytest.mark.parametrize("username", ALL_USERS)
def test_each_page_answers_404_to_roles_that_may_not_see_it(login, books, page, username):
    args, allowed = READ_PAGES[page]
    response = login(username).get(url(page, *args))
    assert response.status_code == (200 if username in allowed else 404)


@pytest.mark.parametrize("username", ALL_USERS)
def test_the_overview_sends_promoters_to_their_workshops(login, books, username):
    response = login(username).get(url("index"))
    if username in TOTALS:
        assert response.status_code == 200
        assert "Verksamhet" in response.content.decode()
    elif username.startswith("promoter"):
        assert response.status_code == 302
        assert response["Location"] == url("workshops")
    else:
        assert response.status_code == 404


def test_a_viewer_sees_the_caps_and_spending_but_no_link_to_the_detail(login, books):
    html = login("viewer").get(url("index")).content.decode()
    assert "Verksamhet" in html  # the funding line with its spending against the cap
    assert url("agreement", "iop") not in html
    assert url("period", "2023H2") not in html and url("contributions") not in html


def test_anonymous_users_are_sent_to_log_in(login, books):
    response = login("anonymous").get(url("index"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_missing_agreement_and_a_bad_period_are_404(login, books):
    client = login("leader")
    assert client.get(url("agreement", "nope")).status_code == 404
    assert client.get(url("period", "2023H3")).status_code == 404


def test_a_promoter_sees_only_their_own_workshop_s_budget_and_spending(login, books):
    html = login("promoter_a").get(url("workshops") + "?period=2023H2").content.decode()
    assert "Verkstad A" in html and "Fika A" in html
    assert "Verkstad B" not in html and "Fika B" not in html
    assert "Lön" not in html
    html = login("promoter_a").get(url("expenses")).content.decode()
    assert "Fika A" in html and "Fika B" not in html and "Lön" not in html
    assert "Book the expense" not in html


def test_the_steering_group_sees_aggregates_but_no_expense_rows(login, books):
    client = login("steering")
    html = client.get(url("period", "2023H2")).content.decode()
    assert "17\u00a0000\u00a0kr" in html  # operating budget, workshops' parts included
    assert "Fika A" not in html and "Lön Promoter" not in html
    assert "Close 2023H2" not in html
    html = client.get(url("workshops") + "?period=2023H2").content.decode()
    assert "Verkstad A" in html and "Verkstad B" in html
    assert "Fika A" not in html


def test_the_agreement_page_warns_at_90_percent(login, books, lines):
    services.add_expense(
        user=None, line=lines["overhead"], date=date(2023, 10, 1), amount=D(185000), voucher="O1"
    )
    html = login("steering").get(url("agreement", "iop")).content.decode()
    assert "cap-warning" in html
    assert "At least 90 % of the cap is used" in html or "Minst 90" in html


def test_the_expense_list_takes_a_fixed_number_of_queries(
    login, books, lines, django_assert_max_num_queries
):
    for n in range(20):
        services.add_expense(
            user=None,
            line=lines["operating"],
            date=date(2023, 11, 1),
            amount=D(10),
            voucher=f"X{n}",
        )
    client = login("leader")
    with django_assert_max_num_queries(12):
        assert client.get(url("expenses")).status_code == 200


# Writes: POST only, the leader only, audit-logged

WRITES = {
    "expense_new": (),
    "budget_set": (),
    "close": ("2023H2",),
    "contribution_new": (),
    "import_upload": (),
    "account_map": (),
}


@pytest.mark.parametrize("view", WRITES)
def test_write_views_reject_get(login, books, view):
    assert login("leader").get(url(view, *WRITES[view])).status_code == 405


@pytest.mark.parametrize("view", WRITES)
@pytest.mark.parametrize(
    "username", ("hub", "steering", "viewer", "promoter_a", "researcher", "outsider")
)
def test_write_views_answer_404_to_everyone_but_the_leader(login, books, view, username):
    response = login(username).post(url(view, *WRITES[view]), {})
    assert response.status_code == 404


def expense_data(lines, **overrides):
    return {
        "line": lines["operating"].pk,
        "date": "2023-10-02",
        "amount": "1 250,50",
        "voucher": "A77",
        "workshop": "",
        "cost_category": "",
        "description": "Material",
        "override_reason": "",
        **overrides,
    }


def test_the_leader_books_an_expense_with_htmx(login, books, lines, world):
    response = login("leader").post(url("expense_new"), expense_data(lines), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Booked A77" in html or "Bokförde A77" in html
    assert 'id="expense-table" hx-swap-oob="true"' in html
    expense = Expense.objects.get(voucher="A77")
    assert expense.amount == D("1250.50")
    assert AuditEvent.objects.filter(
        object_type="expense", object_ref="A77", user=world.leader
    ).exists()


def test_a_double_booked_voucher_is_refused_in_the_form(login, books, lines):
    data = expense_data(lines, voucher="L1")
    html = login("leader").post(url("expense_new"), data, **HTMX).content.decode()
    assert "Hälsofrämjare" in html  # the other line is named
    assert Expense.objects.filter(voucher="L1").count() == 1


def test_a_cap_breach_is_refused_until_a_reason_is_given(login, books, lines):
    client = login("leader")
    data = expense_data(lines, amount="197001")  # 3 000 kr spent of 200 000
    client.post(url("expense_new"), data, **HTMX)
    assert not Expense.objects.filter(voucher="A77").exists()
    data["override_reason"] = "Beslut i styrgruppen"
    client.post(url("expense_new"), data, **HTMX)
    assert Expense.objects.get(voucher="A77").over_cap_reason == "Beslut i styrgruppen"


def test_a_plain_post_redirects_to_the_list(login, books, lines):
    response = login("leader").post(url("expense_new"), expense_data(lines))
    assert response.status_code == 302
    assert response["Location"] == url("expenses")


def test_the_leader_sets_a_budget_and_closes_a_period(login, books, lines, world):
    client = login("leader")
    response = client.post(
        url("budget_set"),
        {"line": lines["overhead"].pk, "period": "2023H2", "workshop": "", "amount": "50 000"},
    )
    assert response["Location"] == url("period", "2023H2")
    assert Budget.objects.get(line=lines["overhead"]).amount == D(50000)
    response = client.post(
        url("close", "2023H2"),
        {
            "agreement": lines["overhead"].agreement.pk,
            "handling": "carry_over",
            "carried": "",
            "carried_to": "",
            "decision_reference": "Styrgruppen 2024-03-12 § 4",
            "decision_date": "2024-03-12",
            "note": "",
        },
    )
    close = PeriodClose.objects.get()
    assert close.carried == D(67000) - D(33000)
    assert close.carried_to == "2024H1"
    html = client.get(url("period", "2023H2")).content.decode()
    assert "Styrgruppen 2024-03-12 § 4" in html


def test_the_leader_adds_a_contribution(login, books, agreement, world):
    partner = agreement.payer
    response = login("leader").post(
        url("contribution_new"),
        {
            "agreement": agreement.pk,
            "partner": partner.pk,
            "period": "2023H2",
            "kind": "hours",
            "description": "Forskningsansvarig",
            "amount": "",
            "hours": "120",
            "hourly_value": "500",
        },
    )
    assert response.status_code == 302
    assert Contribution.objects.get().value == D(60000)
    html = login("steering").get(url("contributions")).content.decode()
    assert "Forskningsansvarig" in html and "60\u00a0000\u00a0kr" in html


def test_the_leader_uploads_and_maps_an_sie_file(login, books, lines):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jamlik.finance.tests.test_imports import sie_bytes

    client = login("leader")
    upload = SimpleUploadedFile("ab.se", sie_bytes())
    response = client.post(url("import_upload"), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 422
    assert "5460 Förbrukningsmaterial" in html
    response = client.post(
        url("account_map"),
        {
            "account_5460": lines["operating"].pk,
            "name_5460": "Förbrukningsmaterial",
            "account_6110": lines["operating"].pk,
            "account_7010": lines["promoters"].pk,
        },
    )
    assert AccountMapping.objects.count() == 3
    response = client.post(url("import_upload"), {"file": SimpleUploadedFile("ab.se", sie_bytes())})
    assert response.status_code == 302
    assert Expense.objects.filter(source="sie").count() == 3


def test_a_workshop_without_a_budget_says_so_instead_of_zero_of_zero(login, books):
    client = login("promoter_a")
    client.cookies["django_language"] = "sv"
    html = client.get(url("workshops") + "?period=2024H1").content.decode()
    assert "Verkstad A" in html
    assert "förbrukat av 0" not in html
    assert "ingen budget satt" in html
