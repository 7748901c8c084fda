"""The pages through the test client: access per role, the respondent's form, exports."""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse

from jamlik.people.models import AuditEvent
from jamlik.surveys import links
from jamlik.surveys.models import EthicsApproval, QualitativeRecord, Response, Score, Wave
from jamlik.surveys.tests.conftest import SRH, WHO5, answer

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"surveys:{name}", args=["test", *args])


class TestIndex:
    @pytest.mark.parametrize(
        "username", ["leader", "promoter_a", "viewer", "hub", "steering", "researcher"]
    )
    def test_every_role_sees_the_evaluation_page(self, world, roles, login, waves, username):
        user = roles.get(username) or getattr(world, username)
        page = login(user).get(url("index"))
        assert page.status_code == 200
        assert "Baseline 2024" in page.content.decode()

    def test_an_outsider_gets_404(self, world, login):
        assert login(world.outsider).get(url("index")).status_code == 404

    def test_the_program_tabs_link_to_it(self, world, login):
        page = login(world.leader).get(url("index")).content.decode()
        assert f'href="{url("index")}" aria-current="page"' in page


class TestPlanAWave:
    def post(self, client, **extra):
        data = {
            "key": "baseline-2025",
            "name": "Baseline 2025",
            "kind": "baseline",
            "instruments": [WHO5, "rand36@1.0"],
            "opens_on": "2025-02-01",
        } | extra
        return client.post(url("wave_new"), data)

    def test_the_leader_plans_a_wave(self, world, login):
        response = self.post(login(world.leader))
        wave = Wave.objects.get(key="baseline-2025")
        assert response.status_code == 302 and response["Location"] == wave.get_absolute_url()
        assert wave.instruments == [WHO5, "rand36@1.0"]
        assert wave.languages() == ["en"]
        assert AuditEvent.objects.filter(action="create", object_type="wave").exists()

    def test_an_instrument_without_texts_cannot_be_planned(self, world, login):
        response = self.post(login(world.leader), instruments=["eq5d5l@1"])
        assert response.status_code == 200
        assert "licensee" in response.content.decode()
        assert not Wave.objects.exists()

    def test_a_follow_up_needs_a_baseline(self, world, login):
        response = self.post(login(world.leader), kind="follow_up")
        assert response.status_code == 200 and not Wave.objects.exists()

    @pytest.mark.parametrize("username", ["promoter_a", "viewer", "hub", "researcher"])
    def test_other_roles_get_404(self, world, roles, login, username):
        user = roles.get(username) or getattr(world, username)
        assert self.post(login(user)).status_code == 404
        assert not Wave.objects.exists()


class TestWavePage:
    def test_it_shows_paired_change_and_charts(self, world, login, waves):
        baseline, follow_up = waves
        answer(baseline, world.participant_a, who5=(2, 2, 2, 2, 2), srh=3)
        answer(follow_up, world.participant_a, who5=(3, 3, 3, 3, 3), srh=2)
        client = login(world.leader)
        page = client.get(url("wave", follow_up.key)).content.decode()
        assert "fewer than 10 pairs" in page
        chart = client.get(url("chart", follow_up.key, WHO5, "index"))
        assert chart.status_code == 200 and chart["Content-Type"] == "image/svg+xml"
        assert b"<svg" in chart.content

    def test_external_roles_see_small_counts_suppressed(self, world, login, waves):
        baseline, follow_up = waves
        answer(baseline, world.participant_a, who5=(2, 2, 2, 2, 2), srh=3)
        page = login(world.viewer).get(url("wave", baseline.key)).content.decode()
        assert "&lt;5" in page
        assert "Fill in with a participant" not in page
        assert (
            login(world.viewer).get(url("chart", follow_up.key, WHO5, "index")).status_code == 404
        )

    def test_a_promoter_does_not_see_another_workshops_wave(self, world, login, waves):
        baseline, _ = waves
        baseline.workshop = world.workshop_b
        baseline.save()
        assert login(world.promoter_a).get(url("wave", baseline.key)).status_code == 404
        assert login(world.promoter_b).get(url("wave", baseline.key)).status_code == 200

    def test_the_qr_code_is_for_field_workers(self, world, login, waves):
        baseline, _ = waves
        assert login(world.promoter_a).get(url("wave_qr", baseline.key)).status_code == 200
        assert login(world.viewer).get(url("wave_qr", baseline.key)).status_code == 404


class TestAssisted:
    def test_a_promoter_starts_a_form_with_own_participant(self, world, login, waves):
        baseline, _ = waves
        client = login(world.promoter_a)
        data = {"participant_code": "t-aaaa", "language": "sv", "consent": "on"}
        response = client.post(url("assist", baseline.key), data)
        created = Response.objects.get()
        assert response["Location"] == url("fill", created.uuid)
        assert created.participant == world.participant_a
        assert (created.mode, created.entered_by) == ("assisted", world.promoter_a)
        assert created.consent_research_at is not None

    def test_another_workshops_participant_is_refused(self, world, login, waves):
        baseline, _ = waves
        data = {"participant_code": "T-BBBB", "language": "sv", "consent": "on"}
        response = login(world.promoter_a).post(url("assist", baseline.key), data)
        assert response.status_code == 200 and not Response.objects.exists()

    def test_without_consent_nothing_is_stored(self, world, login, waves):
        baseline, _ = waves
        data = {"participant_code": "T-AAAA", "language": "sv"}
        response = login(world.promoter_a).post(url("assist", baseline.key), data)
        assert response.status_code == 200 and not Response.objects.exists()

    def test_a_viewer_gets_404(self, world, login, waves):
        baseline, _ = waves
        data = {"language": "sv", "consent": "on"}
        assert login(world.viewer).post(url("assist", baseline.key), data).status_code == 404


class TestSelfAdministered:
    def test_a_respondent_fills_in_the_form_through_the_link(self, client, world, waves):
        baseline, _ = waves
        start = links.link_path(wave=baseline)
        assert client.get(start).status_code == 200
        consent = client.get(start + "?lang=en")
        assert "I agree" in consent.content.decode()
        refused = client.post(start, {"language": "en"})
        assert refused.status_code == 200 and not Response.objects.exists()
        started = client.post(start, {"language": "en", "consent": "on"})
        response = Response.objects.get()
        assert (response.participant, response.mode, response.language) == (None, "self", "en")
        fill = started["Location"]
        page = client.get(fill).content.decode()
        assert "Questions 1–5 of 6" in page and "I have felt calm and relaxed" in page
        client.post(fill, {"page": 1, "move": "next", "q1": 3, "q2": 3, "q3": 3, "q4": "x"})
        # Leaving and coming back through the link resumes the unfinished form.
        resumed = client.get(start)
        assert resumed.status_code == 302 and resumed["Location"] == fill
        assert "Questions 6–6 of 6" in client.get(fill).content.decode()
        done = client.post(fill, {"page": 2, "move": "next", "q1": 1})
        assert done["Location"] == url("done", response.uuid)
        response.refresh_from_db()
        assert response.completed
        assert response.answers == {WHO5: {"q1": 3, "q2": 3, "q3": 3}, SRH: {"q1": 1}}
        scores = {(s.instrument, s.scale): s.value for s in response.scores.all()}
        assert scores[("who5", "index")] is None  # two WHO-5 items missing
        assert scores[("srh_who", "srh")] == 1
        assert "Thank you" in client.get(done["Location"]).content.decode()
        # A completed form cannot be changed through its link.
        assert client.get(fill)["Location"] == url("done", response.uuid)

    def test_the_arabic_form_is_right_to_left(self, client, world, waves):
        baseline, _ = waves
        baseline.instruments = [WHO5]
        baseline.save()
        start = links.link_path(wave=baseline)
        page = client.get(start + "?lang=ar").content.decode()
        assert '<html lang="ar" dir="rtl">' in page
        assert "لم تتم مراجعة هذه الترجمة" in page
        client.post(start, {"language": "ar", "consent": "on"})
        fill = client.get(url("fill", Response.objects.get().uuid)).content.decode()
        assert "شعرتُ بالهدوء والاسترخاء" in fill and 'dir="rtl"' in fill

    def test_a_personal_link_carries_the_participant(self, client, world, waves):
        baseline, _ = waves
        start = links.link_path(wave=baseline, participant=world.participant_b)
        client.post(start, {"language": "sv", "consent": "on"})
        assert Response.objects.get().participant == world.participant_b

    def test_a_forged_or_foreign_link_gets_404(self, client, world, waves):
        baseline, _ = waves
        token = links.make_token(wave=baseline)
        assert client.get(url("start", token[:-2] + "xx")).status_code == 404
        other = reverse("surveys:start", args=["other", token])
        assert client.get(other).status_code == 404

    def test_a_closed_wave_takes_no_answers(self, client, world, waves):
        baseline, _ = waves
        baseline.closes_on = date(2024, 3, 1)
        baseline.save()
        start = links.link_path(wave=baseline)
        client.post(start, {"language": "sv", "consent": "on"})
        assert not Response.objects.exists()

    def test_an_unknown_response_gets_404(self, client, world):
        assert client.get(url("fill", "00000000-0000-0000-0000-000000000000")).status_code == 404


class TestResearchExport:
    def test_a_researcher_without_an_ethics_approval_gets_no_export(
        self, world, roles, login, waves
    ):
        answer(waves[0], world.participant_a, who5=(3, 3, 3, 3, 3), srh=2)
        client = login(roles["researcher"])
        assert client.get(url("export", "halsa-2024")).status_code == 404
        assert client.get(url("export", "halsa-2024") + "?format=csv").status_code == 404
        assert not AuditEvent.objects.filter(action="export").exists()

    def test_an_expired_approval_gives_no_export(self, world, roles, login, approval):
        approval.valid_until = date(2024, 12, 31)
        approval.save()
        assert login(roles["researcher"]).get(url("export", approval.study)).status_code == 404

    @pytest.mark.parametrize("username", ["leader", "hub", "steering", "viewer"])
    def test_other_roles_get_no_export(self, world, roles, login, approval, username):
        user = roles.get(username) or getattr(world, username)
        assert login(user).get(url("export", approval.study) + "?format=csv").status_code == 404

    def test_the_export_is_pseudonymised_per_study_and_logged(
        self, world, roles, login, waves, approval
    ):
        baseline, follow_up = waves
        answer(baseline, world.participant_a, who5=(3, 3, 3, 3, 3), srh=2)
        answer(follow_up, world.participant_a, who5=(4, 4, 4, 4, 4), srh=1)
        answer(baseline, None, who5=(1, 1, 1, 1, 1), srh=4)
        client = login(roles["researcher"])
        assert client.get(url("index")).content.decode().count(url("export", approval.study))
        response = client.get(url("export", approval.study) + "?format=csv")
        assert response.status_code == 200
        text = response.content.decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == 3
        assert "T-AAAA" not in text and "T-BBBB" not in text
        linked = [r for r in rows if r["wave"] in (baseline.key, follow_up.key)]
        pseudonyms = {r["study_pseudonym"] for r in linked}
        assert len(pseudonyms) == 2  # the participant twice, the anonymous once
        assert re.fullmatch(r"HALSA-2024-[0-9a-f]{16}", rows[0]["study_pseudonym"])
        assert rows[0]["who5_score_index"] == "60.0"
        event = AuditEvent.objects.get(action="export", object_type="research_export")
        assert event.detail["reference_number"] == "2024-01234-01"
        assert event.detail["rows"] == 3
        # Another study keys its pseudonyms differently.
        other = EthicsApproval.objects.create(
            program=world.program,
            study="annan",
            title="Another study",
            reference_number="2025-1",
            valid_from=date(2024, 1, 1),
            valid_until=date(2099, 1, 1),
            scope="-",
        )
        first = Response.objects.filter(participant=world.participant_a).first()
        assert other.pseudonym(first) != approval.pseudonym(first)
        assert first.participant.code not in approval.pseudonym(first)

    def test_excel_export(self, world, roles, login, approval, waves):
        from openpyxl import load_workbook

        answer(waves[0], world.participant_a, who5=(3, 3, 3, 3, 3), srh=2)
        response = login(roles["researcher"]).get(url("export", approval.study) + "?format=xlsx")
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content))["responses"]
        header = [c.value for c in sheet[1]]
        row = dict(zip(header, sheet[2], strict=True))
        assert row["wave_opens_on"].is_date and row["wave_opens_on"].value.date() == date(
            2024, 2, 1
        )
        assert row["who5_q1"].value == 3
        assert row["who5_score_index"].data_type == "n"


class TestOfflineForms:
    def test_field_workers_download_the_xlsform(self, world, login, waves):
        baseline, _ = waves
        response = login(world.promoter_a).get(url("xlsform", baseline.key))
        assert response.status_code == 200 and response.content[:2] == b"PK"
        assert login(world.viewer).get(url("xlsform", baseline.key)).status_code == 404

    def test_the_leader_imports_a_csv(self, world, login, waves):
        baseline, _ = waves
        text = (
            "form_language,consent,participant_code,g_who5-who5__q1,g_who5-who5__q2,"
            "g_who5-who5__q3,g_who5-who5__q4,g_who5-who5__q5,meta-instanceID\n"
            "sv,yes,T-AAAA,1,2,3,4,5,uuid:1\n"
        )
        upload = io.BytesIO(text.encode())
        upload.name = "export.csv"
        response = login(world.leader).post(url("import", baseline.key), {"file": upload})
        assert response.status_code == 302
        assert Score.objects.get(instrument="who5", scale="raw").value == 15

    def test_a_promoter_cannot_import(self, world, login, waves):
        baseline, _ = waves
        assert login(world.promoter_a).get(url("import", baseline.key)).status_code == 404


class TestQualitativeRecords:
    data = {
        "kind": "focus_group",
        "date": "2024-10-01",
        "participants_count": 7,
        "themes": "Trygghet\nLoneliness",
        "notes": "Wish for more evening activities.",
    }

    def test_a_promoter_records_a_focus_group(self, world, login):
        client = login(world.promoter_a)
        assert client.post(url("record_new"), self.data).status_code == 302
        record = QualitativeRecord.objects.get()
        assert record.theme_list() == ["Trygghet", "Loneliness"]
        assert AuditEvent.objects.filter(object_type="qualitative_record").exists()
        assert "Loneliness" in client.get(url("index")).content.decode()

    def test_a_viewer_cannot(self, world, login):
        assert login(world.viewer).post(url("record_new"), self.data).status_code == 404
        assert not QualitativeRecord.objects.exists()


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("index", ()),
        ("export", ("halsa-2024",)),
        ("done", ("00000000-0000-0000-0000-000000000000",)),
        ("wave", ("baseline-2024",)),
    ],
)
def test_read_only_pages_reject_posts(world, login, waves, name, args):
    assert login(world.leader).post(url(name, *args)).status_code == 405


@pytest.mark.parametrize("name", ["wave_new", "record_new"])
def test_write_pages_reject_other_methods(world, login, name):
    assert login(world.leader).put(url(name)).status_code == 405
