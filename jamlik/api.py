"""The JSON API (OpenAPI at /api/docs). Each app contributes a router."""

from ninja import NinjaAPI
from ninja.security import django_auth

from jamlik.activities.api import router as activities_router
from jamlik.finance.api import router as finance_router
from jamlik.goals.api import router as goals_router
from jamlik.governance.api import router as governance_router
from jamlik.needs.api import router as needs_router
from jamlik.organisations.api import router as organisations_router
from jamlik.people.api import router as people_router
from jamlik.premises.api import router as premises_router
from jamlik.programs.api import router as programs_router
from jamlik.reports.api import router as reports_router
from jamlik.strategy.api import router as strategy_router
from jamlik.surveys.api import router as surveys_router
from jamlik.tokens.auth import ApiTokenAuth
from jamlik.volunteers.api import router as volunteers_router

api = NinjaAPI(
    title="Jämlik API",
    version="1",
    description=(
        'Figures and daily records of Jämlik hälsa programs. Errors are {"detail": …}. '
        "Sign in with the site's session, or send a personal API token (read-only) as "
        "`Authorization: Bearer jamlik_…`."
    ),
    auth=[django_auth, ApiTokenAuth()],
    urls_namespace="api",
)
api.add_router("/programs/", reports_router)
api.add_router("/programs/", activities_router)
api.add_router("/programs/", needs_router)
api.add_router("/programs/", finance_router)
api.add_router("/programs/", surveys_router)
api.add_router("/programs/", governance_router)
api.add_router("/programs/", programs_router)
api.add_router("/programs/", goals_router)
api.add_router("/programs/", strategy_router)
api.add_router("/programs/", premises_router)
api.add_router("/programs/", people_router)
api.add_router("/programs/", volunteers_router)
api.add_router("/organisations/", organisations_router)
