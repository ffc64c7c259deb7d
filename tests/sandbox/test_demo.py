"""The demo seeding builds the five repositories the demo promises, with the content each one needs."""

from __future__ import annotations

import json

from app.sandbox.demo import DEMO_ORG, seed_demo_org
from tests.sandbox.conftest import World, api, installation_token


def test_seed_demo_org(world: World) -> None:
    seeded = seed_demo_org(world.control)
    assert len(seeded) == 5
    c = world.control
    assert "SECURITY.md" not in c.repo(DEMO_ORG, "no-policy")["files"]
    assert "security-ecosystem@nodejs.org" in c.repo(DEMO_ORG, "stale-policy")["files"]["SECURITY.md"]
    lock = json.loads(c.repo(DEMO_ORG, "vulnerable-lockfile")["files"]["package-lock.json"])
    assert lock["packages"]["node_modules/lodash"]["version"] == "4.17.15"
    compliant = c.repo(DEMO_ORG, "compliant")["files"]
    assert "Supported Versions" in compliant["SECURITY.md"] and "badge" in compliant["README.md"]
    assert c.repo(DEMO_ORG, "archived-project")["archived"] is True
    installation_id = c.install(DEMO_ORG)
    c.wait_for_webhooks()
    world.installation_id = installation_id
    with api(world, installation_token(world)) as client:
        repos = client.get("/installation/repositories").json()
        assert repos["total_count"] == 5
        policy = client.post(
            "/graphql",
            json={
                "query": '{ repository(owner: "demo-org", name: "compliant") { isSecurityPolicyEnabled } }'
            },
        )
        assert policy.json()["data"]["repository"]["isSecurityPolicyEnabled"] is True
