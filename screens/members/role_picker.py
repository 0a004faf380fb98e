"""Pick roles: every role that can be given here (never the owner's, R14), each on one line with
its words and its one-line explanation from the role catalogue (`paiws.core.roles`).

One line per role: Textual's SelectionList draws its check box per line, so a prompt cannot
span two. On a narrow screen the line is cut; the highlighted role is explained in full below
the list (`role_detail`)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from paiws.core.api import GRANTABLE, Role

WORDS_WIDTH = max(len(role.words) for role in GRANTABLE) + 2


def role_prompt(role: Role) -> Text:
    return Text.assemble((role.words.ljust(WORDS_WIDTH), "bold"), (role.explanation, "italic"))


def role_detail(role: Role) -> Text:
    """The highlighted role in full: words, code, explanation."""
    return Text.assemble((role.words, "bold"), f" ({role.code}): ", (role.explanation, "italic"))


class RolePicker(SelectionList[str]):
    """A multiple choice of roles; `codes` is the choice in the catalogue's order."""

    DEFAULT_CSS = """
    RolePicker { height: auto; }
    """

    def __init__(self, chosen: Iterable[str] = (), *, id: str | None = None) -> None:
        wanted = set(chosen)
        super().__init__(
            *(Selection(role_prompt(r), r.code, r.code in wanted) for r in GRANTABLE), id=id
        )

    @property
    def highlighted_role(self) -> Role | None:
        index = self.highlighted
        return GRANTABLE[index] if index is not None and 0 <= index < len(GRANTABLE) else None

    @property
    def codes(self) -> tuple[str, ...]:
        chosen = set(self.selected)
        return tuple(role.code for role in GRANTABLE if role.code in chosen)
