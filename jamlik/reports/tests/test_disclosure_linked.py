"""Cells that two tables of the external report share: a total that one table protects
with complementary suppression is published by another table with only primary
suppression, so it must not be the cell that protects the others."""

from datetime import date

from django.utils import translation

from jamlik.activities.models import Activity
from jamlik.lib.periods import Period
from jamlik.reports import tables as t
from jamlik.reports.collect import collect_report_data, figures_sha256
from jamlik.reports.formatting import SUPPRESSED
from jamlik.reports.render.document import Meta, build_document
from jamlik.reports.templatetags.report_format import cell
from jamlik.reports.tests.conftest import PERIOD
from jamlik.workshops.models import Workshop


def external_document(world):
    data = collect_report_data(
        program=world.program, period=Period.parse(PERIOD), audience="external", language="en"
    )
    meta = Meta(title="Report", status="draft", status_label="Draft", sha256=figures_sha256(data))
    with translation.override("en"):
        return build_document(data, {}, meta)


def add_activities(world):
    """On top of `report_world` (workshop A 4, 4, 5, 5, 3 activities in January–May,
    B 1, 1, 2, 1, 1): four more for B in January, a workshop C with two, and six
    program-wide ones in April and in May. C's total (2) is small, and only one more
    cell of the "Total" column can protect it: hiding B's total (10) would do, but the
    per-workshop table shows it; the program-wide total (12) is published nowhere else."""
    c = Workshop.objects.create(program=world.program, key="c", name="Verkstad C")
    days = [(world.workshop_b, date(2024, 1, d)) for d in (2, 3, 4, 5)]
    days += [(c, date(2024, 3, 20)), (c, date(2024, 5, 20))]
    days += [(None, date(2024, m, d)) for m in (4, 5) for d in (2, 3, 4, 9, 10, 11)]
    for n, (workshop, day) in enumerate(days):
        Activity.objects.create(
            program=world.program,
            key=f"linked-{n}",
            workshop=workshop,
            kind="health_circle",
            date=day,
            title=f"Extra {n}",
        )


def shared_cells(activities):
    """Pairs (what, shown here, shown there) of the cells the monthly and the
    participants table mark public, with the cell of the table that publishes them."""
    key_figures = {r["label"]: r["cells"] for r in activities["key_figures"]["rows"]}
    workshops = {r["label"]: r["cells"] for r in activities["workshops"]["rows"]}
    pairs = []
    for r in activities["monthly"]["rows"]:
        if r["total"]:
            pairs.append(("all activities", r["cells"][-1], key_figures["Activities"][0]))
        elif r["label"] in workshops:
            pairs.append((r["label"], r["cells"][-1], workshops[r["label"]][0]))
    (total,) = [r for r in activities["participants"]["rows"] if r["total"]]
    for j in (0, 1):
        pairs.append(("participants", total["cells"][j], key_figures["Unique participants"][j]))
    return pairs


def test_the_shared_totals_read_the_same_in_both_tables(report_world):
    add_activities(report_world)
    activities = external_document(report_world).section_data("activities")
    monthly = activities["monthly"]
    assert [r["label"] for r in monthly["rows"]] == [
        "Verkstad A",
        "Verkstad B",
        "Verkstad C",
        "Program-wide",
        "All activities",
    ]
    assert any(SUPPRESSED in r["cells"][:-1] for r in monthly["rows"]), "months are hidden"
    assert monthly["rows"][2]["cells"][-1] == SUPPRESSED, "C's total is small"
    assert monthly["rows"][3]["cells"][-1] == SUPPRESSED, "protected by the program-wide total"

    pairs = shared_cells(activities)
    assert len(pairs) == 6
    for what, here, there in pairs:
        assert cell(here) == cell(there), what
    assert any(here != SUPPRESSED for _, here, _there in pairs)


def test_it_passes_public_positions_counted_among_the_count_columns():
    # A text column first: positions are in count-column terms, negative from the end.
    inner = [[0, 0, 1], [0, 20, 3], [1, 0, 3]]
    rows = [t.row(f"r{i}", ["x", *cells, sum(cells)]) for i, cells in enumerate(inner)]
    totals = [sum(col) for col in zip(*(r["cells"][1:] for r in rows), strict=True)]
    rows.append(t.row("total", ["x", *totals], total=True))
    columns = [t.column("text", "text")] + [t.column(f"c{j}") for j in range(4)]

    def protected(public):
        data = t.table(
            "k", "title", "stub", columns, [dict(r, cells=list(r["cells"])) for r in rows]
        )
        t.protect(data, threshold=5, total_row=True, total_col=True, public=public)
        return data["rows"][1]["cells"]

    assert protected(())[4] == SUPPRESSED, "the lookahead picks the row total"
    shown = protected({(i, -1) for i in range(-4, 0)})
    assert shown[4] == 23
    assert shown[2] == SUPPRESSED
