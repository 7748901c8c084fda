"""Report drafts and versions: write, submit, approve (freeze), send, start again.

Every change writes an audit row in the same transaction.
"""

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jamlik.governance.models import Decision
from jamlik.governance.reports import is_steering_decision
from jamlik.lib.periods import Period
from jamlik.people import audit
from jamlik.programs.models import Program
from jamlik.reports.collect import collect_report_data, figures_sha256
from jamlik.reports.models import ReportDraft, ReportFile, ReportRendering, ReportVersion
from jamlik.reports.render import render
from jamlik.reports.render.document import Document, Meta, build_document
from jamlik.reports.sections import SECTION_KEYS

FROZEN_FORMATS = ("pdf", "docx", "xlsx")
NOT_EDITABLE = gettext_lazy("Only a draft can be changed; start a new draft from it.")


@dataclass
class Rendered:
    content: bytes
    filename: str
    doc: Document


def _title(program: Program, period: Period) -> str:
    return _("%(program)s – report back %(period)s") % {
        "program": program.name,
        "period": period.label,
    }


# Building documents -----------------------------------------------------------------


def draft_document(draft: ReportDraft, *, data: dict[str, Any] | None = None) -> Document:
    """The draft as it would be approved now: figures from today's data."""
    language = "sv"
    if data is None:
        data = collect_report_data(
            program=draft.program, period=draft.period, audience=draft.audience, language=language
        )
    with translation.override(data["language"]):
        meta = Meta(
            title=draft.title or _title(draft.program, draft.period),
            status=draft.status,
            status_label=str(ReportDraft.Status(draft.status).label),
            generated_at=timezone.now(),
            sha256=figures_sha256(data),
        )
        return build_document(data, draft.narrative, meta)


def version_document(version: ReportVersion) -> Document:
    """The approved version, from its frozen figures: the same every time."""
    with translation.override(version.language):
        status = ReportDraft.Status.SENT if version.sent_at else ReportDraft.Status.APPROVED
        meta = Meta(
            title=version.title,
            status=status,
            status_label=str(status.label),
            version=version.number,
            approved_at=version.approved_at,
            approval_note=approval_line(version),
            sha256=version.figures_sha256,
        )
        return build_document(version.figures, version.narrative, meta)


def approval_line(version: ReportVersion) -> str:
    """The steering group's decision (or that none is linked yet) and the approver's note."""
    parts = (version.approval_statement(), version.approval_note)
    return " · ".join(part for part in parts if part)


def render_document(doc: Document, fmt: str) -> bytes:
    with translation.override(doc.data["language"]):
        return render(doc, fmt)


def filename(doc: Document, fmt: str) -> str:
    slug = doc.data["program"]["slug"]
    label = doc.data["period"]["label"].replace("..", "_")
    suffix = f"-v{doc.meta.version}" if doc.meta.version else "-utkast"
    audience = "" if doc.external else "-intern"
    return f"aterrapportering-{slug}-{label}{audience}{suffix}.{fmt}"


def latest_version(*, program: Program, period: Period, audience: str) -> ReportVersion | None:
    return (
        ReportVersion.objects.filter(program=program, period_label=period.label, audience=audience)
        .order_by("-number")
        .first()
    )


def latest_draft(*, program: Program, period: Period, audience: str) -> ReportDraft | None:
    return (
        ReportDraft.objects.filter(program=program, period_label=period.label, audience=audience)
        .order_by("-updated_at", "-pk")
        .first()
    )


def adhoc_report(
    *, program: Program, period: Period, audience: str, fmt: str, language: str = "sv"
) -> Rendered:
    """A report straight from the data, without narrative: for the command line.

    An approved version of the same period and audience is used instead when one exists,
    so that the command prints what was approved.
    """
    version = latest_version(program=program, period=period, audience=audience)
    if version is not None:
        doc = version_document(version)
    else:
        data = collect_report_data(
            program=program, period=period, audience=audience, language=language
        )
        with translation.override(language):
            meta = Meta(
                title=_title(program, period),
                status="draft",
                status_label=str(ReportDraft.Status.DRAFT.label),
                sha256=figures_sha256(data),
            )
            doc = build_document(data, {}, meta)
    return Rendered(render_document(doc, fmt), filename(doc, fmt), doc)


# Files rendered by background tasks (jamlik/reports/tasks.py) ---------------------------


def store_version_files(*, version_id: int, formats=FROZEN_FORMATS) -> int:
    """Render and store those of the approved version's files in `formats` that are not
    stored yet; the count."""
    version = ReportVersion.objects.select_related("program", "decision").get(pk=version_id)
    missing = [f for f in formats if not version.files.filter(format=f).exists()]
    if not missing:
        return 0
    doc = version_document(version)
    for fmt in missing:
        content = render_document(doc, fmt)
        stored = ReportFile(
            version=version,
            format=fmt,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
        )
        stored.file.save(filename(doc, fmt), ContentFile(content), save=False)
        stored.save()
    return len(missing)


@transaction.atomic
def request_rendering(*, user, draft: ReportDraft, fmt: str) -> ReportRendering:
    """Queue the draft's file in `fmt` for `user`; a task renders it (`run_rendering`)."""
    from jamlik.reports.tasks import render_draft

    if fmt not in FROZEN_FORMATS:
        raise ValidationError(_("Unknown file format."))
    rendering = ReportRendering.objects.create(draft=draft, format=fmt, requested_by=user)
    render_draft.enqueue(str(rendering.pk))
    return rendering


def run_rendering(*, rendering_id: str) -> ReportRendering:
    rendering = ReportRendering.objects.select_related("draft__program").get(pk=rendering_id)
    if not rendering.is_pending:
        return rendering
    rendering.status = ReportRendering.Status.RUNNING
    rendering.save(update_fields=["status"])
    try:
        doc = draft_document(rendering.draft)
        content = render_document(doc, rendering.format)
    except Exception:
        rendering.status = ReportRendering.Status.FAILED
        rendering.finished_at = timezone.now()
        rendering.save(update_fields=["status", "finished_at"])
        raise
    rendering.file.save(filename(doc, rendering.format), ContentFile(content), save=False)
    rendering.figures_sha256 = doc.meta.sha256
    rendering.status = ReportRendering.Status.DONE
    rendering.finished_at = timezone.now()
    rendering.save()
    return rendering


# Changes ----------------------------------------------------------------------------


@transaction.atomic
def create_draft(
    *, user, program: Program, period: Period, audience: str, based_on: ReportVersion | None = None
) -> ReportDraft:
    draft = ReportDraft.objects.create(
        program=program,
        period_label=period.label,
        audience=audience,
        title=based_on.title if based_on else _title(program, period),
        narrative=dict(based_on.narrative) if based_on else {},
        based_on=based_on,
        created_by=user,
    )
    audit.record(
        user=user,
        program=program,
        action="create",
        object_type="report_draft",
        object_ref=draft.pk,
        detail={
            "period": period.label,
            "audience": audience,
            "based_on": based_on.pk if based_on else None,
        },
    )
    return draft


@transaction.atomic
def update_narrative(*, user, draft: ReportDraft, section: str, text: str) -> ReportDraft:
    if section not in SECTION_KEYS:
        raise ValidationError(_("There is no such section."))
    draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
    if not draft.is_editable:
        raise ValidationError(NOT_EDITABLE)
    before = draft.narrative.get(section, "")
    draft.narrative = {**draft.narrative, section: text.replace("\r\n", "\n").strip()}
    draft.save(update_fields=["narrative", "updated_at"])
    audit.record(
        user=user,
        program=draft.program,
        action="update",
        object_type="report_draft",
        object_ref=draft.pk,
        detail={"section": section, "chars_before": len(before), "chars_after": len(text)},
    )
    return draft


def _set_status(*, user, draft: ReportDraft, to: str, allowed_from: tuple[str, ...]) -> None:
    if draft.status not in allowed_from:
        raise ValidationError(
            _("A report that is %(status)s cannot be moved to %(to)s.")
            % {
                "status": ReportDraft.Status(draft.status).label,
                "to": ReportDraft.Status(to).label,
            }
        )
    before = draft.status
    draft.status = to
    audit.record(
        user=user,
        program=draft.program,
        action="update",
        object_type="report_draft",
        object_ref=draft.pk,
        detail={"status": [before, to]},
    )


@transaction.atomic
def submit(*, user, draft: ReportDraft) -> ReportDraft:
    draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
    _set_status(user=user, draft=draft, to=ReportDraft.Status.SUBMITTED, allowed_from=("draft",))
    draft.submitted_at = timezone.now()
    draft.save(update_fields=["status", "submitted_at", "updated_at"])
    return draft


@transaction.atomic
def withdraw(*, user, draft: ReportDraft) -> ReportDraft:
    draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
    _set_status(user=user, draft=draft, to=ReportDraft.Status.DRAFT, allowed_from=("submitted",))
    draft.submitted_at = None
    draft.save(update_fields=["status", "submitted_at", "updated_at"])
    return draft


def _check_decision(decision: Decision, program: Program) -> None:
    if not is_steering_decision(decision, program):
        raise ValidationError(
            _("Only a decision of this program's steering group approves its report.")
        )


@transaction.atomic
def approve(
    *,
    user,
    draft: ReportDraft,
    note: str = "",
    decision: Decision | None = None,
    formats: tuple[str, ...] = FROZEN_FORMATS,
) -> ReportVersion:
    """Freeze the draft: figures, narrative and the rendered files, as they are now.

    The steering group's decision may be named now or linked later (`link_decision`).
    `formats` are the files rendered now (all, except for the demo's older versions, whose
    other files are made when someone asks for them: `render_missing_files`).
    """
    draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
    if decision is not None:
        _check_decision(decision, draft.program)
    _set_status(user=user, draft=draft, to=ReportDraft.Status.APPROVED, allowed_from=("submitted",))
    draft.save(update_fields=["status", "updated_at"])
    data = collect_report_data(
        program=draft.program, period=draft.period, audience=draft.audience, language="sv"
    )
    latest = ReportVersion.objects.filter(
        program=draft.program, period_label=draft.period_label, audience=draft.audience
    ).aggregate(n=Max("number"))["n"]
    version = ReportVersion.objects.create(
        draft=draft,
        program=draft.program,
        period_label=draft.period_label,
        audience=draft.audience,
        number=(latest or 0) + 1,
        title=draft.title or _title(draft.program, draft.period),
        figures=data,
        figures_sha256=figures_sha256(data),
        narrative=dict(draft.narrative),
        language=data["language"],
        approved_by=user,
        approved_at=timezone.now(),
        approval_note=note.strip()[:300],
        decision=decision,
    )
    # Rendered once, by a task: queued in this transaction, so it runs only if the
    # approval is committed (inline with the immediate backend).
    from jamlik.reports.tasks import render_version_files

    render_version_files.enqueue(version.pk, list(formats))
    audit.record(
        user=user,
        program=draft.program,
        action="create",
        object_type="report_version",
        object_ref=version.pk,
        detail={
            "draft": draft.pk,
            "number": version.number,
            "sha256": version.figures_sha256,
            "decision": decision.pk if decision else None,
        },
    )
    return version


@transaction.atomic
def link_decision(*, user, version: ReportVersion, decision: Decision) -> ReportVersion:
    """Names the steering-group decision of a version approved without one.

    The stored files stay as approved; the version page and re-rendered documents show
    the decision.
    """
    version = ReportVersion.objects.select_for_update().get(pk=version.pk)
    if version.decision_id is not None:
        raise ValidationError(_("This version is already linked to a decision."))
    _check_decision(decision, version.program)
    version.decision = decision
    version.save(update_fields=["decision"])
    audit.record(
        user=user,
        program=version.program,
        action="update",
        object_type="report_version",
        object_ref=version.pk,
        detail={"decision": decision.pk},
    )
    return version


@transaction.atomic
def mark_sent(*, user, version: ReportVersion, sent_to: str) -> ReportVersion:
    version = ReportVersion.objects.select_for_update().get(pk=version.pk)
    if version.sent_at is not None:
        raise ValidationError(_("This version has already been sent."))
    version.sent_at = timezone.now()
    version.sent_by = user
    version.sent_to = sent_to.strip()[:300]
    version.save(update_fields=["sent_at", "sent_by", "sent_to"])
    draft = version.draft
    if draft.status == ReportDraft.Status.APPROVED:
        _set_status(user=user, draft=draft, to=ReportDraft.Status.SENT, allowed_from=("approved",))
        draft.save(update_fields=["status", "updated_at"])
    audit.record(
        user=user,
        program=version.program,
        action="update",
        object_type="report_version",
        object_ref=version.pk,
        detail={"sent_to": version.sent_to},
    )
    return version
