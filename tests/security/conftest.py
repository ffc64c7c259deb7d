"""The attack tests reuse the dashboard's and the core's fixtures (one shared fake per concern)."""

from tests.app.core.conftest import client, private_key_pem, services, settings  # noqa: F401
from tests.app.dashboard.conftest import anon, clock, dash_app, github, sessions, sign_in  # noqa: F401
