"""Helpers for tests and the demo: run the simulator on 127.0.0.1, drive it, make an app key pair."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Sequence
from types import TracebackType
from typing import Any

import httpx
import uvicorn

from simulator.keys import rsa_key_pair
from simulator.server import create_app
from simulator.state import SimState
from simulator.webhooks import Outbox


def generate_app_keypair() -> tuple[str, str]:
    """(private key PEM, public key PEM) for a test GitHub App (RSA 2048)."""
    return rsa_key_pair()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SimControl:
    """A typed client for the /_sandbox control API."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = httpx.Client(base_url=self.base_url, timeout=30)

    def close(self) -> None:
        self.http.close()

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = self.http.request(method, f"/_sandbox{path}", json=body)
        if response.status_code >= 400:
            raise RuntimeError(f"sandbox {method} {path} failed: {response.status_code} {response.text}")
        return response.json()

    def reset(self) -> None:
        self._call("POST", "/reset")

    def register_app(self, *, public_key_pem: str, webhook_secret: str, **fields: Any) -> dict[str, Any]:
        return dict(
            self._call(
                "POST",
                "/apps",
                {"public_key_pem": public_key_pem, "webhook_secret": webhook_secret, **fields},
            )
        )

    def create_org(self, login: str, name: str | None = None) -> dict[str, Any]:
        return dict(self._call("POST", "/orgs", {"login": login, "name": name}))

    def create_user(self, login: str, *, orgs: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
        return dict(self._call("POST", "/users", {"login": login, "orgs": orgs or {}, **fields}))

    def create_repo(
        self, owner: str, name: str, *, files: dict[str, str] | None = None, **flags: Any
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"owner": owner, "name": name, **flags}
        if files is not None:
            body["files"] = files
        return dict(self._call("POST", "/repos", body))

    def update_repo(self, owner: str, name: str, **flags: Any) -> dict[str, Any]:
        return dict(self._call("PATCH", f"/repos/{owner}/{name}", flags))

    def push(
        self,
        owner: str,
        name: str,
        files: dict[str, str | None],
        *,
        branch: str | None = None,
        message: str = "Update",
        author: str | None = None,
    ) -> str:
        body = {"files": files, "branch": branch, "message": message, "author": author}
        return str(self._call("POST", f"/repos/{owner}/{name}/push", body)["sha"])

    def fork(
        self,
        owner: str,
        name: str,
        *,
        to: str,
        new_name: str | None = None,
        default_branch_only: bool = False,
    ) -> dict[str, Any]:
        """`to` forks owner/name (GitHub's fork: shared git objects, `fork: true`, `parent`/`source`)."""
        body = {"owner": to, "name": new_name, "default_branch_only": default_branch_only}
        return dict(self._call("POST", f"/repos/{owner}/{name}/forks", body))

    def install(self, account: str, repositories: str | list[str] = "all", **fields: Any) -> int:
        return int(
            self._call(
                "POST", "/installations", {"account": account, "repositories": repositories, **fields}
            )["id"]
        )

    def change_installation_repos(
        self, installation_id: int, *, add: Sequence[str] = (), remove: Sequence[str] = ()
    ) -> Any:
        return self._call(
            "POST",
            f"/installations/{installation_id}/repositories",
            {"add": list(add), "remove": list(remove)},
        )

    def delete_org(self, login: str) -> dict[str, Any]:
        """The organisation is deleted: `organization.deleted`, then its installations end."""
        return dict(self._call("DELETE", f"/orgs/{login}"))

    def uninstall(self, installation_id: int) -> None:
        self._call("DELETE", f"/installations/{installation_id}")

    def set_budget(self, installation_id: int, limit: int, *, reset_used: bool = False) -> None:
        self._call(
            "POST", f"/installations/{installation_id}/budget", {"limit": limit, "reset_used": reset_used}
        )

    def open_pull(
        self,
        owner: str,
        name: str,
        head: str,
        *,
        title: str,
        base: str | None = None,
        body: str | None = None,
        by: str | None = None,
    ) -> int:
        """A person (`by`, default the owner) opens a pull request; returns its number."""
        data = {"head": head, "base": base, "title": title, "body": body, "by": by}
        return int(self._call("POST", f"/repos/{owner}/{name}/pulls", data)["number"])

    def merge_pull(self, owner: str, name: str, number: int, by: str | None = None) -> str:
        return str(self._call("POST", f"/repos/{owner}/{name}/pulls/{number}/merge", {"by": by})["sha"])

    def close_pull(self, owner: str, name: str, number: int, by: str | None = None) -> None:
        self._call("POST", f"/repos/{owner}/{name}/pulls/{number}/close", {"by": by})

    def set_oauth_user(self, login: str | None) -> None:
        self._call("POST", "/oauth/user", {"login": login})

    def repo(self, owner: str, name: str) -> dict[str, Any]:
        return dict(self._call("GET", f"/repos/{owner}/{name}"))

    def state(self) -> dict[str, Any]:
        return dict(self._call("GET", "/state"))

    def calls(self) -> dict[str, Any]:
        return dict(self._call("GET", "/calls"))

    def reset_calls(self) -> None:
        self._call("DELETE", "/calls")

    def unsupported(self) -> list[dict[str, str]]:
        return list(self._call("GET", "/unsupported")["requests"])

    def deliveries(self) -> list[dict[str, Any]]:
        return list(self._call("GET", "/deliveries")["deliveries"])

    def redeliver(self, delivery_id: int, *, duplicate: bool = False) -> dict[str, Any]:
        return dict(
            self._call("POST", f"/deliveries/{delivery_id}/{'duplicate' if duplicate else 'redeliver'}")
        )

    def wait_for_webhooks(self, timeout: float = 10.0) -> None:
        if not self._call("POST", "/webhooks/drain", {"timeout": timeout})["drained"]:
            raise TimeoutError("the sandbox webhook queue did not drain in time")

    def set_webhooks(self, *, enabled: bool | None = None, url: str | None = None) -> None:
        body: dict[str, Any] = {}
        if enabled is not None:
            body["enabled"] = enabled
        if url is not None:
            body["url"] = url
        self._call("PATCH", "/webhooks", body)

    def add_fault(
        self, kind: str, path: str, *, method: str = "*", count: int | None = None, **extra: Any
    ) -> int:
        return int(
            self._call(
                "POST", "/faults", {"kind": kind, "path": path, "method": method, "count": count, **extra}
            )["id"]
        )

    def clear_faults(self) -> None:
        self._call("DELETE", "/faults")

    def advance_clock(self, seconds: float) -> None:
        self._call("POST", "/clock", {"seconds": seconds})

    def rerequest_check_run(self, run_id: int, by: str | None = None) -> None:
        self._call("POST", f"/check-runs/{run_id}/rerequest", {"by": by})

    def click_check_run_action(self, run_id: int, identifier: str, by: str | None = None) -> None:
        self._call("POST", f"/check-runs/{run_id}/action", {"identifier": identifier, "by": by})


class SimulatorServer:
    """Runs the simulator with uvicorn in a background thread on a free 127.0.0.1 port."""

    def __init__(
        self, port: int | None = None, state: SimState | None = None, webhook_timeout: float = 10.0
    ) -> None:
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.state = state or SimState()
        self.state.base_url = self.base_url
        self.webhook_timeout = webhook_timeout
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.control: SimControl

    def start(self) -> SimulatorServer:
        self.state.outbox = Outbox(self.state, timeout=self.webhook_timeout)
        config = uvicorn.Config(
            create_app(self.state), host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="sandbox-uvicorn", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the GitHub simulator did not start")
            time.sleep(0.02)
        self.control = SimControl(self.base_url)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self.state.outbox is not None:
            self.state.outbox.stop()
            self.state.outbox = None
        if hasattr(self, "control"):
            self.control.close()

    def __enter__(self) -> SimulatorServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


class WebhookReceiver:
    """A loopback HTTP endpoint that records the webhooks the simulator sends (for tests)."""

    def __init__(self, status: int = 202) -> None:
        import http.server

        self.status = status
        self.received: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                receiver.received.append(({k: v for k, v in self.headers.items()}, body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/api/github/webhooks"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def events(self) -> list[tuple[str, str | None]]:
        import json

        return [(h.get("X-GitHub-Event", ""), json.loads(b).get("action")) for h, b in self.received]

    def __enter__(self) -> WebhookReceiver:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
