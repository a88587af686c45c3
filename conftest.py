"""Loaded for every test run from the repository (tests/ and e2e/)."""

pytest_plugins = ["tests.ci_guard"]
