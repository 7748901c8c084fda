"""Needs, needs inventories, live capture of statements and the workshop ↔ need links.

Writes work as htmx requests (answered with partials) and as plain form posts (answered
with a redirect).
"""

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jamlik.lib.forms import posted_data
from jamlik.needs import figures, interchange, services
from jamlik.needs.forms import (
    COMMON_LANGUAGES,
    ActionRowForm,
    GroupForm,
    ImportForm,
    InventoryForm,
    NeedForm,
    StatementEditForm,
    StatementForm,
    ThemeForm,
    VoteForm,
    WorkshopNeedsForm,
)
from jamlik.needs.models import NeedsInventory
from jamlik.people import audit
from jamlik.people.access import (
    NEEDS_LINK_ROLES,
    NEEDS_STATEMENT_ROLES,
    NEEDS_WRITE_ROLES,
    ProgramAccess,
    get_inventory_for_user,
    get_need_for_user,
    get_program_access,
    get_workshop_for_user,
)
from jamlik.programs.interchange.problems import ImportRejected

CAPTURE_LIST_SIZE = 30


def _base(access: ProgramAccess, **extra) -> dict:
    return {
        "program": access.program,
        "access": access,
        "nav": "needs",
        "may_write": access.role in NEEDS_WRITE_ROLES,
        "may_link": access.role in NEEDS_LINK_ROLES,
        "reads_statements": access.role in NEEDS_STATEMENT_ROLES,
        **extra,
    }


# Needs


@login_required
@require_GET
def index(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug)
    inventories = (
        NeedsInventory.objects.filter(program=access.program)
        .select_related("program")
        .annotate(statement_count=Count("statements"))
    )
    context = _base(
        access,
        needs=figures.needs_with_workshops(access.program).annotate(
            statement_count=Count("statements")
        ),
        inventories=inventories,
        themes=access.program.need_themes.all(),
        theme_form=ThemeForm(),
        unmet_count=figures.unmet_needs(access.program).count(),
    )
    return render(request, "needs/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def need_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=NEEDS_WRITE_ROLES)
    form = NeedForm(posted_data(request), program=access.program)
    if request.method == "POST" and form.is_valid():
        need = services.save_need(access=access, **form.cleaned_data)
        return redirect(need)
    return render(request, "needs/need_form.html", _base(access, form=form))


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, need = get_need_for_user(request.user, slug, key, write=True)
    form = NeedForm(posted_data(request), instance=need, program=access.program)
    if request.method == "POST" and form.is_valid():
        need = services.save_need(access=access, need=need, **form.cleaned_data)
        return redirect(need)
    return render(request, "needs/need_form.html", _base(access, form=form, need=need))


@login_required
@require_GET
def need_detail(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, need = get_need_for_user(request.user, slug, key)
    activities = figures.activities_serving(need)
    context = _base(
        access,
        need=need,
        workshops=need.workshops.order_by("name"),
        inventories=need.inventories.all(),
        activity_count=activities.count(),
        activities=activities[:20],
        statements=need.statements.select_related("inventory")[:50],
    )
    return render(request, "needs/need_detail.html", context)


@login_required
@require_GET
def matrix(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug)
    context = _base(
        access,
        matrix=figures.needs_matrix(access.program),
        without_need=figures.active_workshops_without_need(access.program),
    )
    return render(request, "needs/matrix.html", context)


@login_required
@require_GET
def unmet(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug)
    return render(
        request, "needs/unmet.html", _base(access, needs=figures.unmet_needs(access.program))
    )


@login_required
@require_POST
def theme_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=NEEDS_WRITE_ROLES)
    form = ThemeForm(request.POST)
    if form.is_valid():
        services.add_theme(access=access, name=form.cleaned_data["name"])
    else:
        messages.error(request, _("Write the theme's name."))
    return redirect(request.POST.get("next") or reverse("needs:index", args=[slug]) + "#themes")


# Import and export


@login_required
@require_http_methods(["GET", "POST"])
def data(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=NEEDS_LINK_ROLES)
    form = ImportForm(posted_data(request), request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = interchange.import_needs(access=access, name=upload.name, data=upload.read())
        except ImportRejected as exc:
            problems = exc.problems
        else:
            messages.success(
                request,
                _("Imported: %(created)d new needs, %(updated)d updated.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("needs:index", slug)
    return render(
        request,
        "needs/data.html",
        _base(access, form=form, problems=problems, columns=interchange.COLUMNS),
        status=400 if problems else 200,
    )


@login_required
@require_GET
def export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    access = get_program_access(request.user, slug)
    if fmt == "csv":
        body, content_type = interchange.export_csv(access.program), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = interchange.export_xlsx(access.program)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404
    audit.record(
        user=request.user,
        program=access.program,
        action="export",
        object_type="need",
        object_ref=fmt,
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slug}-needs.{fmt}"'
    return response


# Inventories


@login_required
@require_http_methods(["GET", "POST"])
def inventory_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=NEEDS_WRITE_ROLES)
    form = InventoryForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        inventory = services.save_inventory(access=access, **form.cleaned_data)
        return redirect(inventory)
    return render(request, "needs/inventory_form.html", _base(access, form=form))


@login_required
@require_http_methods(["GET", "POST"])
def inventory_edit(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, inventory = get_inventory_for_user(request.user, slug, key, write=True)
    form = InventoryForm(posted_data(request), instance=inventory)
    if request.method == "POST" and form.is_valid():
        services.save_inventory(access=access, inventory=inventory, **form.cleaned_data)
        return redirect(inventory)
    return render(
        request, "needs/inventory_form.html", _base(access, form=form, inventory=inventory)
    )


@login_required
@require_GET
def inventory_detail(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, inventory = get_inventory_for_user(request.user, slug, key)
    context = _base(
        access,
        inventory=inventory,
        statements=inventory.statements.select_related("theme", "need__program").order_by(
            "phase", "created_at"
        ),
        action_plan=inventory.action_plan.select_related("need__program"),
        votes=inventory.votes.select_related("inventory__program").annotate(
            ballot_count=Count("ballots")
        ),
        previous=figures.previous_inventory(inventory),
        group_form=GroupForm(inventory=inventory),
        action_form=ActionRowForm(program=access.program),
        vote_form=VoteForm(inventory=inventory, initial={"title": _("Which needs matter most?")}),
    )
    return render(request, "needs/inventory_detail.html", context)


@login_required
@require_GET
def compare(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, inventory = get_inventory_for_user(request.user, slug, key)
    others = NeedsInventory.objects.filter(program=access.program).exclude(pk=inventory.pk)
    earlier = others.filter(key=request.GET.get("with", "")).first() or (
        figures.previous_inventory(inventory)
    )
    comparison = None
    if earlier is not None:
        pair = sorted([earlier, inventory], key=lambda i: (i.date, i.pk))
        comparison = figures.compare_inventories(*pair)
    context = _base(
        access, inventory=inventory, others=others, other=earlier, comparison=comparison
    )
    return render(request, "needs/compare.html", context)


@login_required
@require_POST
def group(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, inventory = get_inventory_for_user(request.user, slug, key, write=True)
    form = GroupForm(request.POST, inventory=inventory)
    if form.is_valid():
        need = services.group_statements(
            access=access,
            inventory=inventory,
            statements=list(form.cleaned_data["statements"]),
            need=form.cleaned_data["need"],
            new_title=form.cleaned_data["new_title"].strip(),
        )
        messages.success(request, _("Grouped under “%(need)s”.") % {"need": need.title})
    else:
        for error in form.errors.values():
            messages.error(request, error[0])
    return redirect(inventory.get_absolute_url() + "#analysis")


@login_required
@require_POST
def action_new(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, inventory = get_inventory_for_user(request.user, slug, key, write=True)
    form = ActionRowForm(request.POST, program=access.program)
    if form.is_valid():
        services.add_action_row(access=access, inventory=inventory, **form.cleaned_data)
    else:
        messages.error(request, _("Write what is to be done."))
    return redirect(inventory.get_absolute_url() + "#action-plan")


# Live capture


def _capture_context(access, inventory, form) -> dict:
    latest = inventory.statements.select_related("theme")[:CAPTURE_LIST_SIZE]
    return _base(
        access,
        inventory=inventory,
        form=form,
        latest=latest,
        count=inventory.statements.count(),
        languages=COMMON_LANGUAGES,
    )


@login_required
@require_GET
def capture(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, inventory = get_inventory_for_user(request.user, slug, key, write=True)
    form = StatementForm(inventory=inventory, initial=_sticky(request.GET))
    return render(request, "needs/capture.html", _capture_context(access, inventory, form))


def _sticky(data) -> dict:
    """Language, phase and source stay as they were for the next statement."""
    return {name: data[name] for name in ("language", "phase", "source") if data.get(name)}


@login_required
@require_POST
def statement_new(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, inventory = get_inventory_for_user(request.user, slug, key, write=True)
    form = StatementForm(request.POST, inventory=inventory)
    if not form.is_valid():
        if request.htmx:
            return render(request, "needs/_capture_errors.html", {"form": form})
        return render(
            request, "needs/capture.html", _capture_context(access, inventory, form), status=400
        )
    statement, _created = services.add_statement(
        access=access, inventory=inventory, **form.cleaned_data
    )
    if not request.htmx:
        query = urlencode(_sticky(request.POST))
        return redirect(reverse("needs:capture", args=[slug, key]) + f"?{query}#capture")
    response = render(
        request,
        "needs/_statement_saved.html",
        {"statement": statement, "count": inventory.statements.count(), "form": form},
    )
    fresh = StatementForm(inventory=inventory)
    response["HX-Trigger"] = json.dumps(
        {
            "statement-saved": {
                "sent": str(form.cleaned_data["client_id"]),
                "next": str(fresh.initial["client_id"]),
            }
        }
    )
    return response


# Workshops and needs


@login_required
@require_http_methods(["GET", "POST"])
def workshop_needs(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, workshop = get_workshop_for_user(request.user, slug, key)
    if access.role not in NEEDS_LINK_ROLES:
        raise Http404
    initial = {"needs": workshop.needs.all()}
    form = WorkshopNeedsForm(posted_data(request), program=access.program, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_workshop_needs(
                access=access, workshop=workshop, needs=list(form.cleaned_data["needs"])
            )
        except ValidationError as exc:
            form.add_error("needs", exc)
        else:
            messages.success(request, _("The workshop's needs were saved."))
            return redirect("needs:workshop_needs", slug, key)
    return render(
        request,
        "needs/workshop_needs.html",
        _base(access, workshop=workshop, form=form, nav="workshops"),
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def workshop_activate(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, workshop = get_workshop_for_user(request.user, slug, key)
    if access.role not in NEEDS_LINK_ROLES:
        raise Http404
    try:
        services.activate_workshop(access=access, workshop=workshop)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The workshop is active."))
    return redirect("needs:workshop_needs", slug, key)


@login_required
@require_http_methods(["GET", "POST"])
def statement_edit(request: HttpRequest, slug: str, key: str, pk: int) -> HttpResponse:
    access, inventory = get_inventory_for_user(request.user, slug, key, write=True)
    statement = get_object_or_404(inventory.statements, pk=pk)
    form = StatementEditForm(posted_data(request), statement=statement)
    if request.method == "POST" and form.is_valid():
        services.change_statement(access=access, statement=statement, **form.cleaned_data)
        messages.success(request, _("The statement was saved."))
        return redirect(inventory.get_absolute_url() + "#analysis")
    return render(
        request,
        "needs/statement_form.html",
        _base(access, inventory=inventory, statement=statement, form=form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def statement_delete(request: HttpRequest, slug: str, key: str, pk: int) -> HttpResponse:
    """Asks first (GET); deletes on POST."""
    access, inventory = get_inventory_for_user(request.user, slug, key, write=True)
    statement = get_object_or_404(inventory.statements, pk=pk)
    if request.method == "POST":
        services.delete_statement(access=access, statement=statement)
        messages.success(request, _("The statement was deleted."))
        return redirect(inventory.get_absolute_url() + "#analysis")
    return render(
        request,
        "needs/statement_delete.html",
        _base(access, inventory=inventory, statement=statement),
    )
