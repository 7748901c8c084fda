from jamlik.lib.periods import Period
from jamlik.needs.figures import needs_summary
from jamlik.needs.models import Need


def test_the_summary_for_the_report(world, needs):
    Need.objects.create(program=world.program, key="moten", title="Mötesplatser", priority=2)
    summary = needs_summary(world.program, Period.parse("2024"))
    assert [i["key"] for i in summary["inventories"]] == ["fw-2024"]
    assert summary["inventories"][0]["participants"]["total"] == 20
    assert summary["statements"] == 2
    assert summary["statements_by_source"] == {"Residents": 2}
    assert summary["statements_by_theme"] == {"Trygghet": 1, "No theme": 1}
    layers = summary["statements_by_determinant_layer"]
    assert layers["Living and working conditions"] == 1
    assert layers["Social and community networks"] == 1
    assert summary["needs_raised"] == 1
    assert [(n["title"], n["met"], n["workshops"]) for n in summary["prioritised_needs"]] == [
        ("Trygg utemiljö", True, ["Verkstad A"]),
        ("Mötesplatser", False, []),
    ]
    assert [n["key"] for n in summary["unmet_needs"]] == ["moten"]
    assert summary["active_workshops_without_need"] == ["Verkstad B"]
    assert summary["last_exploratory_workshop"] == "2024-03-02"


def test_the_summary_of_a_period_without_inventories(world, needs):
    summary = needs_summary(world.program, Period.parse("2023"))
    assert summary["inventories"] == [] and summary["statements"] == 0
    assert summary["last_exploratory_workshop"] is None
