"""Finance pages: agreements and caps, expenses, budget vs outcome, contributions, import.

The program leader keeps the books; the hub and steering group see aggregates, viewers the
agreements' totals only;
a health promoter sees their own workshops' budget and spending. Writes are POST only
and work both as htmx requests (answered with a partial) and plain form posts.
"""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jamlik.finance import editing, figures, imports, services
from jamlik.finance.forms import (
    AgreementForm,
    BudgetForm,
    CloseForm,
    ContributionForm,
    ExpenseForm,
    FteAllocationForm,
    FundingLineFormSet,
    ImportForm,
    MappingForm,
)
from jamlik.finance.models import FteAllocation
from jamlik.lib.forms import form_errors_to_messages, posted_data
from jamlik.lib.periods import Period, PeriodError
from jamlik.people.access import (
    ProgramAccess,
    expenses_for,
    finance_workshops_for,
    get_agreement_for_user,
    get_finance_access,
)
from jamlik.reports.board import payment_conditions

PAGE_SIZE = 50


def _base(access: ProgramAccess, **extra) -> dict:
    return {
        "program": access.program,
        "access": access,
        "nav": "finance",
        "current_period": _current_period().label,
        **extra,
    }


def _current_period() -> Period:
    return Period.half_year_of(timezone.localdate())


def _period_or_404(text: str) -> Period:
    try:
        return Period.parse(text)
    except PeriodError:
        raise Http404 from None


# Overview


@login_required
@require_GET
def index(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_finance_access(request.user, slug)
    if access.is_promoter:
        return redirect("finance:workshops", slug)
    agreements = [
        (agreement, figures.cap_status(agreement))
        for agreement in access.program.agreements.select_related("payer", "payment_recipient")
    ]
    return render(request, "finance/index.html", _base(access, agreements=agreements))


@login_required
@require_GET
def agreement_detail(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, agreement = get_agreement_for_user(request.user, slug, key)
    lines = figures.cap_status(agreement)
    fte = [
        (status.line, services.fte_peak(list(status.line.fte_allocations.all()))[0])
        for status in lines
        if status.line.fte_cap_percent is not None
    ]
    context = _base(
        access,
        agreement=agreement,
        lines=lines,
        fte=fte,
        allocations=FteAllocation.objects.none(),
        parties=agreement.parties.order_by("name"),
        periods=agreement.half_years(),
        closes={c.period: c for c in agreement.closes.all()},
        payment_conditions=payment_conditions(agreement),
    )
    if access.is_leader:
        context["fte_form"] = FteAllocationForm(agreement=agreement)
        context["allocations"] = (
            FteAllocation.objects.filter(line__agreement=agreement)
            .select_related("line", "promoter")
            .order_by("line__position", "start")
        )
    return render(request, "finance/agreement.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_finance_access(request.user, slug, scope="write")
    return _agreement_form(request, access, agreement=None)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    access, agreement = get_agreement_for_user(request.user, slug, key, write=True)
    return _agreement_form(request, access, agreement=agreement)


def _agreement_form(request: HttpRequest, access: ProgramAccess, *, agreement) -> HttpResponse:
    data = posted_data(request)
    form = AgreementForm(data, instance=agreement, program=access.program)
    lines = FundingLineFormSet(data, instance=agreement, prefix="lines")
    if data is not None:
        saved = editing.save_agreement(access=access, form=form, lines=lines)
        if saved is not None:
            messages.success(request, _("The agreement was saved."))
            return redirect(saved)
    return render(
        request,
        "finance/agreement_form.html",
        _base(access, form=form, lines=lines, agreement=agreement),
    )


@login_required
@require_POST
def fte_new(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """Lets a salaries line pay part of a promoter's salary; a refusal names the numbers."""
    access, agreement = get_agreement_for_user(request.user, slug, key, write=True)
    form = FteAllocationForm(request.POST, agreement=agreement)
    if form.is_valid():
        try:
            services.allocate_fte(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The FTE allocation was saved."))
            return redirect(agreement)
    form_errors_to_messages(request, form)
    return redirect(agreement)


@login_required
@require_GET
def workshops(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_finance_access(request.user, slug, scope="workshops")
    period = _period_or_404(request.GET.get("period", "")) if request.GET.get("period") else None
    period = period or _current_period()
    rows = figures.workshop_figures(finance_workshops_for(access), period)
    expenses = expenses_for(access).filter(workshop__isnull=False)
    expenses = expenses.filter(date__gte=period.start, date__lte=period.end)
    return render(
        request,
        "finance/workshops.html",
        _base(
            access,
            period=period,
            rows=rows,
            expenses=expenses.select_related("line", "workshop")[:PAGE_SIZE],
        ),
    )


# Budget vs outcome


@login_required
@require_GET
def period_detail(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    access = get_finance_access(request.user, slug, scope="aggregates")
    period_ = _period_or_404(period)
    statement = figures.income_statement(access.program, period_)
    context = _base(access, period=period_, statement=statement)
    if access.is_leader:
        agreement = access.program.agreements.first()
        context.update(
            budget_form=BudgetForm(program=access.program, initial={"period": period_.label}),
            close_form=CloseForm(program=access.program, initial={"agreement": agreement}),
        )
    return render(request, "finance/period.html", context)


@login_required
@require_POST
def budget_set(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_finance_access(request.user, slug, scope="write")
    form = BudgetForm(request.POST, program=access.program)
    if form.is_valid():
        try:
            services.set_budget(user=request.user, **form.cleaned_data)
            messages.success(request, _("The budget was saved."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("finance:period", slug, form.cleaned_data["period"].label)
    messages.error(request, _("The budget was not saved: %(errors)s") % {"errors": _errors(form)})
    return redirect("finance:index", slug)


@login_required
@require_POST
def period_close(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    access = get_finance_access(request.user, slug, scope="write")
    period_ = _period_or_404(period)
    form = CloseForm(request.POST, program=access.program)
    if form.is_valid():
        try:
            services.close_period(user=request.user, period=period_, **form.cleaned_data)
            messages.success(request, _("The period %(period)s is closed.") % {"period": period})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _errors(form))
    return redirect("finance:period", slug, period_.label)


# Expenses


@login_required
@require_GET
def expense_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_finance_access(request.user, slug, scope="rows")
    expenses = expenses_for(access).select_related("line", "workshop")
    page = Paginator(expenses, PAGE_SIZE).get_page(request.GET.get("page"))
    form = ExpenseForm(program=access.program) if access.is_leader else None
    return render(request, "finance/expenses.html", _base(access, page=page, form=form))


@login_required
@require_POST
def expense_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_finance_access(request.user, slug, scope="write")
    form = ExpenseForm(request.POST, program=access.program)
    booked = None
    if form.is_valid():
        try:
            booked = services.add_expense(user=request.user, **form.cleaned_data)
        except services.CapExceeded as exc:
            form.add_error("override_reason", exc)
        except services.VoucherTaken as exc:
            form.add_error("voucher", exc)
        except ValidationError as exc:
            form.add_error(None, exc)
    if not request.htmx:
        if booked is not None:
            messages.success(request, _("The expense was booked."))
            if booked.warning:
                messages.warning(request, booked.warning)
        else:
            messages.error(request, _errors(form))
        return redirect("finance:expenses", slug)
    recent = None
    if booked is not None:
        form = ExpenseForm(program=access.program)
        recent = expenses_for(access).select_related("line", "workshop")[:PAGE_SIZE]
    return render(
        request,
        "finance/_expense_form.html",
        # htmx swaps only 2xx answers, and the form with its errors is what to show.
        _base(access, form=form, booked=booked, recent=recent),
    )


# Contributions


@login_required
@require_GET
def contribution_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_finance_access(request.user, slug, scope="aggregates")
    summary = figures.contribution_summary(access.program)
    form = ContributionForm(program=access.program) if access.is_leader else None
    return render(
        request,
        "finance/contributions.html",
        _base(access, rows=summary["rows"], total=summary["total"], form=form),
    )


@login_required
@require_POST
def contribution_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_finance_access(request.user, slug, scope="write")
    form = ContributionForm(request.POST, program=access.program)
    if form.is_valid():
        try:
            services.add_contribution(user=request.user, **form.cleaned_data)
            messages.success(request, _("The contribution was saved."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _errors(form))
    return redirect("finance:contributions", slug)


# Import


@login_required
@require_GET
def import_page(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_finance_access(request.user, slug, scope="write")
    mappings = access.program.account_mappings.select_related("line")
    return render(
        request,
        "finance/import.html",
        _base(access, form=ImportForm(), mappings=mappings),
    )


@login_required
@require_POST
def import_upload(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_finance_access(request.user, slug, scope="write")
    form = ImportForm(request.POST, request.FILES)
    context = _base(access, form=form, mappings=access.program.account_mappings.all())
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = imports.import_file(
                program=access.program, name=upload.name, data=upload.read(), user=request.user
            )
        except imports.UnmappedAccounts as rejected:
            context.update(
                problems=rejected.problems,
                mapping_form=MappingForm(program=access.program, accounts=rejected.accounts),
            )
        except imports.ImportRejected as rejected:
            context["problems"] = rejected.problems
        else:
            messages.success(request, result.summary())
            for warning in result.warnings:
                messages.warning(request, warning)
            return redirect("finance:expenses", slug)
    return render(request, "finance/import.html", context, status=422)


ACCOUNT = re.compile(r"^account_(\d{1,10})$")


@login_required
@require_POST
def account_map(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_finance_access(request.user, slug, scope="write")
    accounts = {
        m[1]: request.POST.get(f"name_{m[1]}", "")[:200]
        for key in request.POST
        if (m := ACCOUNT.match(key))
    }
    form = MappingForm(request.POST, program=access.program, accounts=accounts)
    if accounts and form.is_valid():
        mapping, names = form.mapping()
        services.map_accounts(
            user=request.user, program=access.program, mapping=mapping, names=names
        )
        messages.success(request, _("The accounts are mapped. Upload the file again."))
    else:
        messages.error(request, _("Choose a funding line for every account."))
    return redirect(reverse("finance:import", args=[slug]))


def _errors(form) -> str:
    return " ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items())
