"""Entry point placeholder; replaced by the CLI module."""

from tui import __version__


def main() -> int:
    print(f"paiws {__version__}")
    return 0
