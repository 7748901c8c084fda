"""The model's pages: the cycle with its checklists, a step change, and model fidelity."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jamlik.lib.periods import Period, PeriodError
from jamlik.people.access import get_program_access, period_for
from jamlik.people.policy import roles_with
from jamlik.programs import checklist, cycle
from jamlik.programs.cycle_forms import PhaseChangeForm, TickForm
from jamlik.programs.fidelity import fidelity_for


def _model_url(slug: str) -> str:
    return reverse("programs:model", args=[slug])


@login_required
@require_GET
def model(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=roles_with("cycle"))
    program, today = access.program, timezone.localdate()
    current = cycle.current_step(program)
    items = checklist.checklist(program, today=today)
    steps = cycle.step_states(program)
    for step in steps:
        step["items"] = items[step["phase"]]
        step["open"] = sum(not s.done for s in step["items"])
    may_write = access.role in roles_with("cycle.write")
    return render(
        request,
        "programs/model.html",
        {
            "program": program,
            "access": access,
            "nav": "model",
            "current": current,
            "steps": steps,
            "rounds": cycle.rounds(program),
            "open_items": [s for s in items[current.phase] if not s.done] if current else [],
            "may_write": may_write,
            "phase_form": PhaseChangeForm(program=program, initial={"started_on": today})
            if may_write
            else None,
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def phase_change(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=roles_with("cycle.write"))
    form = PhaseChangeForm(request.POST or None, program=access.program)
    if request.method == "POST" and form.is_valid():
        left = cycle.current_step(access.program)
        try:
            cycle.change_phase(access=access, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("The program has moved to the new step."))
            if left is not None:
                _warn_open_items(request, access.program, left.phase)
            return redirect(_model_url(slug))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "programs/phase_change.html",
        {"program": access.program, "access": access, "nav": "model", "form": form},
        status=status,
    )


def _warn_open_items(request: HttpRequest, program, phase: str) -> None:
    """The step left with open items: they stay visible on the page, and are named here."""
    still_open = checklist.open_items(program, phase, today=timezone.localdate())
    if still_open:
        messages.warning(
            request,
            _("The step left has open checklist items: %(items)s.")
            % {"items": "; ".join(str(s.item.label) for s in still_open)},
        )


@login_required
@require_POST
def checklist_tick(request: HttpRequest, slug: str, item: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=roles_with("cycle.write"))
    found = checklist.ITEM.get(item)
    if found is None or found.is_auto:
        raise Http404
    if request.POST.get("untick"):
        checklist.untick(access=access, item_key=item)
        messages.success(request, _("The item is open again."))
        return redirect(_model_url(slug) + f"#item-{item}")
    form = TickForm(request.POST)
    if form.is_valid():
        checklist.tick(access=access, item_key=item, **form.cleaned_data)
        messages.success(request, _("The item is ticked."))
    else:
        errors = "; ".join(e for field in form.errors.values() for e in field)
        messages.error(request, errors)
    return redirect(_model_url(slug) + f"#item-{item}")


@login_required
@require_GET
def fidelity(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_program_access(request.user, slug, roles=roles_with("fidelity"))
    today = timezone.localdate()
    text = request.GET.get("period", "")
    period_error = ""
    period = Period.half_year_of(today)
    if text:
        try:
            period = period_for(access, text)
        except PeriodError as exc:
            period_error = str(exc)
    rows = fidelity_for(access.program, period, today=today)
    return render(
        request,
        "programs/fidelity.html",
        {
            "program": access.program,
            "access": access,
            "nav": "fidelity",
            "period": period,
            "previous_period": period.previous(),
            "next_period": period.following(),
            "rows": rows,
            "period_error": period_error,
        },
    )
