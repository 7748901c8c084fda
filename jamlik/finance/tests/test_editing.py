"""The leader's pages for agreements, funding lines and funded FTE."""

from datetime import date
from decimal import Decimal as D

import pytest

from jamlik.finance import services
from jamlik.finance.models import Agreement, FteAllocation, FundingLine
from jamlik.people.models import AuditEvent, HealthPromoter


def agreement_data(agreement, lines, **changes):
    """The edit page's form as the browser posts it, with `changes` applied
    (`line-<key>-<field>` for a line's field)."""
    data = {
        "name": agreement.name,
        "key": agreement.key,
        "case_number": agreement.case_number,
        "start": agreement.start.isoformat(),
        "end": agreement.end.isoformat(),
        "payer": agreement.payer_id,
        "payment_recipient": agreement.payment_recipient_id,
        "parties": [p.pk for p in agreement.parties.all()],
        "conditions": "",
        "lines-TOTAL_FORMS": len(lines),
        "lines-INITIAL_FORMS": len(lines),
        "lines-MIN_NUM_FORMS": 0,
        "lines-MAX_NUM_FORMS": 1000,
    }
    for i, line in enumerate(lines):
        prefix = f"lines-{i}-"
        for field in ("position", "key", "name", "cost_category", "cap", "fte_cap_percent"):
            value = getattr(line, field)
            data[prefix + field] = "" if value is None else str(value)
        data[prefix + "id"] = line.pk
        for field, value in changes.items():
            if field.startswith(f"line-{line.key}-"):
                data[prefix + field.removeprefix(f"line-{line.key}-")] = value
    data.update({k: v for k, v in changes.items() if not k.startswith("line-")})
    return data


def ordered(agreement):
    return list(agreement.lines.order_by("position", "pk"))


def test_it_creates_an_agreement_with_its_lines(login, agreement):
    client = login("leader")
    response = client.post(
        "/p/test/finance/agreements/new/",
        {
            "name": "IOP 2025–2027",
            "key": "iop2",
            "start": "2025-07-01",
            "end": "2027-06-30",
            "payer": agreement.payer_id,
            "payment_recipient": agreement.payment_recipient_id,
            "parties": [agreement.payer_id, agreement.payment_recipient_id],
            # The empty extra form posts its rendered initial position, as a browser does.
            "lines-TOTAL_FORMS": 2,
            "lines-INITIAL_FORMS": 0,
            "lines-1-position": "0",
            "lines-0-key": "salaries",
            "lines-0-name": "Lön",
            "lines-0-cost_category": "salaries",
            "lines-0-cap": "1 200 000",
            "lines-0-fte_cap_percent": "200",
            "lines-0-position": "0",
        },
    )
    created = Agreement.objects.get(key="iop2")
    assert response.status_code == 302
    assert response["Location"] == created.get_absolute_url()
    line = created.lines.get()
    assert (line.key, line.cap, line.fte_cap_percent) == ("salaries", D(1200000), D(200))
    assert AuditEvent.objects.filter(object_type="agreement", object_ref="iop2").exists()


def test_it_refuses_an_end_before_the_start_and_saves_nothing(login, agreement):
    client = login("leader")
    response = client.post(
        "/p/test/finance/agreements/new/",
        {
            "name": "Fel",
            "key": "fel",
            "start": "2025-07-01",
            "end": "2025-01-01",
            "payer": agreement.payer_id,
            "payment_recipient": agreement.payment_recipient_id,
            "parties": [agreement.payer_id],
            "lines-TOTAL_FORMS": 0,
            "lines-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "end" in response.context["form"].errors
    assert not Agreement.objects.filter(key="fel").exists()


def test_it_refuses_an_fte_cap_on_a_line_that_is_not_salaries(login, agreement):
    client = login("leader")
    lines = ordered(agreement)
    response = client.post(
        "/p/test/finance/agreements/iop/edit/",
        agreement_data(agreement, lines, **{"line-operating-fte_cap_percent": "50"}),
    )
    assert response.status_code == 200
    assert FundingLine.objects.get(key="operating").fte_cap_percent is None


def test_it_refuses_a_cap_below_what_is_booked_and_keeps_everything(login, agreement, lines):
    services.add_expense(
        user=None, line=lines["operating"], date=date(2023, 9, 1), amount=D(150000), voucher="A1"
    )
    client = login("leader")
    response = client.post(
        "/p/test/finance/agreements/iop/edit/",
        agreement_data(
            agreement, ordered(agreement), name="Nytt namn", **{"line-operating-cap": "100000"}
        ),
    )
    assert response.status_code == 200
    (error,) = response.context["lines"].forms[2].errors["cap"]
    assert "150" in error and "000" in error
    agreement.refresh_from_db()
    assert agreement.name == "IOP 2023–2025"  # nothing half-saved
    assert FundingLine.objects.get(key="operating").cap == D(200000)


def test_it_raises_a_cap_and_audits_it(login, agreement):
    client = login("leader")
    response = client.post(
        "/p/test/finance/agreements/iop/edit/",
        agreement_data(agreement, ordered(agreement), **{"line-operating-cap": "250000"}),
    )
    assert response.status_code == 302
    assert FundingLine.objects.get(key="operating").cap == D(250000)
    assert AuditEvent.objects.filter(object_type="agreement", action="update").exists()


def test_it_does_not_remove_a_line_with_bookings(login, agreement, lines):
    services.add_expense(
        user=None, line=lines["overhead"], date=date(2023, 9, 1), amount=D(10), voucher="O1"
    )
    client = login("leader")
    data = agreement_data(agreement, ordered(agreement))
    data["lines-3-DELETE"] = "on"  # overhead
    response = client.post("/p/test/finance/agreements/iop/edit/", data)
    assert response.status_code == 200
    assert FundingLine.objects.filter(key="overhead").exists()
    # An unused line can go.
    data = agreement_data(agreement, ordered(agreement))
    data["lines-2-DELETE"] = "on"  # operating
    assert client.post("/p/test/finance/agreements/iop/edit/", data).status_code == 302
    assert not FundingLine.objects.filter(key="operating").exists()


def test_the_leader_allocates_fte_and_is_refused_over_the_cap_with_the_numbers(
    login, agreement, lines, world
):
    promoters = [
        HealthPromoter.objects.create(program=world.program, name=f"P{i}") for i in range(3)
    ]
    client = login("leader")

    def allocate(promoter, percent):
        return client.post(
            "/p/test/finance/agreements/iop/fte/",
            {
                "line": lines["promoters"].pk,
                "promoter": promoter.pk,
                "percent": percent,
                "start": "2024-01-01",
            },
            follow=True,
        )

    allocate(promoters[0], "100")
    allocate(promoters[1], "100")
    refused = allocate(promoters[2], "80")
    assert FteAllocation.objects.count() == 2
    text = refused.content.decode()
    assert "280" in text and "275" in text
    allocate(promoters[2], "75")
    assert FteAllocation.objects.count() == 3


def test_a_promoter_cannot_be_funded_beyond_their_employment_from_the_page(
    login, agreement, lines, world
):
    promoter = HealthPromoter.objects.create(program=world.program, name="Halvtid", fte_percent=50)
    client = login("leader")
    response = client.post(
        "/p/test/finance/agreements/iop/fte/",
        {
            "line": lines["promoters"].pk,
            "promoter": promoter.pk,
            "percent": "60",
            "start": "2024-01-01",
        },
        follow=True,
    )
    assert "Halvtid" in response.content.decode()
    assert not FteAllocation.objects.exists()


def test_a_line_without_fte_cap_cannot_be_chosen(login, agreement, lines, world):
    promoter = HealthPromoter.objects.create(program=world.program, name="P")
    client = login("leader")
    client.post(
        "/p/test/finance/agreements/iop/fte/",
        {
            "line": lines["operating"].pk,
            "promoter": promoter.pk,
            "percent": "10",
            "start": "2024-01-01",
        },
    )
    assert not FteAllocation.objects.exists()


@pytest.mark.parametrize("user", ["hub", "steering", "viewer", "promoter_a", "outsider"])
def test_only_the_leader_edits_agreements_and_fte(login, agreement, lines, world, user):
    promoter = HealthPromoter.objects.create(program=world.program, name="P")
    client = login(user)
    assert client.get("/p/test/finance/agreements/new/").status_code == 404
    assert client.get("/p/test/finance/agreements/iop/edit/").status_code == 404
    data = agreement_data(agreement, ordered(agreement), name="X")
    assert client.post("/p/test/finance/agreements/iop/edit/", data).status_code == 404
    response = client.post(
        "/p/test/finance/agreements/iop/fte/",
        {
            "line": lines["promoters"].pk,
            "promoter": promoter.pk,
            "percent": "10",
            "start": "2024-01-01",
        },
    )
    assert response.status_code == 404
    assert not FteAllocation.objects.exists()
    agreement.refresh_from_db()
    assert agreement.name == "IOP 2023–2025"
