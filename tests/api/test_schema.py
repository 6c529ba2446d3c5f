"""The OpenAPI schema describes every endpoint, and the live server keeps its word: schemathesis
generates requests from the schema and checks every answer (no 500, documented status codes
and content types, bodies that match the schema)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.router import ENDPOINTS

from .conftest import SECRETS, build_site

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 25


@pytest.mark.django_db
def test_schema_lists_every_endpoint_with_parameters_and_errors(client, home_fr):
    response = client.get("/api/v2/schema/?format=json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    for name, _endpoint in ENDPOINTS:
        listing = spec["paths"][f"/api/v2/{name}/"]["get"]
        detail = spec["paths"][f"/api/v2/{name}/{{id}}/"]["get"]
        assert {"limit", "offset", "fields", "locale"} <= {p["name"] for p in listing["parameters"]}
        assert {"200", "400", "429"} <= set(listing["responses"])
        assert "404" in detail["responses"]
    groups = spec["components"]["schemas"]["GroupsItem"]["properties"]
    assert {"acronym", "members", "focal_points", "lead_partner"} <= set(groups)
    focal_point = spec["components"]["schemas"]["FocalPoint"]["properties"]
    assert "email" not in focal_point
    assert client.get("/api/v2/schema/").status_code == 200  # YAML by default


@pytest.mark.django_db(transaction=True)
def test_schemathesis_against_the_live_server(live_server, settings):
    from home.demo import english_home, ensure_site_root
    from library.factories import make_library_page

    settings.API_RATE_LIMIT = ""  # thousands of requests from one address
    home = ensure_site_root()
    english_home()
    make_library_page(home)
    build_site(home, size=2)
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v2/schema/?format=json")
    cases, leaks = [], []

    for result in schema.get_all_operations():
        operation = result.ok()

        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call_and_validate(base_url=live_server.url, checks=CHECKS)
            cases.append(case)
            leaks.extend(secret for secret in SECRETS if secret in response.text)

        check()
    print(f"schemathesis: {len(cases)} generated cases over {len(ENDPOINTS) * 2} operations")
    assert len(cases) >= len(ENDPOINTS) * 2 * 5
    assert not leaks
