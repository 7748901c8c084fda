import shutil
import subprocess
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from conftest import PASSWORD
from jamlik.strategy import services
from jamlik.strategy.models import DecisionPoint, DialogueSheet, PolicyIssue


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def url(name, *args):
    return reverse(f"strategy:{name}", args=["test", *args])


@pytest.mark.parametrize(
    ("problem", "politics", "policy", "is_open"),
    [
        (True, True, True, True),
        (True, True, False, False),
        (True, False, True, False),
        (False, True, True, False),
        (False, False, False, False),
    ],
)
def test_a_window_is_open_only_when_all_three_streams_are_present(
    world, problem, politics, policy, is_open
):
    issue = PolicyIssue.objects.create(
        program=world.program,
        title="Spontanidrott",
        problem_present=problem,
        politics_present=politics,
        policy_present=policy,
    )
    [row] = services.windows(program=world.program, today=date(2024, 5, 1))
    assert row["open"] is is_open is issue.is_open


def test_the_next_decision_point_is_the_issues_own_else_the_programs(world):
    budget = DecisionPoint.objects.create(
        program=world.program, date=date(2024, 6, 18), title="Budget", kind="budget"
    )
    DecisionPoint.objects.create(program=world.program, date=date(2024, 4, 1), title="Förr")
    board = DecisionPoint.objects.create(
        program=world.program, date=date(2024, 9, 10), title="Nämnd", kind="board"
    )
    issue = PolicyIssue.objects.create(program=world.program, title="A")
    [row] = services.windows(program=world.program, today=date(2024, 5, 1))
    assert row["next"] == budget
    issue.decision_points.add(board)
    [row] = services.windows(program=world.program, today=date(2024, 5, 1))
    assert row["next"] == board


@time_machine.travel(date(2024, 5, 1))
def test_the_hub_records_an_issue_and_the_steering_group_sees_the_open_window(
    client, world, hub, steering
):
    DecisionPoint.objects.create(program=world.program, date=date(2024, 6, 18), title="Budget")
    login(client, hub)
    response = client.post(
        url("issue_new"),
        {
            "title": "Spontanidrott för unga",
            "problem_present": "on",
            "problem_note": "Stillasittande ökar",
            "politics_present": "on",
            "politics_note": "Folkhälsomål 3",
            "policy_present": "on",
            "policy_note": "Öppna idrottshallen fredagar",
        },
    )
    issue = PolicyIssue.objects.get()
    assert response["Location"] == issue.get_absolute_url()
    client.logout()
    login(client, steering)
    page = client.get(url("index")).content.decode()
    assert "Spontanidrott för unga" in page and "2024-06-18" in page
    assert client.post(url("issue_edit", issue.pk), {"title": "x"}).status_code == 404


def test_a_dialogue_sheet_prints_as_one_page_with_the_four_questions(client, world, hub):
    login(client, hub)
    response = client.post(
        url("sheet_new"),
        {
            "counterpart": "Fritidsnämnden",
            "counterpart_kind": "board",
            "meeting_on": "2024-05-20",
            "their_goals": "Fler unga i föreningslivet",
            "figures_period": "2024",
        },
    )
    sheet = DialogueSheet.objects.get()
    assert response["Location"] == sheet.get_absolute_url()
    page = client.get(sheet.get_absolute_url()).content.decode()
    assert "2 unique participants in 2024" in page
    assert "Can we and you influence the public health situation? If so, how?" in page
    pdf = client.get(url("sheet_pdf", sheet.pk))
    assert pdf["Content-Type"] == "application/pdf"
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        text = subprocess.run(  # noqa: S603 - a fixed command on our own PDF
            [pdftotext, "-", "-"], input=pdf.content, capture_output=True, check=True
        ).stdout.decode()
        pages = [page for page in text.split("\f") if page.strip()]
        assert len(pages) == 1
        assert "Fritidsnämnden" in pages[0] and "What is your main task and goal?" in pages[0]


def test_the_outcome_is_recorded_with_its_date(client, world, hub):
    sheet = DialogueSheet.objects.create(
        program=world.program, counterpart="Ledningsgruppen", meeting_on=date(2024, 5, 20)
    )
    login(client, hub)
    with time_machine.travel(date(2024, 5, 21)):
        client.post(
            url("sheet_edit", sheet.pk),
            {"answer_1": "Trygghet", "outcome": "De vill ha en gemensam workshop"},
        )
    sheet.refresh_from_db()
    assert sheet.answer_1 == "Trygghet"
    assert sheet.outcome_recorded_on == date(2024, 5, 21)


def test_a_sheet_refuses_a_date_range_as_its_figures_period(client, world, hub):
    login(client, hub)
    client.post(
        url("sheet_new"),
        {
            "counterpart": "X",
            "counterpart_kind": "board",
            "meeting_on": "2024-05-20",
            "figures_period": "2024-01-01..2024-02-01",
        },
    )
    assert not DialogueSheet.objects.exists()
