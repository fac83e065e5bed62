"""Facilitator: guides community meetings from ground rules to minutes, offline."""

__version__ = "0.1.0"
APP_NAME = "Facilitator"
