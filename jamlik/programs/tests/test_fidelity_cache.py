"""Model fidelity is computed once per program, period, day and language, and a write to
anything the criteria read shows at once (programs/fidelity_cache.py)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from conftest import PASSWORD
from jamlik.governance.models import Body
from jamlik.lib.periods import Period
from jamlik.needs.models import Need, NeedsInventory
from jamlik.organisations.tests.conftest import city  # noqa: F401, F811
from jamlik.partners.models import Partner, Partnership
from jamlik.programs import fidelity_cache
from jamlik.programs.fidelity import compute_fidelity, fidelity_for
from jamlik.programs.models import CachedFidelity
from jamlik.programs.tests.cycle_helpers import meeting
from jamlik.reports.figures import figures_changed

H1 = Period.parse("2024H1")
TODAY = date(2024, 12, 1)


@pytest.fixture(autouse=True)
def _as_users_see_it(settings):
    settings.FIGURES_CACHE_CHECK = False  # the check would recompute on every hit


def statuses(program) -> dict[str, tuple[str, str]]:
    rows = fidelity_for(program, H1, today=TODAY)
    return {row["key"]: (row["status"], row["evidence"]) for row in rows}


def test_a_second_read_is_one_query_and_equal(gov):
    with CaptureQueriesContext(connection) as first:
        rows = fidelity_for(gov.program, H1, today=TODAY)
    with CaptureQueriesContext(connection) as second:
        again = fidelity_for(gov.program, H1, today=TODAY)
    assert len(first) > 10
    assert len(second) == 1
    assert again == rows == compute_fidelity(gov.program, H1, today=TODAY)


def _inventory(gov):
    NeedsInventory.objects.create(
        program=gov.program, key="uw", title="UW", kind="exploratory", date=date(2023, 9, 1)
    )


def _need(gov):
    gov.world.workshop_a.needs.add(Need.objects.create(program=gov.program, key="n", title="N"))


def _hub_meeting(gov):
    meeting(gov.hub, date(2024, 2, 1))


def _no_hub(gov):
    Body.objects.filter(kind="hub").delete()


def _partner_sector(gov):
    partner = Partner.objects.create(name="Bolaget", sector="business")
    Partnership.objects.create(program=gov.program, partner=partner, role="iop_party")


def _letters(gov):
    for partnership in Partnership.objects.filter(program=gov.program):
        partnership.letter_signed_on = date(2024, 1, 10)
        partnership.save()


@pytest.mark.parametrize(
    ("write", "key"),
    [
        (_inventory, "needs_driven_start"),
        (_need, "workshops_serve_needs"),
        (_hub_meeting, "hub_cadence"),
        (_no_hub, "hub_cadence"),
        (_partner_sector, "pentahelix"),
        (_letters, "letters_signed"),
    ],
)
def test_a_write_the_criteria_read_shows_at_once(gov, write, key):
    before = statuses(gov.program)
    write(gov)
    after = statuses(gov.program)
    assert after[key] != before[key]
    assert fidelity_for(gov.program, H1, today=TODAY) == compute_fidelity(
        gov.program, H1, today=TODAY
    )


def test_a_bulk_write_shows_after_figures_changed_without_days(gov):
    need = Need.objects.create(program=gov.program, key="n", title="N")
    gov.world.workshop_a.needs.add(need)
    gov.world.workshop_b.needs.add(need)
    assert statuses(gov.program)["workshops_serve_needs"][0] == "met"
    gov.program.workshops.update(status="closed")  # no signal, like an import's bulk write
    figures_changed(program=gov.program)
    assert statuses(gov.program)["workshops_serve_needs"][0] == "no_data"


def test_each_day_language_and_code_version_is_its_own(gov, monkeypatch):
    fidelity_for(gov.program, H1, today=TODAY)
    with CaptureQueriesContext(connection) as next_day:
        fidelity_for(gov.program, H1, today=date(2024, 12, 2))
    assert len(next_day) > 10
    with translation.override("en"):
        english = fidelity_for(gov.program, H1, today=TODAY)
    with translation.override("sv"):
        swedish = fidelity_for(gov.program, H1, today=TODAY)
    assert english[0]["title"] == "Needs-driven start" != swedish[0]["title"]
    assert CachedFidelity.objects.filter(program=gov.program).count() == 2  # one per language
    monkeypatch.setattr(fidelity_cache, "_version", "a-new-release")
    with CaptureQueriesContext(connection) as new_code:
        fidelity_for(gov.program, H1, today=TODAY)
    assert len(new_code) > 10


def test_the_city_dashboard_reads_fidelity_in_one_query_per_program(client, city):  # noqa: F811
    from jamlik.organisations.tests.test_queries import _queries
    from jamlik.programs.models import Program

    assert client.login(username="funder", password=PASSWORD)
    two = _queries(client)
    Program.objects.create(slug="p3", name="P3", code_prefix="A", organisation=city.organisation)
    three = _queries(client)
    # Its figures, report, caps, goals and one query for the fidelity (24 before the cache).
    assert three - two <= 12
