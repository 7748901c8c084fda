"""The annual report includes the communication plan's summary and the media log."""

from datetime import date

import pytest
from django.utils import translation

from jamlik.communication.models import (
    CommunicationAction,
    CommunicationPlan,
    MediaMention,
    PlanEntry,
)
from jamlik.lib.periods import Period
from jamlik.partners.models import Partner
from jamlik.reports.collect import collect_report_data, figures_sha256
from jamlik.reports.render.document import Meta, build_document
from jamlik.reports.services import render_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def communication(world):
    plan = CommunicationPlan.objects.create(program=world.program, year=2024, goals="Nå fler")
    entry = PlanEntry.objects.create(
        plan=plan,
        audience="Boende",
        channel="social_media",
        message="Veckans aktiviteter",
        responsible="Anna Hemlig",
        when="Varje vecka",
    )
    for day in (date(2024, 2, 1), date(2024, 3, 1), date(2023, 12, 1)):
        CommunicationAction.objects.create(
            plan=plan, entry=entry, date=day, channel="social_media", description="Inlägg"
        )
    partner = Partner.objects.create(name="Bostadsbolaget", sector="private")
    MediaMention.objects.create(
        program=world.program,
        date=date(2024, 4, 2),
        kind="press",
        outlet="Stadsdelsbladet",
        title="Grannar tränar",
        reported_by=partner,
    )
    MediaMention.objects.create(
        program=world.program, date=date(2025, 1, 2), kind="press", outlet="Sen", title="Sen"
    )


def _document(world, audience="external"):
    data = collect_report_data(
        program=world.program, period=Period.parse("2024"), audience=audience
    )
    meta = Meta(title="Report", status="draft", status_label="Draft", sha256=figures_sha256(data))
    with translation.override("sv"):
        return data, build_document(data, {}, meta)


def _section(doc):
    return next(s for s in doc.sections if s.key == "communication")


def test_the_report_has_the_plan_what_was_done_and_the_media_log(world, communication):
    data, doc = _document(world)
    blocks = _section(doc).blocks
    assert {"type": "paragraph", "text": "Nå fler"} in blocks
    assert {"type": "list", "items": ["Sociala medier: 2"]} in blocks
    mentions = next(b for b in blocks if b["type"] == "publications")["items"]
    assert [(m["authors"], m["title"]) for m in mentions] == [("Stadsdelsbladet", "Grannar tränar")]
    assert "Bostadsbolaget" in mentions[0]["venue"]
    # Who is responsible for a line stays out of the report.
    assert "Anna Hemlig" not in str(data)
    with translation.override("sv"):
        html = render_document(doc, "html").decode()
    assert "Kommunikation" in html and "Grannar tränar" in html


def test_a_version_frozen_before_the_section_existed_still_renders(world, communication):
    data, _doc = _document(world)
    del data["sections"]["communication"]
    meta = Meta(title="Report", status="approved", status_label="Approved")
    with translation.override("sv"):
        doc = build_document(data, {}, meta)
    assert _section(doc).blocks[0]["type"] == "unavailable"
