"""The demo seeding builds the five repositories the demo promises, with the content each one needs."""

from __future__ import annotations

import json

import pytest

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


def test_demo_command_sim_only(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import build_parser
    from app.sandbox import demo
    from app.sandbox.testing import free_port

    seen: dict[str, object] = {}

    def stop_here() -> int:
        # the simulator is up and seeded at this point; look at it instead of waiting for Ctrl-C
        import httpx

        state = httpx.get(f"http://127.0.0.1:{port}/_sandbox/state").json()
        seen.update(state)
        return 0

    port = free_port()
    monkeypatch.setattr(demo, "_wait_forever", stop_here)
    args = build_parser(["demo"]).parse_args(["demo", "--sim-only", "--sim-port", str(port)])
    assert demo.run(args) == 0
    assert len(seen["repos"]) == 5  # type: ignore[arg-type]
    assert seen["installations"][0]["account"] == DEMO_ORG  # type: ignore[index]
    assert "/_sandbox/ui/" in capsys.readouterr().out
