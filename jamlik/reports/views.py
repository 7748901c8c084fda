import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jamlik.lib.forms import form_errors_to_messages, posted_data
from jamlik.lib.periods import Period
from jamlik.people import audit
from jamlik.people.access import (
    REPORT_APPROVE_ROLES,
    REPORT_RULE_WRITE_ROLES,
    REPORT_SEND_ROLES,
    REPORT_WRITE_ROLES,
    get_report_draft_for_user,
    get_report_rendering_for_user,
    get_report_version_for_user,
    get_reports_access,
    get_research_access,
    report_audiences_for,
)
from jamlik.people.policy import roles_with
from jamlik.reports import editing, services
from jamlik.reports.forms import (
    ApproveForm,
    DownloadForm,
    LinkDecisionForm,
    NarrativeForm,
    NewDraftForm,
    ReportingRuleForm,
    ResearchOutputForm,
    SendForm,
)
from jamlik.reports.models import (
    ReportDraft,
    ReportFile,
    ReportingRule,
    ReportRendering,
    ReportVersion,
    ResearchOutput,
)
from jamlik.reports.obligations import obligations, rules_for
from jamlik.reports.render import CONTENT_TYPES

DOWNLOAD_FORMATS = ("pdf", "docx", "xlsx")
# A decision taken after the approval is linked by the program leader.
DECISION_LINK_ROLES = roles_with("reports.send")


def _context(access, **extra):
    return {"program": access.program, "access": access, "nav": "reports", **extra}


@login_required
@require_GET
def index(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_reports_access(request.user, slug)
    audiences = report_audiences_for(access)
    drafts = ReportDraft.objects.filter(program=access.program, audience__in=audiences)
    versions = ReportVersion.objects.filter(program=access.program, audience__in=audiences)
    today = timezone.localdate()
    owed = obligations(program=access.program, today=today)
    return render(
        request,
        "reports/index.html",
        _context(
            access,
            drafts=drafts,
            versions=versions.order_by("-period_label", "-number"),
            obligations=[(o, o.state(today)) for o in reversed(owed)],
            form=NewDraftForm(audiences=audiences) if access.role in REPORT_WRITE_ROLES else None,
            download_form=DownloadForm(
                audiences=audiences, initial={"period": _last_half_year(today).label}
            ),
            may_write=access.role in REPORT_WRITE_ROLES,
        ),
    )


def _last_half_year(today) -> Period:
    return Period.half_year_of(today).previous()


@login_required
@require_POST
def download(request: HttpRequest, slug: str) -> HttpResponse:
    """The report for a period in one step: the approved version's stored file if there is
    one; else the latest draft's file, made by a task while its page shows the progress;
    else the figures as they stand. The last two are marked as drafts on every page."""
    access = get_reports_access(request.user, slug)
    form = DownloadForm(request.POST, audiences=report_audiences_for(access))
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("reports:index", slug)
    period, audience, fmt = (form.cleaned_data[k] for k in ("period", "audience", "format"))
    version = services.latest_version(program=access.program, period=period, audience=audience)
    if version is not None:
        if ReportFile.objects.filter(version=version, format=fmt).exists():
            return redirect("reports:version_download", slug, version.pk, fmt)
        return redirect(version)  # its files are still being made; the page shows them
    draft = services.latest_draft(program=access.program, period=period, audience=audience)
    if draft is not None:
        rendering = services.request_rendering(user=request.user, draft=draft, fmt=fmt)
        return redirect("reports:rendering", slug, draft.pk, rendering.pk)
    # No draft to render from: today's figures without text, a few seconds' work.
    rendered = services.adhoc_report(
        program=access.program,
        period=period,
        audience=audience,
        fmt=fmt,
        language=translation.get_language() or "sv",
    )
    audit.record_by(
        access,
        "export",
        "report",
        period.label,
        audience=audience,
        format=fmt,
        sha256=rendered.doc.meta.sha256,
    )
    response = HttpResponse(rendered.content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


@login_required
@require_POST
def create(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_reports_access(request.user, slug, roles=REPORT_WRITE_ROLES)
    form = NewDraftForm(request.POST, audiences=report_audiences_for(access))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("reports:index", slug)
    draft = services.create_draft(
        user=request.user,
        program=access.program,
        period=form.cleaned_data["period"],
        audience=form.cleaned_data["audience"],
    )
    return redirect(draft)


@login_required
@require_GET
def draft(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, draft = get_report_draft_for_user(request.user, slug, pk)
    doc = services.draft_document(draft)
    may_write = access.role in REPORT_WRITE_ROLES
    return render(
        request,
        "reports/draft.html",
        _context(
            access,
            draft=draft,
            doc=doc,
            editable=may_write and draft.is_editable,
            may_write=may_write,
            may_approve=access.role in REPORT_APPROVE_ROLES,
            approve_form=ApproveForm(program=access.program),
            open_section=request.GET.get("section", ""),
            formats=ReportFile.Format.choices,
            versions=draft.versions.order_by("-number"),
        ),
    )


@login_required
@require_POST
def narrative(request: HttpRequest, slug: str, pk: int, section: str) -> HttpResponse:
    _access, draft = get_report_draft_for_user(request.user, slug, pk, roles=REPORT_WRITE_ROLES)
    form = NarrativeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The text is too long."))
    else:
        try:
            services.update_narrative(
                user=request.user, draft=draft, section=section, text=form.cleaned_data["text"]
            )
            messages.success(request, _("The text was saved."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect(f"{draft.get_absolute_url()}#section-{section}")


def _transition(request, slug, pk, *, roles, action, **kwargs):
    _access, draft = get_report_draft_for_user(request.user, slug, pk, roles=roles)
    try:
        result = action(user=request.user, draft=draft, **kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(draft)
    return redirect(result)


@login_required
@require_POST
def submit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _transition(request, slug, pk, roles=REPORT_WRITE_ROLES, action=services.submit)


@login_required
@require_POST
def withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _transition(request, slug, pk, roles=REPORT_WRITE_ROLES, action=services.withdraw)


@login_required
@require_POST
def approve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, draft = get_report_draft_for_user(request.user, slug, pk, roles=REPORT_APPROVE_ROLES)
    form = ApproveForm(request.POST, program=access.program)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(draft)
    try:
        version = services.approve(user=request.user, draft=draft, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(draft)
    return redirect(version)


@login_required
@require_POST
def draft_render(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    """Queue the draft's file; the answer shows its progress (polled with htmx)."""
    access, draft = get_report_draft_for_user(request.user, slug, pk)
    if fmt not in DOWNLOAD_FORMATS:
        raise Http404
    rendering = services.request_rendering(user=request.user, draft=draft, fmt=fmt)
    if request.htmx:
        return _rendering_response(request, access, draft, rendering)
    return redirect("reports:rendering", slug, draft.pk, rendering.pk)


def _rendering_response(request, access, draft, rendering) -> HttpResponse:
    template = "reports/_rendering.html" if request.htmx else "reports/rendering.html"
    return render(request, template, _context(access, draft=draft, rendering=rendering))


@login_required
@require_GET
def rendering(request: HttpRequest, slug: str, pk: int, rid: uuid.UUID) -> HttpResponse:
    access, draft, rendering = get_report_rendering_for_user(request.user, slug, pk, rid)
    return _rendering_response(request, access, draft, rendering)


@login_required
@require_GET
def rendering_download(
    request: HttpRequest, slug: str, pk: int, rid: uuid.UUID, fmt: str
) -> FileResponse:
    _access, draft, rendering = get_report_rendering_for_user(request.user, slug, pk, rid)
    if rendering.status != ReportRendering.Status.DONE or fmt != rendering.format:
        raise Http404
    audit.record(
        user=request.user,
        program=draft.program,
        action="export",
        object_type="report_draft",
        object_ref=draft.pk,
        detail={"format": fmt, "sha256": rendering.figures_sha256},
    )
    return FileResponse(
        rendering.file.open("rb"),
        as_attachment=True,
        filename=rendering.file.name.rsplit("/", 1)[-1],
        content_type=CONTENT_TYPES[fmt],
    )


@login_required
@require_GET
def version(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, version = get_report_version_for_user(request.user, slug, pk)
    return render(
        request,
        "reports/version.html",
        _context(
            access,
            **_files_context(request, version),
            doc=services.version_document(version),
            may_send=access.role in REPORT_SEND_ROLES and version.sent_at is None,
            may_record_board=access.role in REPORT_SEND_ROLES and version.sent_at is not None,
            may_write=access.role in REPORT_WRITE_ROLES,
            send_form=SendForm(),
            link_form=(
                LinkDecisionForm(program=access.program)
                if access.role in DECISION_LINK_ROLES and version.decision_id is None
                else None
            ),
        ),
    )


@login_required
@require_GET
def version_files(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The version's file links; polled by the version page until all are rendered."""
    access, version = get_report_version_for_user(request.user, slug, pk)
    return render(
        request,
        "reports/_version_files.html",
        _context(access, **_files_context(request, version)),
    )


def _files_context(request: HttpRequest, version: ReportVersion) -> dict:
    """The version's file list, as the version page and its polled partial both show it."""
    files = version.files.order_by("format")
    count = version.files.count()
    asked = request.GET.get("making") == "1" and count < len(ReportFile.Format.values)
    return {
        "version": version,
        "files": files,
        "files_pending": asked or version.files_pending(count),
    }


@login_required
@require_POST
def version_render(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Makes the files an approved version lacks (the demo's older versions have Excel only)."""
    _access, version = get_report_version_for_user(request.user, slug, pk)
    from jamlik.reports.tasks import render_version_files

    render_version_files.enqueue(version.pk, list(ReportFile.Format.values))
    return redirect(version.get_absolute_url() + "?making=1")


@login_required
@require_GET
def version_download(request: HttpRequest, slug: str, pk: int, fmt: str) -> FileResponse:
    _access, version = get_report_version_for_user(request.user, slug, pk)
    stored = ReportFile.objects.filter(version=version, format=fmt).first()
    if stored is None:
        raise Http404
    audit.record(
        user=request.user,
        program=version.program,
        action="export",
        object_type="report_version",
        object_ref=version.pk,
        detail={"format": fmt, "sha256": stored.sha256},
    )
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.file.name.rsplit("/", 1)[-1],
        content_type=CONTENT_TYPES[fmt],
    )


@login_required
@require_POST
def send(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _access, version = get_report_version_for_user(request.user, slug, pk, roles=REPORT_SEND_ROLES)
    form = SendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whom the report was sent to."))
        return redirect(version)
    try:
        services.mark_sent(user=request.user, version=version, sent_to=form.cleaned_data["sent_to"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(version)


@login_required
@require_POST
def link_decision(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, version = get_report_version_for_user(request.user, slug, pk, roles=DECISION_LINK_ROLES)
    form = LinkDecisionForm(request.POST, program=access.program)
    if not form.is_valid():
        messages.error(request, _("Choose a decision of the steering group."))
        return redirect(version)
    try:
        services.link_decision(
            user=request.user, version=version, decision=form.cleaned_data["decision"]
        )
        messages.success(request, _("The decision was linked."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(version)


@login_required
@require_POST
def new_draft(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access, version = get_report_version_for_user(request.user, slug, pk, roles=REPORT_WRITE_ROLES)
    draft = services.create_draft(
        user=request.user,
        program=access.program,
        period=version.period,
        audience=version.audience,
        based_on=version,
    )
    return redirect(draft)


# Research outputs (följeforskning): kept by those who `edits_research`, read by them and
# by everyone who reads reports.


@login_required
@require_GET
def research(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_research_access(request.user, slug)
    return render(
        request,
        "reports/research.html",
        _context(
            access,
            outputs=ResearchOutput.objects.filter(program=access.program),
            may_edit=access.edits_research,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def research_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_research_access(request.user, slug, write=True)
    form = ResearchOutputForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        editing.save_research_output(access=access, **form.cleaned_data)
        messages.success(request, _("The research output was saved."))
        return redirect("reports:research", slug)
    return render(request, "reports/research_form.html", _context(access, form=form))


@login_required
@require_http_methods(["GET", "POST"])
def research_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = get_research_access(request.user, slug, write=True)
    output = get_object_or_404(ResearchOutput, program=access.program, pk=pk)
    form = ResearchOutputForm(posted_data(request), instance=output)
    if request.method == "POST" and form.is_valid():
        editing.save_research_output(access=access, output=output, **form.cleaned_data)
        messages.success(request, _("The research output was saved."))
        return redirect("reports:research", slug)
    return render(request, "reports/research_form.html", _context(access, form=form, output=output))


@login_required
@require_http_methods(["GET", "POST"])
def research_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Asks first (GET); deletes on POST."""
    access = get_research_access(request.user, slug, write=True)
    output = get_object_or_404(ResearchOutput, program=access.program, pk=pk)
    if request.method == "POST":
        editing.delete_research_output(access=access, output=output)
        messages.success(request, _("The research output was deleted."))
        return redirect("reports:research", slug)
    return render(request, "reports/research_delete.html", _context(access, output=output))


# Reporting rules: when each period's report is due and to whom. Everyone who reads
# reports sees them; the program leader keeps them.


@login_required
@require_GET
def rules(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_reports_access(request.user, slug)
    in_force = rules_for(access.program)
    return render(
        request,
        "reports/rules.html",
        _context(
            access,
            rules=in_force,
            defaults=any(rule.pk is None for rule in in_force),
            may_edit=access.role in REPORT_RULE_WRITE_ROLES,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def rule_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_reports_access(request.user, slug, roles=REPORT_RULE_WRITE_ROLES)
    form = ReportingRuleForm(posted_data(request), program=access.program)
    if request.method == "POST" and form.is_valid():
        editing.save_rule(access=access, **form.cleaned_data)
        messages.success(request, _("The reporting rule was saved."))
        return redirect("reports:rules", slug)
    stored = ReportingRule.objects.filter(program=access.program)
    return render(
        request,
        "reports/rule_form.html",
        _context(access, form=form, replaces_defaults=not stored.exists()),
    )


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = get_reports_access(request.user, slug, roles=REPORT_RULE_WRITE_ROLES)
    rule = get_object_or_404(ReportingRule, program=access.program, pk=pk)
    form = ReportingRuleForm(posted_data(request), instance=rule, program=access.program)
    if request.method == "POST" and form.is_valid():
        editing.save_rule(access=access, rule=rule, **form.cleaned_data)
        messages.success(request, _("The reporting rule was saved."))
        return redirect("reports:rules", slug)
    return render(request, "reports/rule_form.html", _context(access, form=form, rule=rule))


@login_required
@require_http_methods(["GET", "POST"])
def rule_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Asks first (GET); deletes on POST."""
    access = get_reports_access(request.user, slug, roles=REPORT_RULE_WRITE_ROLES)
    rule = get_object_or_404(ReportingRule, program=access.program, pk=pk)
    if request.method == "POST":
        editing.delete_rule(access=access, rule=rule)
        messages.success(request, _("The reporting rule was deleted."))
        return redirect("reports:rules", slug)
    others = ReportingRule.objects.filter(program=access.program).exclude(pk=rule.pk)
    return render(
        request,
        "reports/rule_delete.html",
        _context(access, rule=rule, last=not others.exists()),
    )


@login_required
@require_POST
def rules_adopt(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_reports_access(request.user, slug, roles=REPORT_RULE_WRITE_ROLES)
    try:
        editing.adopt_default_rules(access=access)
        messages.success(request, _("The default rules are now the program's own."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("reports:rules", slug)
