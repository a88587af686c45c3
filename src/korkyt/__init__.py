"""Korkyt: the open platform of the Turkic film cooperation network."""

__version__ = "0.1.0"
