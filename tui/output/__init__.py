"""Printers for the `paiws` subcommands (masked view models in, text out)."""
