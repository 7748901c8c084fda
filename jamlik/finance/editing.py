"""The program leader's changes to agreements and their funding lines, checked and audited.

A funding line's cap cannot be set below what is already booked on it, nor its FTE cap
below the FTE it already pays, and a line with bookings cannot be removed: the figures
behind earlier reports would change without anyone deciding it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jamlik.finance import services
from jamlik.finance.formatting import format_percent, format_sek
from jamlik.finance.forms import AgreementForm, FundingLineFormSet
from jamlik.finance.models import Agreement, FundingLine
from jamlik.people import audit
from jamlik.people.access import ProgramAccess


def _line_problems(formset: FundingLineFormSet) -> bool:
    """Adds an error to each line form whose change would contradict what is booked;
    whether there was any."""
    found = False
    for form in formset.forms:
        line: FundingLine = form.instance
        if line.pk is None or not form.cleaned_data:
            continue
        if formset._should_delete_form(form):
            if line.expenses.exists() or line.fte_allocations.exists() or line.budgets.exists():
                form.add_error(
                    None,
                    _("“%(line)s” has bookings, budgets or FTE: it cannot be removed.")
                    % {"line": line.name},
                )
                found = True
            continue
        spent = services.spent_on(line)
        cap = form.cleaned_data.get("cap")
        if cap is not None and cap < spent:
            form.add_error(
                "cap",
                _("%(spent)s is already booked on this line; the cap cannot be lower.")
                % {"spent": format_sek(spent)},
            )
            found = True
        fte_cap = form.cleaned_data.get("fte_cap_percent")
        peak, _day = services.fte_peak(list(line.fte_allocations.all()))
        if peak and (fte_cap is None or fte_cap < peak):
            form.add_error(
                "fte_cap_percent",
                _("The line already pays %(peak)s FTE at one time; the cap cannot be lower.")
                % {"peak": format_percent(peak)},
            )
            found = True
    return found


@transaction.atomic
def save_agreement(
    *, access: ProgramAccess, form: AgreementForm, lines: FundingLineFormSet
) -> Agreement | None:
    """Saves the agreement and its lines if both forms are valid and no change contradicts
    the bookings; otherwise saves nothing and leaves the errors on the forms."""
    if not (form.is_valid() and lines.is_valid()) or _line_problems(lines):
        return None
    created = form.instance.pk is None
    agreement = form.save()
    lines.instance = agreement
    try:
        saved = lines.save()
    except ValidationError as exc:  # a constraint the forms could not see
        transaction.set_rollback(True)
        form.add_error(None, exc)
        return None
    audit.record_by(
        access,
        "create" if created else "update",
        "agreement",
        agreement.key,
        changed=sorted(form.changed_data),
        lines_saved=sorted(line.key for line in saved),
        lines_removed=sorted(line.key for line in lines.deleted_objects),
    )
    return agreement
