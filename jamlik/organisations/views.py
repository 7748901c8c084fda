from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jamlik.lib.periods import Period, PeriodError
from jamlik.organisations import exports, services
from jamlik.organisations.charts import trend_svg
from jamlik.organisations.dashboard import (
    COLUMNS,
    FIGURE,
    FIGURES,
    city_rows,
    city_totals,
    default_period,
    periods_up_to,
    program_row,
    strategy_brief,
    trend,
)
from jamlik.organisations.evaluation import instruments_in_use, pooled_evaluation
from jamlik.organisations.forms import ProgramForm, RoleForm
from jamlik.people import audit
from jamlik.people.access import (
    ORGANISATION_ADMIN_ROLES,
    get_organisation_access,
    get_organisation_program,
    get_sent_version_for_organisation,
    organisation_period,
    organisation_programs,
    organisations_for_user,
    sent_versions_for,
)
from jamlik.reports.models import ReportFile
from jamlik.reports.render import CONTENT_TYPES

DOWNLOADS = ("xlsx", "pdf")


def _period(request: HttpRequest) -> tuple[Period, str]:
    """The period asked for (whole half-years and years only), or the last half-year."""
    text = request.GET.get("period", "")
    try:
        return organisation_period(text), ""
    except PeriodError as exc:
        return default_period(timezone.localdate()), str(exc) if text else ""


def _choices(period: Period) -> list[str]:
    halves = [p.label for p in periods_up_to(default_period(timezone.localdate()), 8)]
    years = sorted({label[:4] for label in halves})
    return sorted(set(halves + years + [period.label]), reverse=True)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    organisations = list(organisations_for_user(request.user))
    if len(organisations) == 1:
        return redirect(organisations[0])
    return render(request, "organisations/index.html", {"organisations": organisations})


def _dashboard_context(request: HttpRequest, org: str) -> dict:
    access = get_organisation_access(request.user, org)
    period, period_error = _period(request)
    sort = request.GET.get("sort", "name")
    rows = city_rows(organisation_programs(access), period, today=timezone.localdate(), sort=sort)
    names = [("name", _("Program"), False)]
    names += [(f.key, f.label, True) for f in FIGURES]
    names += [(c.key, c.label, False) for c in COLUMNS]
    current = sort.lstrip("-")
    headers = [
        {
            "label": label,
            "sort": f"-{key}" if sort == key else key,
            "current": current == key,
            "num": num,
        }
        for key, label, num in names
    ]
    figure = FIGURE.get(request.GET.get("figure", ""), FIGURES[0])
    totals = city_totals(rows)
    return {
        "access": access,
        "organisation": access.organisation,
        "period": period,
        "period_error": period_error,
        "choices": _choices(period),
        "sort": sort,
        "headers": headers,
        "figures": FIGURES,
        "columns": COLUMNS,
        "rows": rows,
        "totals": totals,
        "totals_by_figure": [(f, totals[f.key]) for f in FIGURES],
        "chart_figure": figure,
        "threshold": _threshold(),
    }


@login_required
@require_GET
def dashboard(request: HttpRequest, org: str) -> HttpResponse:
    context = _dashboard_context(request, org)
    return render(request, "organisations/dashboard.html", context)


@login_required
@require_GET
def download(request: HttpRequest, org: str, fmt: str) -> HttpResponse:
    if fmt not in DOWNLOADS:
        raise Http404
    context = _dashboard_context(request, org)
    organisation, period = context["organisation"], context["period"]
    rows = context["rows"]
    data = exports.table(rows, context["totals"])
    title = _("%(organisation)s: programs %(period)s") % {
        "organisation": organisation.name,
        "period": period.label,
    }
    note = _(
        "Published figures: counts below %(n)s withheld. Unique and recurring participants "
        "are not summed over programs: a person can take part in several."
    ) % {"n": _threshold()}
    if fmt == "xlsx":
        content = exports.workbook(data, title=title, note=note)
    else:
        content = exports.pdf(
            {**context, "data": data, "title": title, "note": note},
            base_url=request.build_absolute_uri("/"),
        )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = f"{organisation.slug}-{period.label}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _threshold() -> int:
    return settings.SUPPRESS_BELOW


@login_required
@require_GET
def chart(request: HttpRequest, org: str) -> HttpResponse:
    access = get_organisation_access(request.user, org)
    period, _error = _period(request)
    figure = FIGURE.get(request.GET.get("figure", ""), FIGURES[0])
    periods = periods_up_to(period)
    series = trend(list(organisation_programs(access)), figure, periods)
    return HttpResponse(trend_svg(series, periods, str(figure.label)), content_type="image/svg+xml")


@login_required
@require_GET
def program(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    access = get_organisation_access(request.user, org)
    found = get_organisation_program(access, slug)
    period, period_error = _period(request)
    row = program_row(found, period, today=timezone.localdate())
    versions = list(sent_versions_for(access, found).prefetch_related("files"))
    return render(
        request,
        "organisations/program.html",
        {
            "access": access,
            "organisation": access.organisation,
            "shown": found,
            "period": period,
            "period_error": period_error,
            "choices": _choices(period),
            "figures": list(zip(FIGURES, row.figure_cells(), strict=True)),
            "cells": list(zip(COLUMNS, row.column_cells(), strict=True)),
            "versions": versions,
            "strategy": strategy_brief(found, period, today=timezone.localdate()),
        },
    )


@login_required
@require_GET
def report_download(request: HttpRequest, org: str, slug: str, pk: int, fmt: str):
    _access, found, version = get_sent_version_for_organisation(request.user, org, slug, pk)
    stored = ReportFile.objects.filter(version=version, format=fmt).first()
    if stored is None:
        raise Http404
    audit.record(
        user=request.user,
        program=found,
        action="export",
        object_type="report_version",
        object_ref=version.pk,
        detail={"format": fmt, "sha256": stored.sha256, "organisation": org},
    )
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.file.name.rsplit("/", 1)[-1],
        content_type=CONTENT_TYPES[fmt],
    )


@login_required
@require_GET
def evaluation(request: HttpRequest, org: str) -> HttpResponse:
    access = get_organisation_access(request.user, org)
    programs = list(organisation_programs(access))
    in_use = instruments_in_use(programs)
    ref = request.GET.get("instrument", "")
    if ref not in in_use:
        ref = next((r for r, slugs in in_use.items() if len(slugs) > 1), next(iter(in_use), ""))
    result = None
    if ref:
        shared = [p for p in programs if p.slug in in_use[ref]]
        result = pooled_evaluation(shared, ref, language=request.LANGUAGE_CODE)
    return render(
        request,
        "organisations/evaluation.html",
        {
            "access": access,
            "organisation": access.organisation,
            "in_use": in_use,
            "ref": ref,
            "result": result,
            "threshold": _threshold(),
        },
    )


def _manage_context(access, **forms) -> dict:
    programs = list(organisation_programs(access))
    return {
        "access": access,
        "organisation": access.organisation,
        "programs": programs,
        "program_form": forms.get("program_form") or ProgramForm(),
        "role_form": forms.get("role_form") or RoleForm(programs=programs),
    }


@login_required
@require_GET
def manage(request: HttpRequest, org: str) -> HttpResponse:
    access = get_organisation_access(request.user, org, roles=ORGANISATION_ADMIN_ROLES)
    return render(request, "organisations/manage.html", _manage_context(access))


@login_required
@require_POST
def program_new(request: HttpRequest, org: str) -> HttpResponse:
    access = get_organisation_access(request.user, org, roles=ORGANISATION_ADMIN_ROLES)
    form = ProgramForm(request.POST)
    if not form.is_valid():
        context = _manage_context(access, program_form=form)
        return render(request, "organisations/manage.html", context, status=400)
    created = services.create_program(access=access, **form.cleaned_data)
    messages.success(request, _("The program %(name)s was created.") % {"name": created.name})
    return redirect(reverse("organisations:manage", args=[org]))


@login_required
@require_POST
def role_new(request: HttpRequest, org: str) -> HttpResponse:
    access = get_organisation_access(request.user, org, roles=ORGANISATION_ADMIN_ROLES)
    programs = list(organisation_programs(access))
    form = RoleForm(request.POST, programs=programs)
    if not form.is_valid():
        context = _manage_context(access, role_form=form)
        return render(request, "organisations/manage.html", context, status=400)
    target = get_organisation_program(access, form.cleaned_data["program"])
    services.give_program_role(
        access=access,
        program=target,
        username=form.cleaned_data["username"],
        role=form.cleaned_data["role"],
    )
    messages.success(request, _("The role was given."))
    return redirect(reverse("organisations:manage", args=[org]))
