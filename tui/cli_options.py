"""The pieces every `paiws` parser is made of: the usage-error behaviour, help laid out by
terminal cells, the §4 global options, a subcommand, ``--format``. argparse's own words come
from the catalogue too (``argparse_words``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from paiws import APP_NAME, __version__
from paiws.core.exit_codes import ExitCode
from paiws.core.i18n import _, normalise

FORMATS_TABLE = ("table", "json", "csv")


class Parser(argparse.ArgumentParser):
    """argparse with a usage error that is one sentence plus where to get help (exit 2)."""

    def error(self, message: str) -> NoReturn:
        advice = _("Run '{prog} --help' for usage.").format(prog=self.prog)
        sys.stderr.write(f"{self.prog}: {message}\n{advice}\n")
        raise SystemExit(ExitCode.USAGE)


class HelpFormatter(argparse.HelpFormatter):
    """argparse's layout, wrapping by terminal cells (Chinese help fits the terminal)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        from paiws.output.wrap import wrap_cells

        return wrap_cells(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        from paiws.output.wrap import wrap_cells

        return "\n".join(indent + line for line in wrap_cells(text, width - len(indent)))

    def _format_usage(self, *args: Any, **kwargs: Any) -> str:
        # argparse measures the usage prefix by len(); a translated prefix of wide characters
        # is wider on screen: narrow the lines by the difference and indent them by it.
        prefix = _("usage: ")
        extra = 0
        if not prefix.isascii():
            from paiws.output.wrap import cell_width

            extra = cell_width(prefix) - len(prefix)
        self._width -= extra
        try:
            text: str = super()._format_usage(*args, **kwargs)
        finally:
            self._width += extra
        return text.replace("\n ", "\n" + " " * extra + " ") if extra else text


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a number of seconds").format(text=repr(text))
        ) from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(
            _("a timeout must be more than 0 and at most 3600 seconds")
        )
    return value


def add_global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """The §4 global options. On subparsers every default is SUPPRESS so a value given before
    the subcommand is not overwritten by the subparser's default (argparse copies every
    attribute of the subparser's namespace onto the main one)."""

    def default(value: Any) -> Any:
        return argparse.SUPPRESS if suppress else value

    group = parser.add_argument_group(_("global options"))
    group.add_argument(
        "--region",
        metavar="ID",
        default=default(None),
        help=_("region ID, e.g. cn-hangzhou (required by API commands; never guessed)"),
    )
    group.add_argument(
        "--profile",
        metavar="NAME",
        default=default(None),
        help=_("aliyun CLI profile to take credentials from"),
    )
    group.add_argument(
        "--endpoint",
        metavar="URL",
        default=default(None),
        help=_(
            "API endpoint, e.g. http://127.0.0.1:8123 (default: $PAIWS_ENDPOINT, "
            "else https://aiworkspace.<region>.aliyuncs.com)"
        ),
    )
    group.add_argument(
        "--vpc",
        action="store_true",
        default=default(False),
        help=_("use the VPC endpoint aiworkspace-vpc.<region>.aliyuncs.com"),
    )
    group.add_argument(
        "--connect-timeout",
        metavar="S",
        type=_seconds,
        default=default(None),
        help=_("connect timeout in seconds"),
    )
    group.add_argument(
        "--read-timeout",
        metavar="S",
        type=_seconds,
        default=default(None),
        help=_("read timeout in seconds"),
    )
    group.add_argument(
        "--demo",
        action="store_true",
        default=default(False),
        help=_("use the embedded emulator with demo data (no account, no network)"),
    )
    group.add_argument(
        "--read-only",
        action="store_true",
        default=default(False),
        help=_("refuse every change (create, update, delete, members)"),
    )
    group.add_argument(
        "--lang",
        metavar="LANG",
        type=_language,
        default=default(None),
        help=_("interface language: en or zh-CN (default: $PAIWS_LANG, then the locale)"),
    )
    group.add_argument(
        "--version",
        action="version",
        version=f"{APP_NAME} {__version__}",
        help=_("show program's version number and exit"),
    )


def _language(text: str) -> str:
    chosen = normalise(text)
    if chosen is None:
        raise argparse.ArgumentTypeError(
            _("{text} is not a language paiws speaks (en, zh-CN)").format(text=repr(text))
        )
    return chosen


def sub(subparsers: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    text = _(help_text)
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name, help=text, description=text, allow_abbrev=False, formatter_class=HelpFormatter
    )
    add_global_options(parser, suppress=True)
    parser.set_defaults(handler=name)
    return parser


def format_option(parser: argparse.ArgumentParser, choices: Sequence[str]) -> None:
    parser.add_argument(
        "--format",
        choices=choices,
        default=choices[0],
        help=_("output format (default: {default})").format(default=choices[0]),
    )
