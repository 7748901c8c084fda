from django.http import HttpRequest
from ninja.security import HttpBearer

from jamlik.tokens.services import record_use, token_for

READ_METHODS = frozenset({"GET", "HEAD"})


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer jamlik_…`: read-only (GET), as the token's user and roles."""

    openapi_description = (
        "A personal API token (Account → API tokens). Read-only: GET requests only; "
        "it sees what its user's roles see, never more. Every use is audit-logged."
    )

    def authenticate(self, request: HttpRequest, token: str):
        if request.method not in READ_METHODS:
            return None
        found = token_for(token)
        if found is None:
            return None
        request.user = found.user
        record_use(token=found, method=request.method, path=request.path)
        return found
