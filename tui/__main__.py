from paiws.cli import entry

raise SystemExit(entry())
