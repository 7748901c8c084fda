"""Small helpers for forms in views."""

from django.http import HttpRequest, QueryDict


def posted_data(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, even an empty one (no box ticked); None for a GET.

    `request.POST or None` would leave a form with every box unticked unbound.
    """
    return request.POST if request.method == "POST" else None
