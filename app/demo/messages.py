"""What `repo-hygiene demo` tells the person running it: where to look, what to expect, how to stop,
and how to move on to a real GitHub App."""

from __future__ import annotations

from app.demo.world import DEMO_ADMIN, DEMO_ORG, VULNERABLE_REPO
from simulator.testing import SimulatorServer


def say(text: str = "") -> None:
    print(text, flush=True)  # flushed: a script or test reading the output sees each line at once


def print_sim_only(sim: SimulatorServer, seeded: dict[str, str]) -> None:
    say(f"GitHub simulator (read-only view): {sim.base_url}/_sandbox/ui/")
    for name, text in seeded.items():
        say(f"  {name}: {text}")
    say("The app is not running (--sim-only). Press Ctrl-C to stop.")


def print_instructions(
    sim: SimulatorServer,
    app_url: str,
    seeded: dict[str, str],
    advisories: int,
    pull: int,
    *,
    temporary: bool,
) -> None:
    ui = f"{sim.base_url}/_sandbox/ui/"
    say()
    say("repo-hygiene demo is running: a local GitHub simulator, the app and its worker.")
    say()
    say(f"Dashboard (signs you in as {DEMO_ADMIN}, admin of {DEMO_ORG}):")
    say(f"  {app_url}/login?next=/orgs/{DEMO_ORG}")
    say(f"What a maintainer sees on 'GitHub' (read-only view of the simulator): {ui}")
    say()
    say(f"The organisation {DEMO_ORG}:")
    for name, text in seeded.items():
        say(f"  {name}: {text}")
    say("The app opens a SECURITY.md pull request on each repository that needs one.")
    say(f"{DEMO_ORG}/{VULNERABLE_REPO} also has pull request #{pull} by a member, lodash 4.17.15 -> 4.17.20;")
    say("its 'Dependency advisories' check run credits the fix of CVE-2020-8203, and fails on the advisory")
    say("still present (the repository's policy is `mode: all`), with an annotation on the lockfile line.")
    say(f"({advisories} real advisories from the GitHub Advisory Database, CC-BY-4.0, were loaded.)")
    say()
    kept = "a temporary database: both are gone" if temporary else "the database you named"
    say(f"Stop with Ctrl-C. The simulator lives in memory and the app in {kept} when it stops.")
    say("To run against real GitHub instead: `repo-hygiene serve` with no App configured serves a page")
    say("that registers one from app.yml and writes its credentials to .env (or register it by hand:")
    say("'Registering the App' in the README).")
    say(f"Simulator control API (for scripts): {sim.base_url}/_sandbox/state")
