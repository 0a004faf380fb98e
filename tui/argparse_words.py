"""argparse's own words (``usage:``, ``options``, its error sentences) in the interface
language: they are in paiws's catalogue, and argparse looks its gettext functions up at call
time, so pointing them at paiws's is all it takes. Words paiws does not know stay as they are."""

from __future__ import annotations

import argparse

from paiws.core.i18n import N_, _, ngettext

# The msgids argparse uses (3.11 to 3.13) that a person can meet with paiws's parser.
WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("subcommands"),
    N_("%(heading)s:"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
)


def translate_argparse() -> None:
    """From now on argparse speaks the interface language (idempotent)."""
    setattr(argparse, "_", _)  # noqa: B010 - the module's private hook, not an attribute of ours
    setattr(argparse, "ngettext", ngettext)  # noqa: B010
