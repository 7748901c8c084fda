import re
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from jamlik.activities.models import Activity, Attendance, Headcount, IndividualSupport, Participant
from jamlik.partners.models import Partner, Partnership
from jamlik.people.models import AuditEvent

HTMX = {"HTTP_HX_REQUEST": "true"}
ATTENDANCE = "/p/test/activities/a-1/"


def url(name, *args):
    return reverse(f"activities:{name}", args=["test", *args])


def hidden_value(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no hidden field {name}"
    return match[1]


def activity_post(client, **overrides):
    form = client.get(url("new") + "?workshop=a").content.decode()
    data = {
        "key": hidden_value(form, "key"),
        "workshop": "",
        "date": "2024-04-10",
        "start_time": "17:30",
        "duration_minutes": "90",
        "kind": "health_circle",
        "large_event": "auto",
        "title": "Hälsocirkel",
        "premises": "Träffpunkten",
        "languages": "sv, ar",
        "status": "held",
    }
    return {**data, **overrides}


# Activity list


def test_the_list_shows_own_workshops_activities_newest_first(login, world):
    Activity.objects.create(
        program=world.program,
        key="a-2",
        workshop=world.workshop_a,
        kind="culture",
        date=date(2024, 5, 1),
        title="Senare",
    )
    response = login("promoter_a").get(url("list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Senare") < html.index("Hälsocirkel A")
    assert "Träning B" not in html


def test_the_list_filters_by_workshop(login, world):
    response = login("leader").get(url("list") + "?workshop=b")
    html = response.content.decode()
    assert "Träning B" in html
    assert "Hälsocirkel A" not in html


def test_the_list_is_paginated_with_a_bounded_number_of_queries(
    login, world, django_assert_max_num_queries
):
    Activity.objects.bulk_create(
        Activity(
            program=world.program,
            key=f"a-bulk-{i}",
            workshop=world.workshop_a,
            kind="culture",
            date=date(2023, 1, 1) + timedelta(days=i),
            title=f"Bulk {i}",
        )
        for i in range(60)
    )
    client = login("promoter_a")
    with django_assert_max_num_queries(12):
        response = client.get(url("list"))
    assert response.context["page"].paginator.num_pages == 2
    assert len(response.context["page"].object_list) == 50


# New activity


def test_the_form_starts_with_a_key_today_and_the_workshop(login, world):
    response = login("promoter_a").get(url("new") + "?workshop=a")
    form = response.context["form"]
    assert form["date"].value() == timezone.localdate()
    assert form["workshop"].value() == world.workshop_a.pk
    assert form["status"].value() == "planned"
    assert hidden_value(response.content.decode(), "key").startswith("a-")


def test_it_creates_the_activity_and_goes_to_attendance(login, world):
    client = login("promoter_a")
    partner = Partner.objects.create(name="Föreningen", sector="nonprofit")
    Partnership.objects.create(program=world.program, partner=partner)
    data = activity_post(client, workshop=world.workshop_a.pk, partners=[partner.pk])
    response = client.post(url("new"), data)
    activity = Activity.objects.get(key=data["key"])
    assert response.status_code == 302
    assert response["Location"] == activity.get_absolute_url()
    assert activity.created_by == world.promoter_a
    assert activity.workshop == world.workshop_a
    assert list(activity.partners.all()) == [partner]
    assert activity.large_event is False
    assert AuditEvent.objects.filter(action="create", object_ref=activity.key).exists()


def test_posting_the_same_form_twice_creates_one_activity(login, world):
    client = login("promoter_a")
    data = activity_post(client, workshop=world.workshop_a.pk)
    first = client.post(url("new"), data)
    second = client.post(url("new"), data)
    assert first["Location"] == second["Location"]
    assert Activity.objects.filter(program=world.program).count() == 3


@pytest.mark.parametrize(
    ("kind", "choice", "expected"),
    [("area_day", "auto", True), ("health_circle", "auto", False), ("area_day", "no", False)],
)
def test_larger_event_follows_the_kind_unless_overridden(login, world, kind, choice, expected):
    client = login("promoter_a")
    data = activity_post(client, workshop=world.workshop_a.pk, kind=kind, large_event=choice)
    client.post(url("new"), data)
    assert Activity.objects.get(key=data["key"]).large_event is expected


def test_an_empty_title_becomes_the_kind(login, world):
    client = login("promoter_a")
    client.cookies["django_language"] = "en"
    data = activity_post(client, workshop=world.workshop_a.pk, title="", kind="culture")
    client.post(url("new"), data)
    assert Activity.objects.get(key=data["key"]).title == "Culture"


def test_invalid_input_is_shown_again_with_errors(login, world):
    client = login("promoter_a")
    data = activity_post(client, workshop=world.workshop_a.pk, kind="", date="2024-02-30")
    response = client.post(url("new"), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"kind", "date"}
    assert 'class="errorlist' in response.content.decode()
    assert not Activity.objects.filter(key=data["key"]).exists()


@pytest.mark.parametrize("workshop", ["b", ""])
def test_a_promoter_cannot_choose_another_workshop_or_none(login, world, workshop):
    client = login("promoter_a")
    pk = {"b": world.workshop_b.pk, "": ""}[workshop]
    data = activity_post(client, workshop=pk)
    response = client.post(url("new"), data)
    assert response.status_code == 200
    assert "workshop" in response.context["form"].errors
    assert not Activity.objects.filter(key=data["key"]).exists()


def test_the_leader_may_create_a_program_wide_activity(login, world):
    client = login("leader")
    data = activity_post(client, workshop="")
    assert client.post(url("new"), data).status_code == 302
    assert Activity.objects.get(key=data["key"]).workshop is None


# Attendance page


def test_the_attendance_page_shows_who_is_present_and_is_audited(login, world):
    response = login("promoter_a").get(ATTENDANCE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "T-AAAA" in html
    assert 'id="count-bar"' in html
    assert 'hx-trigger="input changed delay:250ms, search"' in html
    event = AuditEvent.objects.get(action="view", object_type="attendance")
    assert (event.user, event.object_ref, event.detail) == (world.promoter_a, "a-1", {"count": 1})


def test_search_answers_htmx_with_a_partial(login, world):
    response = login("promoter_a").get(url("search", "a-1") + "?q=aaa", **HTMX)
    html = response.content.decode()
    assert html.startswith('<div id="search-results"')
    assert "T-AAAA" in html
    assert "<html" not in html


def test_search_without_javascript_shows_results_on_the_page(login, world):
    client = login("promoter_a")
    response = client.get(url("search", "a-1") + "?q=T-AAAA")
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert 'name="code" value="T-AAAA"' in page.content.decode()


def test_another_workshops_participant_is_found_by_full_code_showing_code_and_category(
    login, world
):
    world.participant_b.birth_year = 2011
    world.participant_b.save()
    response = login("promoter_a").get(url("search", "a-1") + "?q=T-BBBB", **HTMX)
    html = response.content.decode()
    assert "T-BBBB" in html
    assert "2011" not in html


def test_marking_present_with_htmx_updates_list_and_count(login, world):
    client = login("promoter_a")
    data = {"code": "T-BBBB", "present": "1", "q": "T-BBBB"}
    response = client.post(url("mark", "a-1"), data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<section id="present"')
    assert 'id="count-bar" class="count-bar" hx-swap-oob="true"' in html
    assert 'id="search-results" class="results" hx-swap-oob="true"' in html
    assert world.activity_a.attendances.filter(participant=world.participant_b).exists()


def test_marking_present_empties_and_focuses_the_search_for_the_next_code(login, world):
    client = login("promoter_a")
    data = {"code": "T-BBBB", "present": "1", "q": "T-BBBB"}
    html = client.post(url("mark", "a-1"), data, **HTMX).content.decode()
    search = re.search(r'<input id="q"[^>]*>', html)[0]
    assert 'value=""' in search
    assert 'hx-swap-oob="true" autofocus' in search
    results = re.search(r'<div id="search-results".*?</div>', html, re.S)[0]
    assert "T-BBBB" not in results


def test_removing_offers_an_undo_that_marks_present_again(login, world):
    client = login("promoter_a")
    data = {"code": "T-AAAA", "present": "0", "q": "T-A"}
    html = client.post(url("mark", "a-1"), data, **HTMX).content.decode()
    assert not world.activity_a.attendances.exists()
    undo = re.search(r'<form class="undo".*?</form>', html, re.S)[0]
    assert "T-AAAA är inte längre markerad som närvarande." in undo
    assert 'name="code" value="T-AAAA"' in undo and 'name="present" value="1"' in undo
    assert '<input id="q"' not in html  # the search is kept while removing
    client.post(url("mark", "a-1"), {"code": "T-AAAA", "present": "1"}, **HTMX)
    assert world.activity_a.attendances.filter(participant=world.participant_a).exists()


def test_removing_without_javascript_offers_the_undo_on_the_page(login, world):
    client = login("promoter_a")
    data = {"code": "T-AAAA", "present": "0", "q": ""}
    response = client.post(url("mark", "a-1"), data)
    assert response["Location"] == ATTENDANCE + "?removed=T-AAAA"
    html = client.get(response["Location"]).content.decode()
    assert '<form class="undo"' in html
    client.post(url("mark", "a-1"), {"code": "T-AAAA", "present": "1"})
    assert '<form class="undo"' not in client.get(response["Location"]).content.decode()


def test_marking_present_twice_records_once(login, world):
    client = login("promoter_a")
    for _ in range(2):
        client.post(url("mark", "a-1"), {"code": "T-BBBB", "present": "1"}, **HTMX)
    assert Attendance.objects.filter(activity=world.activity_a).count() == 2


def test_marking_without_javascript_redirects_back(login, world):
    client = login("promoter_a")
    response = client.post(url("mark", "a-1"), {"code": "T-AAAA", "present": "0", "q": "T-A"})
    assert response.status_code == 302
    assert response["Location"] == ATTENDANCE + "?q=T-A&removed=T-AAAA"
    assert not world.activity_a.attendances.exists()


def test_marking_an_unknown_code_is_404(login, world):
    response = login("promoter_a").post(url("mark", "a-1"), {"code": "T-ZZZZ", "present": "1"})
    assert response.status_code == 404


def new_participant_data(client, **overrides):
    html = client.get(ATTENDANCE).content.decode()
    code = re.search(r'name="code" value="(T-[A-Z0-9]+)" id="id_code"', html)[1]
    return {"code": code, "category": "adult", "gender": "unknown", "birth_year": "", **overrides}


def test_a_new_participant_is_registered_and_present(login, world):
    client = login("promoter_a")
    data = new_participant_data(client, category="child_youth", birth_year="2014")
    response = client.post(url("participant_new", "a-1"), data, **HTMX)
    html = response.content.decode()
    participant = Participant.objects.get(code=data["code"])
    assert (participant.category, participant.birth_year) == ("child_youth", 2014)
    assert participant.registered_in == world.workshop_a
    assert world.activity_a.attendances.filter(participant=participant).exists()
    assert html.startswith('<section id="new-participant"')
    assert f'<p class="code code-big">{data["code"]}</p>' in html
    assert 'id="count-bar" class="count-bar" hx-swap-oob="true"' in html


def test_a_new_participant_posted_twice_is_created_once(login, world):
    client = login("promoter_a")
    data = new_participant_data(client)
    for _ in range(2):
        client.post(url("participant_new", "a-1"), data, **HTMX)
    assert Participant.objects.filter(code=data["code"]).count() == 1
    assert world.activity_a.attendances.count() == 2


def test_a_new_participant_without_javascript_redirects_to_show_the_code(login, world):
    client = login("promoter_a")
    data = new_participant_data(client)
    response = client.post(url("participant_new", "a-1"), data)
    assert response["Location"] == f"{ATTENDANCE}?new={data['code']}"
    page = client.get(response["Location"]).content.decode()
    assert f'<p class="code code-big">{data["code"]}</p>' in page


def test_a_new_participant_needs_a_category(login, world):
    client = login("promoter_a")
    data = new_participant_data(client, category="")
    response = client.post(url("participant_new", "a-1"), data, **HTMX)
    assert response.status_code == 200
    assert "category" in response.context["participant_form"].errors
    assert not Participant.objects.filter(code=data["code"]).exists()


@pytest.mark.parametrize("code", ["X-ABCD", "T-AB", "T-BBBB"])
def test_a_foreign_or_taken_code_is_not_used(login, world, code):
    client = login("promoter_a")
    response = client.post(
        url("participant_new", "a-1"), {"code": code, "category": "adult"}, **HTMX
    )
    assert response.status_code == 200
    assert Participant.objects.count() == 2
    assert not world.activity_a.attendances.filter(participant=world.participant_b).exists()


def test_headcounts_are_set_and_zero_removes_them(login, world):
    client = login("promoter_a")
    data = {"category": "adult", "gender": "unknown", "count": "5"}
    response = client.post(url("headcount", "a-1"), data, **HTMX)
    assert "<strong>6</strong>" in response.content.decode()
    client.post(url("headcount", "a-1"), data, **HTMX)
    assert Headcount.objects.get(activity=world.activity_a).count == 5
    response = client.post(url("headcount", "a-1"), {**data, "count": "0"})
    assert response.status_code == 302
    assert not Headcount.objects.exists()


@pytest.mark.parametrize(
    ("gender", "typed", "message"),
    [
        ("", "-3", "Sparades inte: antalet kan inte vara under 0."),
        ("woman", "99999999", "Sparades inte: antalet kan inte vara över 100 000."),
        ("", "", "Sparades inte: skriv ett antal, 0 om ingen kom."),
    ],
)
def test_a_headcount_out_of_range_says_why_beside_the_stepper_and_shows_the_saved_number(
    login, world, gender, typed, message
):
    saved = gender or "unknown"
    Headcount.objects.create(activity=world.activity_a, category="adult", gender=saved, count=4)
    data = {"category": "adult", "gender": gender, "count": typed}
    response = login("promoter_a").post(url("headcount", "a-1"), data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith(f'<form class="stepper" id="stepper-adult-{saved}" method="post"')
    assert "novalidate" in html.split(">", 1)[0]
    assert 'hx-swap-oob="true"' in html
    assert 'name="count" value="4"' in html
    assert f"{message} Det sparade antalet är 4." in html
    assert Headcount.objects.get(activity=world.activity_a).count == 4


def test_a_headcount_out_of_range_without_javascript_shows_the_page_with_the_error(login, world):
    data = {"category": "adult", "gender": "unknown", "count": "-3"}
    response = login("promoter_a").post(url("headcount", "a-1"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="hc-adult-unknown" name="count" value="0"' in html
    assert 'aria-invalid="true" aria-describedby="hc-adult-unknown-error"' in html
    assert "antalet kan inte vara under 0" in html
    assert not Headcount.objects.exists()


def test_a_headcount_for_an_unknown_group_is_a_bad_request(login, world):
    data = {"category": "robot", "gender": "", "count": "1"}
    response = login("promoter_a").post(url("headcount", "a-1"), data, **HTMX)
    assert response.status_code == 400
    assert not Headcount.objects.exists()


def test_the_status_can_be_set_to_cancelled(login, world):
    response = login("promoter_a").post(url("status", "a-1"), {"status": "cancelled"}, **HTMX)
    assert response.content.decode().startswith('<section id="status"')
    world.activity_a.refresh_from_db()
    assert world.activity_a.status == "cancelled"


@pytest.mark.parametrize("steps", [("cancelled", "planned"), ("planned", "held")])
def test_the_status_can_be_changed_back(login, world, steps):
    client = login("promoter_a")
    for status in steps:
        assert client.post(url("status", "a-1"), {"status": status}, **HTMX).status_code == 200
        world.activity_a.refresh_from_db()
        assert world.activity_a.status == status


@time_machine.travel(date(2024, 5, 1))
@pytest.mark.parametrize(("day", "status"), [("2024-05-02", "planned"), ("2024-05-01", "held")])
def test_a_new_activity_left_as_it_is_shown_is_planned(login, world, day, status):
    client = login("promoter_a")
    data = activity_post(client, workshop=world.workshop_a.pk, date=day)
    del data["status"]
    data["status"] = client.get(url("new")).context["form"]["status"].value()
    client.post(url("new"), data)
    assert Activity.objects.get(key=data["key"]).status == "planned"
    if status == "held":
        data = activity_post(client, workshop=world.workshop_a.pk, date=day, status="held")
        client.post(url("new"), data)
        assert Activity.objects.get(key=data["key"]).status == "held"


@time_machine.travel(date(2024, 5, 1))
def test_an_activity_after_today_cannot_be_saved_as_held(login, world):
    client = login("promoter_a")
    data = activity_post(client, workshop=world.workshop_a.pk, date="2024-05-02", status="held")
    response = client.post(url("new"), data)
    assert response.status_code == 200
    assert "kan inte ha genomförts ännu" in str(response.context["form"].errors["status"])
    assert not Activity.objects.filter(key=data["key"]).exists()


@time_machine.travel(date(2024, 3, 1))
def test_an_activity_after_today_cannot_be_marked_held_and_says_why(login, world):
    world.activity_a.status = "planned"
    world.activity_a.save()
    client = login("promoter_a")
    response = client.post(url("status", "a-1"), {"status": "held"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<section id="status"')
    assert 'role="alert"' in html and "kan inte ha genomförts ännu" in html
    world.activity_a.refresh_from_db()
    assert world.activity_a.status == "planned"
    plain = client.post(url("status", "a-1"), {"status": "held"})
    assert "kan inte ha genomförts ännu" in plain.content.decode()


@time_machine.travel(date(2024, 3, 1))
def test_a_planned_activity_does_not_count_in_the_figures(world):
    from jamlik.lib.periods import Period
    from jamlik.reports.figures import compute_figures

    period = Period.parse("2024H1")
    before = compute_figures(program=world.program, period=period)["activities"]
    world.activity_a.status = "planned"
    world.activity_a.save()
    assert compute_figures(program=world.program, period=period)["activities"] == before - 1


# Participant page


def test_the_participant_page_shows_the_record_and_is_audited(login, world):
    response = login("promoter_a").get(url("participant", "T-AAAA"))
    html = response.content.decode()
    assert "T-AAAA" in html
    assert "Hälsocirkel A" in html
    assert AuditEvent.objects.filter(action="view", object_ref="T-AAAA").exists()


def test_the_participant_page_lists_only_activities_the_user_may_see(login, world):
    Attendance.objects.create(activity=world.activity_b, participant=world.participant_a)
    html = login("promoter_a").get(url("participant", "T-AAAA")).content.decode()
    assert "Träning B" not in html


def test_a_support_contact_is_recorded(login, world):
    client = login("promoter_a")
    data = {
        "date": "2024-04-02",
        "kind": "referral",
        "minutes": "20",
        "workshop": world.workshop_a.pk,
        "entry_token": "2f1c7a52-8a39-4c1e-9d57-4d0b8a5b9f10",
    }
    response = client.post(url("support_new", "T-AAAA"), data)
    assert response.status_code == 302
    contact = IndividualSupport.objects.get()
    assert (contact.participant, contact.minutes, contact.workshop) == (
        world.participant_a,
        20,
        world.workshop_a,
    )


def test_a_double_tapped_support_contact_is_recorded_once(login, world):
    client = login("promoter_a")
    form = client.get(url("participant", "T-AAAA")).context["support_form"]
    token = form["entry_token"].value()
    data = {
        "date": "2024-04-02",
        "kind": "guidance",
        "workshop": world.workshop_a.pk,
        "entry_token": token,
    }
    client.post(url("support_new", "T-AAAA"), data)
    client.post(url("support_new", "T-AAAA"), data)
    assert IndividualSupport.objects.count() == 1
    fresh = client.get(url("participant", "T-AAAA")).context["support_form"]
    assert fresh["entry_token"].value() != token


def test_an_invalid_support_contact_is_shown_again(login, world):
    response = login("promoter_a").post(url("support_new", "T-AAAA"), {"date": "", "kind": "x"})
    assert response.status_code == 200
    assert {"date", "kind", "workshop"} <= set(response.context["support_form"].errors)
    assert not IndividualSupport.objects.exists()


# Every write view refuses GET


@pytest.mark.parametrize(
    ("name", "arg"),
    [
        ("mark", "a-1"),
        ("participant_new", "a-1"),
        ("headcount", "a-1"),
        ("status", "a-1"),
        ("support_new", "T-AAAA"),
    ],
)
def test_write_views_refuse_get(login, world, name, arg):
    assert login("promoter_a").get(url(name, arg)).status_code == 405


def test_the_login_page_is_phone_friendly(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert 'name="viewport"' in html


def test_the_attendance_page_writes_the_month_in_lower_case_in_swedish(login, world):
    html = login("promoter_a").get(ATTENDANCE).content.decode()
    assert "tis 5 mars 2024" in html


def test_the_form_and_the_import_word_a_bad_birth_year_alike(login, world):
    from jamlik.programs.interchange.validate import Invalid, birth_year

    client = login("promoter_a")
    data = new_participant_data(client, birth_year="1850")
    form_error = client.post(url("participant_new", "a-1"), data).context["participant_form"].errors
    with pytest.raises(Invalid) as refused:
        birth_year("1850")
    assert form_error["birth_year"] == [str(refused.value)]
