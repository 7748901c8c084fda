"""The XLSForm export converts with pyxform; CSV submissions come back all-or-nothing."""

import io
import xml.etree.ElementTree as ET

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from jamlik.people.access import get_program_access
from jamlik.people.models import AuditEvent
from jamlik.surveys.models import Response, Score
from jamlik.surveys.tests.conftest import SRH, WHO5
from jamlik.surveys.xlsform import build_xlsform, import_submissions

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

HEADER = (
    "SubmissionDate,start,end,form_language,consent,mode,participant_code,"
    "g_who5-who5__q1,g_who5-who5__q2,g_who5-who5__q3,g_who5-who5__q4,g_who5-who5__q5,"
    "g_srh_who-srh_who__q1,meta-instanceID,KEY"
)


def csv_text(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


ROW_A = (
    "2024-09-03T10:00:00Z,2024-09-03T09:50:00.000+02:00,2024-09-03T09:58:00.000+02:00,"
    "sv,yes,assisted,T-AAAA,3,3,3,3,3,2,uuid:aaa,uuid:aaa"
)
ROW_ANON = "2024-09-03T10:05:00Z,,,en,yes,self,,5,4,3,2,1,,uuid:bbb,uuid:bbb"


def test_the_xlsform_converts_with_pyxform(world, waves):
    baseline, _ = waves
    content = build_xlsform(baseline)
    result = convert(xlsform=io.BytesIO(content), file_type=".xlsx", form_name="data")
    root = ET.fromstring(result.xform)  # noqa: S314 - our own generated form
    xml = result.xform
    assert "who5__q5" in xml and "srh_who__q1" in xml and "instanceID" in xml
    # Both instruments exist in Swedish and English; WHO-5's Arabic is not enough.
    translations = root.findall(".//{http://www.w3.org/2002/xforms}translation")
    assert sorted(t.get("lang") for t in translations) == ["English (en)", "Svenska (sv)"]
    assert "Jag har känt mig glad och på gott humör" in xml
    assert "How is your health in general?" in xml


def test_an_arabic_wave_exports_right_to_left_text(world, waves):
    baseline, _ = waves
    baseline.instruments = [WHO5]
    baseline.save()
    content = build_xlsform(baseline)
    sheet = load_workbook(io.BytesIO(content))["survey"]
    assert "label::العربية (ar)" in [c.value for c in sheet[1]]
    result = convert(xlsform=io.BytesIO(content), file_type=".xlsx")
    assert "شعرتُ بالهدوء والاسترخاء" in result.xform


def test_submissions_import_and_score(world, waves):
    baseline, _ = waves
    access = get_program_access(world.leader, world.program.slug)
    result = import_submissions(access=access, wave=baseline, text=csv_text(ROW_A, ROW_ANON))
    assert result.errors == []
    assert result.created == 2
    linked = Response.objects.get(wave=baseline, participant=world.participant_a)
    assert linked.submission_id == "uuid:aaa"
    assert linked.mode == "assisted" and linked.source == "xlsform" and linked.completed
    assert linked.answers[WHO5] == {"q1": 3, "q2": 3, "q3": 3, "q4": 3, "q5": 3}
    assert linked.consent_research_at.isoformat().startswith("2024-09-03T07:50")
    index = Score.objects.get(response=linked, instrument="who5", scale="index")
    assert index.value == 60
    anonymous = Response.objects.get(submission_id="uuid:bbb")
    assert anonymous.participant is None and anonymous.language == "en"
    assert Score.objects.get(response=anonymous, instrument="srh_who").value is None
    assert AuditEvent.objects.filter(action="import", object_ref=baseline.key).count() == 1


def test_importing_twice_changes_nothing(world, waves):
    baseline, _ = waves
    access = get_program_access(world.leader, world.program.slug)
    import_submissions(access=access, wave=baseline, text=csv_text(ROW_A))
    again = import_submissions(access=access, wave=baseline, text=csv_text(ROW_A, ROW_ANON))
    assert (again.created, again.unchanged, again.errors) == (1, 1, [])
    assert Response.objects.filter(wave=baseline).count() == 2


def test_one_wrong_row_imports_nothing(world, waves):
    baseline, _ = waves
    access = get_program_access(world.leader, world.program.slug)
    wrong = ROW_ANON.replace(",5,4,3,2,1,", ",5,4,9,2,1,").replace("uuid:bbb", "uuid:ccc")
    unknown = ROW_A.replace("T-AAAA", "T-ZZZZ").replace("uuid:aaa", "uuid:ddd")
    result = import_submissions(
        access=access, wave=baseline, text=csv_text(ROW_A, wrong, unknown, "x,,,sv,yes,,,,,,,,,,")
    )
    assert result.created == 0
    assert Response.objects.count() == 0
    assert len(result.errors) == 3
    assert "who5__q3 = 9" in result.errors[0]
    assert "T-ZZZZ" in result.errors[1]
    assert "no submission id" in result.errors[2]


def test_a_submission_without_consent_is_not_stored(world, waves):
    baseline, _ = waves
    access = get_program_access(world.leader, world.program.slug)
    refused = ROW_ANON.replace(",yes,self,", ",no,self,")
    result = import_submissions(access=access, wave=baseline, text=csv_text(refused))
    assert (result.created, result.without_consent) == (0, 1)
    assert Response.objects.count() == 0


def test_kobo_headers_with_slashes_and_semicolons_work(world, waves):
    baseline, _ = waves
    access = get_program_access(world.leader, world.program.slug)
    text = (
        "start;form_language;consent;participant_code;g_who5/who5__q1;g_who5/who5__q2;"
        "g_who5/who5__q3;g_who5/who5__q4;g_who5/who5__q5;g_srh_who/srh_who__q1;_uuid\n"
        ";sv;yes;t-bbbb;1;1;1;1;1;5;kobo-1\n"
    )
    result = import_submissions(access=access, wave=baseline, text=text)
    assert result.errors == [] and result.created == 1
    response = Response.objects.get(submission_id="uuid:kobo-1")
    assert response.participant == world.participant_b
    assert response.answers[SRH] == {"q1": 5}


def survey_rows(content: bytes) -> list[dict]:
    sheet = load_workbook(io.BytesIO(content))["survey"]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_items_the_scoring_needs_are_required_with_a_message_in_each_language(world, waves):
    baseline, _ = waves
    rows = {r["name"]: r for r in survey_rows(build_xlsform(baseline)) if r["name"]}
    for name in ("who5__q1", "who5__q5", "srh_who__q1", "consent"):
        assert rows[name]["required"] == "yes", name
    message = rows["who5__q3"]
    assert message["required_message::Svenska (sv)"] == "Poängen behöver ett svar på frågan."
    assert message["required_message::English (en)"] == (
        "The score needs an answer to this question."
    )
    assert rows["participant_code"]["required"] in (None, "")
    result = convert(xlsform=io.BytesIO(build_xlsform(baseline)), file_type=".xlsx")
    assert 'required="true()"' in result.xform


def settings_row(content: bytes) -> dict:
    rows = list(load_workbook(io.BytesIO(content))["settings"].iter_rows(values_only=True))
    return dict(zip(rows[0], rows[1], strict=True))


def test_the_form_version_changes_with_the_content_not_the_download_time(world, waves):
    import time_machine

    baseline, _ = waves
    with time_machine.travel("2024-09-01 08:00Z"):
        first = settings_row(build_xlsform(baseline))["version"]
    with time_machine.travel("2024-10-15 17:30Z"):
        assert settings_row(build_xlsform(baseline))["version"] == first
    baseline.instruments = [WHO5]
    baseline.save()
    assert settings_row(build_xlsform(baseline))["version"] != first


def test_a_wave_without_a_common_language_says_so(client, world, waves):
    from django.urls import reverse

    from conftest import PASSWORD

    baseline, _ = waves
    baseline.instruments = []
    baseline.save()
    client.login(username="leader", password=PASSWORD)

    response = client.get(reverse("surveys:xlsform", args=["test", baseline.key]), follow=True)

    assert response.status_code == 200
    assert "no language in common" in response.content.decode()


def test_a_formula_like_title_stays_text_without_an_apostrophe(world, waves):
    baseline, _ = waves
    baseline.name = '=HYPERLINK("https://example.org","Höst")'
    baseline.save()
    sheet = load_workbook(io.BytesIO(build_xlsform(baseline)))["settings"]
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value == baseline.name
