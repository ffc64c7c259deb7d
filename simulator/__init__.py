"""A local, stateful stand-in for the parts of GitHub that repo-hygiene uses (tests and demo).

Start it with `simulator.testing.SimulatorServer`; drive it through the `/_sandbox/...` control API.
"""
