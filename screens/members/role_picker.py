"""Pick roles: every role that can be given here (never the owner's, R14), each on one line with
its words and its one-line explanation from the role catalogue (`paiws.core.roles`).

One line per role: Textual's SelectionList draws its check box per line, so a prompt cannot
span two. On a narrow screen the line is cut; the highlighted role is explained in full below
the list (`role_detail`)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from paiws.core.api import GRANTABLE, Role, _, role_words
from paiws.screens.widgets.sentence import sentence

GAP = 2  # cells between the widest role's words and the explanations


def role_prompt(role: Role, words_width: int) -> Text:
    """One line: the role's words padded to ``words_width`` cells, then its explanation."""
    words = _(role.words)
    padded = words + " " * (words_width - cell_len(words))
    return Text.assemble((padded, "bold"), (_(role.explanation), "italic"))


def words_width() -> int:
    """The explanations' column, in cells: the widest role's words in the interface language."""
    return max(cell_len(_(role.words)) for role in GRANTABLE) + GAP


def role_and_code(code: str) -> str:
    """``Administrator (PAI.WorkspaceAdmin)``: the role in words, then its code."""
    return _("{role} ({code})").format(role=role_words(code), code=code)


def role_detail(role: Role) -> Text:
    """The highlighted role in full: words, code, explanation."""
    words = Text(_(role.words), style="bold")
    explanation = Text(_(role.explanation), style="italic")
    return sentence(
        _("{role} ({code}): {explanation}"), role=words, code=role.code, explanation=explanation
    )


class RolePicker(SelectionList[str]):
    """A multiple choice of roles; `codes` is the choice in the catalogue's order."""

    DEFAULT_CSS = """
    RolePicker { height: auto; }
    """

    def __init__(self, chosen: Iterable[str] = (), *, id: str | None = None) -> None:
        wanted, width = set(chosen), words_width()
        super().__init__(
            *(Selection(role_prompt(r, width), r.code, r.code in wanted) for r in GRANTABLE),
            id=id,
        )

    @property
    def highlighted_role(self) -> Role | None:
        index = self.highlighted
        return GRANTABLE[index] if index is not None and 0 <= index < len(GRANTABLE) else None

    @property
    def codes(self) -> tuple[str, ...]:
        chosen = set(self.selected)
        return tuple(role.code for role in GRANTABLE if role.code in chosen)
