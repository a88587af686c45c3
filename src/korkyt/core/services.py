"""Writes shared by every app. Background jobs have their own module: :mod:`korkyt.core.jobs.services`."""
