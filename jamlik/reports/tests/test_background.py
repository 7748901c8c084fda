"""Report files are rendered by a task: queued by the page, run by the worker, then offered."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from jamlik.people.models import AuditEvent
from jamlik.reports import services
from jamlik.reports.models import ReportFile, ReportRendering, ReportVersion
from jamlik.reports.tests.test_views import make_draft, url

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
HTMX = {"HTTP_HX_REQUEST": "true"}


def download_link(html: str) -> str:
    (link,) = re.findall(r'href="([^"]+/download\.\w+)"', html)
    return link


# The worker closes its database connection after a task, as in production: these tests
# commit for real (a transactional test) instead of running inside one rolled-back transaction.
@pytest.mark.django_db(transaction=True)
def test_the_worker_renders_the_file_the_page_queued(report_world, login, settings):
    settings.TASKS = DATABASE_TASKS
    draft = make_draft(report_world)
    client = login("leader")

    queued = client.post(url("draft_render", draft.pk, "pdf"), **HTMX)
    rendering = ReportRendering.objects.get()
    status_url = url("rendering", draft.pk, rendering.pk)
    assert queued.status_code == 200
    assert rendering.status == "queued"
    assert f'hx-get="{status_url}"' in queued.content.decode()
    assert "every 2s" in queued.content.decode()
    assert "/download." not in queued.content.decode()

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    ready = client.get(status_url, **HTMX)
    rendering.refresh_from_db()
    assert rendering.status == "done"
    assert "hx-get" not in ready.content.decode()
    download = client.get(download_link(ready.content.decode()))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('-utkast.pdf"')
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert rendering.figures_sha256 == services.draft_document(draft).meta.sha256
    assert AuditEvent.objects.filter(action="export", object_type="report_draft").exists()


def test_without_htmx_the_page_redirects_to_the_status_page(report_world, login):
    draft = make_draft(report_world)
    client = login("leader")
    response = client.post(url("draft_render", draft.pk, "xlsx"))
    rendering = ReportRendering.objects.get()
    assert response.url == url("rendering", draft.pk, rendering.pk)
    page = client.get(response.url)
    assert "<html" in page.content.decode()
    assert download_link(page.content.decode()).endswith("/download.xlsx")


def test_only_the_user_who_asked_sees_the_file(report_world, login):
    draft = make_draft(report_world)
    login("leader").post(url("draft_render", draft.pk, "docx"))
    rendering = ReportRendering.objects.get()
    other = login("hub")
    assert other.get(url("rendering", draft.pk, rendering.pk)).status_code == 404
    assert other.get(url("rendering_download", draft.pk, rendering.pk, "docx")).status_code == 404


@pytest.mark.parametrize("username", ["promoter_a", "researcher", "viewer", "outsider"])
def test_it_lets_no_one_without_the_report_queue_a_file(report_world, login, username):
    draft = make_draft(report_world)
    assert login(username).post(url("draft_render", draft.pk, "pdf")).status_code == 404
    assert not ReportRendering.objects.exists()


def test_queueing_a_file_rejects_get(report_world, login):
    draft = make_draft(report_world)
    assert login("leader").get(url("draft_render", draft.pk, "pdf")).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_an_approved_versions_files_are_rendered_once_by_the_worker(report_world, login, settings):
    settings.TASKS = DATABASE_TASKS
    draft = make_draft(report_world, status="submitted")
    steering = login("steering")
    steering.post(url("approve", draft.pk), {"note": "§ 4"})
    version = ReportVersion.objects.get()
    assert not version.files.exists()
    page = steering.get(version.get_absolute_url()).content.decode()
    assert reverse("reports:version_files", args=["test", version.pk]) in page
    assert steering.get(url("version_download", version.pk, "pdf")).status_code == 404

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert sorted(version.files.values_list("format", flat=True)) == ["docx", "pdf", "xlsx"]
    stored = {f.format: f.sha256 for f in ReportFile.objects.all()}
    for f in ReportFile.objects.all():
        assert Path(f.file.path).stat().st_mode & 0o777 == 0o600
        assert Path(f.file.path).parent.stat().st_mode & 0o077 == 0
    assert services.store_version_files(version_id=version.pk) == 0
    assert {f.format: f.sha256 for f in ReportFile.objects.all()} == stored
    files = steering.get(url("version_files", version.pk), **HTMX).content.decode()
    assert "hx-get" not in files
    assert steering.get(url("version_download", version.pk, "pdf")).status_code == 200
