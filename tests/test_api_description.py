"""The OpenAPI description lists the read-only endpoints of the newer apps, token included."""

import pytest

NEWER = {
    "/api/programs/{slug}/cycle": "cycle_state",
    "/api/programs/{slug}/fidelity": "fidelity",
    "/api/programs/{slug}/goals": "goal_list",
    "/api/programs/{slug}/strategy/windows": "policy_windows",
    "/api/programs/{slug}/strategy/estimate": "socio_economic_estimate",
    "/api/programs/{slug}/premises": "premises_list",
    "/api/programs/{slug}/people/promoters": "promoter_figures",
    "/api/programs/{slug}/volunteers/figures": "volunteer_figures",
}


@pytest.mark.django_db
def test_the_openapi_description_lists_the_newer_endpoints_read_only(client, world):
    client.force_login(world.viewer)
    paths = client.get("/api/openapi.json").json()["paths"]
    for path, name in NEWER.items():
        assert set(paths[path]) == {"get"}, path
        operation = paths[path]["get"]
        assert operation["operationId"].endswith(name)
        assert operation["description"], f"{path} has no description"
        assert {"ApiTokenAuth": []} in operation["security"]
