"""The demo's tests run on the simulator's own fixtures (a running simulator and a registered app)."""

from tests.simulator.conftest import app_keys, receiver, sim, world

__all__ = ["app_keys", "receiver", "sim", "world"]
