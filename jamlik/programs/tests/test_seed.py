"""The synthetic program: exact for 2023H2, deterministic, plausible elsewhere.

The programs are seeded once for the module inside a transaction that is rolled back
at the end, so the tests share them and leave nothing behind.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, Sum

from jamlik.activities.models import Activity, Attendance, Participant
from jamlik.activities.services import CODE_ALPHABET
from jamlik.finance.models import Expense
from jamlik.governance.models import Decision, Meeting, Membership
from jamlik.lib.periods import Period
from jamlik.needs.figures import active_workshops_without_need
from jamlik.needs.models import BallotDot, Need, NeedStatement
from jamlik.partners.models import Partnership, Sector
from jamlik.people.models import HealthPromoter
from jamlik.programs.demo import seed_program
from jamlik.programs.models import Program
from jamlik.reports.figures import compute_figures
from jamlik.surveys.models import Response, Score
from jamlik.surveys.summary import evaluation_summary
from jamlik.workshops.models import Workshop

OTHER_HALF_YEARS = ["2023H1", "2024H1", "2024H2", "2025H1"]


@pytest.fixture(scope="module")
def programs(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        seeded = {
            "a": seed_program(slug="seed-a", seed=7).program,
            "b": seed_program(slug="seed-b", seed=7).program,
            "c": seed_program(slug="seed-c", seed=8).program,
        }
        yield seeded
        transaction.set_rollback(True)


def figures(program, label):
    result = compute_figures(program=program, period=Period.parse(label))
    del result["program"]
    return result


@pytest.mark.django_db
def test_it_reproduces_the_published_half_year_exactly(programs):
    for program in programs.values():
        result = figures(program, "2023H2")
        assert result["activities"] == 290
        assert result["large_events"] == 46
        assert result["unique_participants"] == {
            "total": 1463,
            "child_youth": 1140,
            "adult": 278,
            "professional": 45,
        }
        assert result["recurring_participants"] == 160
        assert result["individual_support"]["participants"] == 100


@pytest.mark.django_db
def test_it_gives_the_same_data_for_the_same_seed(programs):
    a, b = programs["a"], programs["b"]
    for label in [*OTHER_HALF_YEARS, "2023H2", "2024"]:
        assert figures(a, label) == figures(b, label)

    def codes(program):
        return list(program.participants.order_by("pk").values_list("code", "category"))

    assert codes(a) == codes(b)


def other_apps(program):
    """A few aggregates of the needs, finance, governance and evaluation data."""
    return {
        "needs": list(program.needs.order_by("key").values_list("key", "priority")),
        "statements": NeedStatement.objects.filter(inventory__program=program).count(),
        "dots": sorted(
            BallotDot.objects.filter(ballot__vote__inventory__program=program)
            .values("statement__text")
            .annotate(n=Sum("count"))
            .values_list("statement__text", "n")
        ),
        "links": sorted(
            Workshop.needs.through.objects.filter(workshop__program=program).values_list(
                "workshop__key", "need__key"
            )
        ),
        "expenses": Expense.objects.filter(program=program).aggregate(
            n=Count("pk"), total=Sum("amount")
        ),
        "meetings": list(
            Meeting.objects.filter(body__program=program)
            .order_by("body__key", "date")
            .values_list("body__key", "date", "status", "chair__name")
        ),
        "decisions": Decision.objects.filter(meeting__body__program=program).count(),
        "members": sorted(
            Membership.objects.filter(body__program=program).values_list("body__key", "name")
        ),
        "responses": sorted(
            Response.objects.filter(wave__program=program).values_list(
                "wave__key", "participant__code", "completed", "language", "mode"
            ),
            key=str,
        ),
        "scores": list(
            Score.objects.filter(response__wave__program=program)
            .values("response__wave__key", "instrument", "scale")
            .annotate(n=Count("pk"), total=Sum("value"))
            .order_by("response__wave__key", "instrument", "scale")
            .values_list("response__wave__key", "scale", "n", "total")
        ),
    }


@pytest.mark.django_db
def test_it_gives_the_same_needs_finance_governance_and_evaluation_for_the_same_seed(programs):
    a, b, c = (other_apps(programs[key]) for key in "abc")
    assert a == b
    assert a["statements"] > 50 and a["expenses"]["n"] > 100 and a["decisions"] > 50
    assert a["dots"] != c["dots"]
    assert a["responses"] != c["responses"]


@pytest.mark.django_db
def test_it_lets_every_active_workshop_address_a_need(programs):
    for program in programs.values():
        assert program.workshops.filter(status=Workshop.Status.ACTIVE).count() == 7
        assert not active_workshops_without_need(program).exists()
        assert Need.objects.filter(
            program=program, priority__isnull=False, workshops__isnull=True
        ).exists()


@pytest.mark.django_db
def test_it_gives_the_follow_up_enough_pairs_for_the_paired_statistics(programs):
    for program in programs.values():
        summary = evaluation_summary(program, Period.parse("2024H1"))
        (wave,) = summary["waves"]
        who5 = [row for row in wave["paired_change"] if row["instrument"] == "who5@1998"]
        assert who5 and all(row["n_pairs"] >= 30 and not row["few_pairs"] for row in who5)
        assert all(row["mean_change"] > 0 for row in who5)


@pytest.mark.django_db
def test_it_gives_other_figures_for_another_seed(programs):
    a, c = programs["a"], programs["c"]
    for label in OTHER_HALF_YEARS:
        assert figures(a, label) != figures(c, label)


@pytest.mark.django_db
def test_it_varies_the_other_half_years_plausibly(programs):
    a = programs["a"]
    for label in OTHER_HALF_YEARS:
        result = figures(a, label)
        assert 0.7 * 290 <= result["activities"] <= 1.4 * 290
        assert 0.6 * 46 <= result["large_events"] <= 1.6 * 46
        assert 0.7 * 1463 <= result["unique_participants"]["total"] <= 1.4 * 1463
        assert result["recurring_participants"] > 0
        assert result["cancelled_activities"] > 0
        assert result["visits"]["headcount"] > 0


@pytest.mark.django_db
def test_it_lets_participants_come_back_in_later_half_years(programs):
    a = programs["a"]

    def attendees(label):
        period = Period.parse(label)
        return set(
            Attendance.objects.filter(
                activity__program=a,
                activity__status=Activity.Status.HELD,
                activity__date__range=(period.start, period.end),
            ).values_list("participant_id", flat=True)
        )

    earlier = attendees("2023H1") | attendees("2023H2")
    later = attendees("2024H1")
    assert 0.2 < len(later & earlier) / len(later) < 0.7


@pytest.mark.django_db
def test_it_covers_all_five_sectors(programs):
    sectors = set(
        Partnership.objects.filter(program=programs["a"]).values_list("partner__sector", flat=True)
    )
    assert sectors == set(Sector.values)


@pytest.mark.django_db
def test_it_gives_every_workshop_held_activities_and_a_promoter(programs):
    a = programs["a"]
    workshops = a.workshops.all()
    assert sorted(w.key for w in workshops) == [
        "barn-och-unga",
        "kvinnors-halsa",
        "munhalsa-kost",
        "psykisk-halsa",
        "social-halsa",
        "trygghet",
        "utegym",
    ]
    for workshop in workshops:
        assert workshop.activities.filter(status=Activity.Status.HELD).exists(), workshop.key
        assert workshop.health_promoters.exists(), workshop.key
    assert not HealthPromoter.objects.filter(program=a, employer__isnull=True).exists()
    assert a.activities.filter(workshop__isnull=True, large_event=True).exists()
    dates = a.activities.order_by("date").values_list("date", flat=True)
    assert str(dates.first()) >= "2023-01-01"
    held = a.activities.exclude(status=Activity.Status.PLANNED)
    assert str(held.order_by("date").last().date) <= "2025-06-30"
    planned = a.activities.filter(status=Activity.Status.PLANNED).order_by("date")
    assert "2025-07-01" <= str(planned.first().date) <= str(dates.last()) <= "2025-07-28"


@pytest.mark.django_db
def test_it_stores_no_names_and_only_pseudonymous_codes(programs):
    participants = Participant.objects.filter(program=programs["a"])
    assert not participants.exclude(name="").exists()
    assert not participants.filter(name_consent_at__isnull=False).exists()
    pattern = re.compile(rf"^LIN-[{CODE_ALPHABET}]{{4,5}}$")
    assert all(pattern.match(code) for code in participants.values_list("code", flat=True))


@pytest.mark.django_db
def test_it_refuses_a_program_that_has_data(programs):
    with pytest.raises(CommandError, match="--replace"):
        call_command("seed", "--program", "seed-a", "--seed", "7", stdout=StringIO())
    assert (
        compute_figures(program=programs["a"], period=Period.parse("2023H2"))["activities"] == 290
    )


@pytest.mark.django_db
def test_it_replaces_the_program_with_replace(programs):
    before = {label: figures(programs["c"], label) for label in OTHER_HALF_YEARS}
    out = StringIO()
    call_command(
        "seed",
        "--program",
        "seed-c",
        "--seed",
        "8",
        "--replace",
        "--today",
        "2025-06-30",
        stdout=out,
    )
    assert out.getvalue().startswith(
        "Seeded seed-c (seed 8, scale 1, up to 2025-06-30): 7 workshops"
    )
    assert out.getvalue().count("\n") == 1
    program = Program.objects.get(slug="seed-c")
    assert {label: figures(program, label) for label in OTHER_HALF_YEARS} == before


@pytest.mark.django_db
def test_it_rejects_a_scale_below_one(programs):
    with pytest.raises(CommandError, match="scale"):
        call_command("seed", "--program", "seed-z", "--scale", "0", stdout=StringIO())
    assert not Program.objects.filter(slug="seed-z").exists()
