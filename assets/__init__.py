"""Packaged assets (styles, regions, demo data, help, RAM policy)."""
