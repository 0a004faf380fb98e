"""A failure on stderr: one clear sentence, then what to do next (R9: never a traceback or a
raw response). The words come from `paiws.core.error_report`, shared with the TUI."""

from __future__ import annotations

from typing import TextIO

from paiws.core.error_report import ErrorReport, explain
from paiws.core.exit_codes import ExitCode
from paiws.core.i18n import _
from paiws.output.render import APP, clean


def print_error(error: BaseException, stream: TextIO) -> ErrorReport:
    """Explain ``error`` on ``stream``; returns the report (its exit code is the command's)."""
    report = explain(error)
    lines = [f"{APP}: {clean(report.sentence)}"]
    lines.extend(clean(line) for line in report.advice)
    if report.policy:
        lines.extend(clean(line) for line in report.policy.splitlines())
    if report.request_id and report.exit_code in (ExitCode.ERROR, ExitCode.PERMISSION):
        lines.append(_("Request ID: {id}").format(id=clean(report.request_id)))
    stream.write("\n".join(lines) + "\n")
    return report
