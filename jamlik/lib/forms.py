"""Small helpers for forms in views."""

from django.contrib import messages
from django.http import HttpRequest, QueryDict


def posted_data(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, even an empty one (no box ticked); None for a GET.

    `request.POST or None` would leave a form with every box unticked unbound.
    """
    return request.POST if request.method == "POST" else None


def form_errors_to_messages(request: HttpRequest, form) -> None:
    """Each of the form's errors as an error message, after its field's label: for forms
    posted from a page that shows them as messages rather than beside the fields."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def validation_error_to_messages(request: HttpRequest, error) -> None:
    """Each message of a ValidationError a rule raised, as an error message."""
    for message in error.messages:
        messages.error(request, message)
