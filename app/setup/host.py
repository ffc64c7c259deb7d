"""The ASGI app `serve` hands to uvicorn: it serves whichever app is current (the setup pages, then
the real app) and runs the real app's lifespan (its worker) itself, so registering the App swaps the
real app in without a restart. Background tasks (the webhook proxy) run for the server's lifetime.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from typing import Any

import anyio
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream
from starlette.applications import Starlette
from starlette.routing import Router
from starlette.types import ASGIApp, Receive, Scope, Send

log = logging.getLogger(__name__)


class ActivationError(RuntimeError):
    """The real app could not start (its lifespan raised); the log has the reason."""


class _Activation:
    def __init__(self, app: Starlette) -> None:
        self.app = app
        self.started = anyio.Event()
        self.error: BaseException | None = None


class AppHost:
    def __init__(
        self,
        current: ASGIApp,
        *,
        start_with: Starlette | None = None,
        background: Sequence[Callable[[], Coroutine[Any, Any, None]]] = (),
    ) -> None:
        """Serve `current`; with `start_with`, that app is activated as the server starts."""
        self.current = current
        self._start_with = start_with
        self._background = list(background)
        self._router = Router(lifespan=self._lifespan)
        self._activations: MemoryObjectSendStream[_Activation] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._router.lifespan(scope, receive, send)
        else:
            await self.current(scope, receive, send)

    async def activate(self, app: Starlette) -> None:
        """Start `app`'s lifespan in the server's own task group, then route every request to it."""
        if self._activations is None:
            raise ActivationError("the server is not running")
        activation = _Activation(app)
        await self._activations.send(activation)
        await activation.started.wait()
        if activation.error is not None:
            raise ActivationError(f"the app did not start: {activation.error}") from activation.error

    @asynccontextmanager
    async def _lifespan(self, _app: Any) -> AsyncIterator[None]:
        send, receive = anyio.create_memory_object_stream[_Activation](1)
        self._activations = send
        stopping = anyio.Event()
        async with anyio.create_task_group() as apps:
            apps.start_soon(self._run_apps, receive, stopping)
            if self._start_with is not None:
                await self.activate(self._start_with)
            async with anyio.create_task_group() as background:
                for task in self._background:
                    background.start_soon(task)
                try:
                    yield
                finally:
                    background.cancel_scope.cancel()
                    stopping.set()
                    send.close()
                    self._activations = None

    async def _run_apps(self, receive: MemoryObjectReceiveStream[_Activation], stopping: anyio.Event) -> None:
        """Holds the activated app's lifespan open until the server stops (its worker then finishes
        its running jobs, as under uvicorn)."""
        async with receive:
            async for activation in receive:
                app = activation.app
                try:
                    async with app.router.lifespan_context(app):
                        self.current = app
                        activation.started.set()
                        await stopping.wait()
                except Exception as exc:
                    if activation.started.is_set():
                        log.exception("the app's shutdown failed")
                        return
                    log.exception("the app did not start")
                    activation.error = exc
                    activation.started.set()
                    continue
                return
