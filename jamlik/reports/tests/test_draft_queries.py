"""The report draft page takes a bounded number of queries, whatever the program holds:
its figures are read from the figures cache, and nothing is queried per row."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from jamlik.activities.models import Activity, Attendance
from jamlik.needs.models import Need
from jamlik.reports.figures import figures_changed
from jamlik.reports.tests.test_views import make_draft, url
from jamlik.workshops.models import Workshop


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_draft_page_takes_a_bounded_number_of_queries(report_world, login, settings):
    settings.FIGURES_CACHE_CHECK = False  # the check recomputes the figures on every read
    draft = make_draft(report_world, "internal")
    client = login("leader")
    page = url("draft", draft.pk)
    client.get(page)
    few = queries(client, page)
    # Nine sections and the appendix's fidelity table, read from the fidelity cache (one
    # query; 63 in all before it); the count does not grow with the record, below.
    assert few <= 52
    program = report_world.program
    for n in range(3):
        workshop = Workshop.objects.create(program=program, key=f"extra-{n}", name=f"Extra {n}")
        workshop.needs.add(Need.objects.create(program=program, key=f"n-{n}", title=f"N {n}"))
        activity = Activity.objects.create(
            program=program,
            key=f"extra-{n}",
            workshop=workshop,
            kind="health_circle",
            date=date(2024, 2, 1 + n),
            title="Extra",
        )
        Attendance.objects.create(activity=activity, participant=report_world.participant_a)
    figures_changed(program=program)
    client.get(page)  # the figures are computed again once
    assert queries(client, page) == few
