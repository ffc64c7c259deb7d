"""`repo-hygiene demo`: a local GitHub simulator with a seeded organisation, plus the app pointed at it.

The seeding (`seed_demo_org`) needs only the simulator's control API. Running the app itself needs the
core workstream's `app.main` (build_services/create_app) and `app.commands.migrate` (upgrade); without
them the command still serves the simulator so a person can browse it.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import secrets
import tempfile
import time
from pathlib import Path

from app.sandbox.testing import SimControl, SimulatorServer, generate_app_keypair

DEMO_ORG = "demo-org"
DEMO_ADMIN = "octo-admin"

STALE_POLICY = """# Security Policy

Please report security issues through HackerOne at https://hackerone.com/nodejs
or by email to security-ecosystem@nodejs.org.
"""

COMPLIANT_POLICY = """# Security Policy

## Supported Versions

| Version | Supported          |
| ------- | ------------------ |
| 2.x     | :white_check_mark: |
| 1.x     | :x:                |

## Reporting a Vulnerability

Please report vulnerabilities privately through GitHub's private vulnerability reporting
(Security tab -> "Report a vulnerability") or by email to security@demo-org.example.
Do not open public issues for security problems.

We acknowledge reports within 3 business days and aim to publish a fix and an advisory
within 90 days of the report (coordinated disclosure).
"""

VULNERABLE_LOCKFILE = {
    "name": "vulnerable-app",
    "version": "1.0.0",
    "lockfileVersion": 3,
    "requires": True,
    "packages": {
        "": {"name": "vulnerable-app", "version": "1.0.0", "dependencies": {"lodash": "4.17.15"}},
        "node_modules/lodash": {
            "version": "4.17.15",
            "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.15.tgz",
            "integrity": (  # lodash 4.17.15's published tarball digest
                "sha512-8xOcRHvCjnocdS5cpwXQXVzmmh5e5+saE2QGoeQmbKmRS6J3VQppPOIt0MnmE+4xlZoumy0GPG0D0MVIQbNA1A=="
            ),
        },
    },
}


def seed_demo_org(control: SimControl, org: str = DEMO_ORG) -> dict[str, str]:
    """Create the demo organisation and its five repositories; returns {repository: what it shows}."""
    control.create_org(org, "Demo Organisation")
    control.create_user(DEMO_ADMIN, orgs={org: "admin"}, name="Octo Admin")
    control.create_user("octo-member", orgs={org: "member"})
    repos = {
        "no-policy": "no security policy at all",
        "stale-policy": "a policy naming a dead channel (Node.js HackerOne, security-ecosystem@nodejs.org)",
        "vulnerable-lockfile": "a package-lock.json with lodash 4.17.15 (known advisories)",
        "compliant": "a complete policy (private contact, timelines, supported versions) and a README badge",
        "archived-project": "archived: read-only, scanned but never changed",
    }
    control.create_repo(
        org,
        "no-policy",
        files={"README.md": "# no-policy\n\nA small library.\n", "index.js": "module.exports = 1;\n"},
    )
    control.create_repo(
        org, "stale-policy", files={"README.md": "# stale-policy\n", "SECURITY.md": STALE_POLICY}
    )
    control.create_repo(
        org,
        "vulnerable-lockfile",
        files={
            "README.md": "# vulnerable-lockfile\n",
            "package.json": json.dumps(
                {"name": "vulnerable-app", "version": "1.0.0", "dependencies": {"lodash": "4.17.15"}},
                indent=2,
            )
            + "\n",
            "package-lock.json": json.dumps(VULNERABLE_LOCKFILE, indent=2) + "\n",
        },
    )
    badge = f"[![Security policy](https://img.shields.io/badge/security-policy-brightgreen)](https://github.com/{org}/compliant/security/policy)"
    control.create_repo(
        org, "compliant", files={"README.md": f"# compliant\n\n{badge}\n", "SECURITY.md": COMPLIANT_POLICY}
    )
    control.create_repo(
        org,
        "archived-project",
        files={"README.md": "# archived-project\n\nNo longer maintained.\n"},
        archived=True,
    )
    return {f"{org}/{name}": text for name, text in repos.items()}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sim-port", type=int, default=3001, help="port of the GitHub simulator (default 3001)"
    )
    parser.add_argument("--port", type=int, default=3000, help="port of the app (default 3000)")
    parser.add_argument(
        "--database-url", default=None, help="database for the app (default: a temporary SQLite file)"
    )
    parser.add_argument("--sim-only", action="store_true", help="run and seed the simulator without the app")


def run(args: argparse.Namespace) -> int:
    private_key, public_key = generate_app_keypair()
    webhook_secret = secrets.token_hex(16)
    app_url = f"http://127.0.0.1:{args.port}"
    with SimulatorServer(port=args.sim_port) as sim:
        control = sim.control
        control.register_app(
            id=1,
            slug="repo-hygiene",
            name="repo-hygiene (demo)",
            public_key_pem=public_key,
            webhook_secret=webhook_secret,
            webhook_url=f"{app_url}/api/github/webhooks",
            client_id="Iv1.demo",
            client_secret=secrets.token_hex(16),
            callback_urls=[f"{app_url}/"],
        )
        seeded = seed_demo_org(control)
        control.set_oauth_user(DEMO_ADMIN)
        print(f"GitHub simulator: {sim.base_url}/_sandbox/ui/  (signed in as {DEMO_ADMIN})")
        for name, text in seeded.items():
            print(f"  {name}: {text}")
        if args.sim_only:
            control.install(DEMO_ORG)
            return _wait_forever()
        return _run_app(args, sim, control, private_key, webhook_secret)


def _run_app(
    args: argparse.Namespace, sim: SimulatorServer, control: SimControl, key: str, secret: str
) -> int:
    try:
        main = importlib.import_module("app.main")
        migrate = importlib.import_module("app.commands.migrate")
        settings_module = importlib.import_module("app.settings")
    except ImportError as exc:
        print(f"The app is not available ({exc}); serving the simulator only.")
        control.install(DEMO_ORG)
        return _wait_forever()
    import threading

    import uvicorn

    database_url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'demo.db'}"
    environ = {
        "APP_ID": "1",
        "PRIVATE_KEY": key,
        "WEBHOOK_SECRET": secret,
        "GITHUB_API_URL": sim.base_url,
        "GITHUB_CLIENT_ID": "Iv1.demo",
        "GITHUB_CLIENT_SECRET": sim.state.the_app().client_secret,  # type: ignore[union-attr]
        "PORT": str(args.port),
        "DATABASE_URL": database_url,
    }
    settings = settings_module.load_settings({**os.environ, **environ}, env_file=None)
    migrate.upgrade(settings.database_url)
    web = main.create_app(main.build_services(settings), run_worker=True)
    server = uvicorn.Server(uvicorn.Config(web, host="127.0.0.1", port=args.port, log_level="info"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    control.install(DEMO_ORG)  # installation.created now reaches the running app
    print(f"repo-hygiene: http://127.0.0.1:{args.port}/")
    try:
        thread.join()
    except KeyboardInterrupt:
        server.should_exit = True
        thread.join(timeout=10)
    return 0


def _wait_forever() -> int:
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0
