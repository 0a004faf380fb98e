"""The Textual application: screens, global keys, command palette and crash handling.

The App receives a `DataService` (the emulator-backed one in tests and `--demo`, the real one
otherwise) and never talks to the API itself; screens call the service in thread workers and
render the masked view models it returns.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.reactive import reactive
from textual.screen import Screen

from paiws import APP_NAME, startup
from paiws.core.api import N_, CredentialStatus, DataService, _, remember_region
from paiws.palette import RegionsProvider, ScreenActionsProvider, WorkspacesProvider
from paiws.paths import asset_path
from paiws.screens.base import PaiwsScreen
from paiws.screens.messages import (
    ActivationChanged,
    CredentialsRenewed,
    OpenWorkspace,
    RegionChosen,
    StartDemo,
    VerboseChanged,
    WorkspaceChanged,
)
from paiws.screens.no_credentials import DEMO_EXIT, NoCredentialsScreen
from paiws.screens.region_picker import RegionPickerScreen
from paiws.screens.session import LiveRefresh, Session
from paiws.screens.widgets import line_breaks

if TYPE_CHECKING:
    from paiws.screens.browse.workspace_table import WorkspaceTableScreen
    from paiws.screens.help import Section

# Start-up imports only what the region picker needs: the table screen (and the screens it
# opens) is imported at the first region choice, the help screen at the first `?`
# (docs/performance.md: start-up at most 1.5x a minimal Textual app).

CRASH_LINE = N_(
    "paiws stopped after an unexpected internal error ({kind}). "
    "Details are not printed, to keep workspace data off the terminal. "
    "Please report what you were doing."
)


def crash_line(error: BaseException) -> str:
    """The one line printed for a crash: the exception *type* only, never its message (R9)."""
    inner = getattr(error, "error", None)  # WorkerFailed wraps the worker's exception
    kind = type(inner if isinstance(inner, BaseException) else error).__name__
    return _(CRASH_LINE).format(kind=kind)


BROWSE_MODE = "browse"
DEMO_PICKER_MODE = "demo-picker"  # the picker after `d` on the no-credentials screen
PRELOAD_AFTER = 0.1  # seconds after mount: the first screen is painted by then


def _is_help(screen: object) -> bool:
    """Whether ``screen`` is the help screen, without importing it: until screens.help is
    imported (at the first `?`) no help screen can exist."""
    module = sys.modules.get("paiws.screens.help")
    # getattr: the module may be half imported right now (the preload runs in a worker).
    help_screen = getattr(module, "HelpScreen", None)
    return help_screen is not None and isinstance(screen, help_screen)


class PaiwsApp(App[int]):
    """paiws: browse Alibaba Cloud PAI workspaces."""

    TITLE = APP_NAME
    CSS_PATH = [asset_path("paiws.tcss")]  # the dialogs bring wizard.tcss (Screen.CSS_PATH)
    COMMANDS = App.COMMANDS | {ScreenActionsProvider, RegionsProvider, WorkspacesProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", N_("Quit"), show=False, priority=True, id="app.quit"),
        Binding(
            "ctrl+p",
            "command_palette",
            N_("Commands"),
            show=False,
            priority=True,
            tooltip=N_("Open the command palette"),
            id="app.palette",
        ),
        Binding("question_mark", "help", N_("Help"), tooltip=N_("Show every key"), id="app.help"),
        Binding("g", "change_region", N_("Region"), tooltip=N_("Change region"), id="app.region"),
        # The picker has its own (priority) binding; this one serves the workspace table.
        Binding(
            "ctrl+f",
            "find",
            N_("Find"),
            show=False,
            tooltip=N_("Find a workspace by name in every region"),
            id="app.find",
        ),
    ]
    HELP_TITLE: ClassVar[str] = N_("Everywhere")

    # The session every screen reads (region, activation, verbose, read-only); only the App
    # replaces it, when a screen says what happened (paiws.screens.messages).
    session: reactive[Session] = reactive(Session, always_update=True)

    def __init__(
        self,
        service: DataService,
        *,
        region: str | None = None,
        cursor_blink: bool = True,
        live_refresh: LiveRefresh | None = None,
        demo: Callable[[], DataService] | None = None,
    ) -> None:
        super().__init__()
        line_breaks.install()  # Chinese text wraps between characters, not only at blanks
        self._service = service
        self._cursor_blink = cursor_blink  # off in snapshot tests (see screens.widgets.inputs)
        self._live_refresh = live_refresh or LiveRefresh()  # off in tests (exact request logs)
        self._demo = demo  # builds the demo's service, for `d` on the no-credentials screen
        self._replaced: list[DataService] = []
        self.initial_region = region
        self._credentials: CredentialStatus | None = None
        self._main: WorkspaceTableScreen | None = None
        self.set_reactive(
            PaiwsApp.session, Session(read_only=service.read_only, demo=service.is_demo)
        )

    # -- what screens read (paiws.screens.host.Host) -------------------------------------------

    @property
    def service(self) -> DataService:
        return self._service

    @property
    def cursor_blink(self) -> bool:
        return self._cursor_blink

    @property
    def live_refresh(self) -> LiveRefresh:
        return self._live_refresh

    @property
    def credentials(self) -> CredentialStatus:
        if self._credentials is None:
            self._credentials = self.service.credential_status()
        return self._credentials

    @property
    def main_screen(self) -> WorkspaceTableScreen | None:
        """The workspace table, once a region was chosen (tests drive it)."""
        return self._main

    def get_default_screen(self) -> Screen[Any]:
        if not self.credentials.available:
            return NoCredentialsScreen()
        if not self.initial_region:
            # The picker alone: the table screen is built when a region is chosen (building
            # it first, under the picker, took 0.1 s of the time to the picker).
            return RegionPickerScreen()
        from paiws.screens.browse.workspace_table import WorkspaceTableScreen

        self._main = WorkspaceTableScreen()
        return self._main

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        if self._main is not None and self.initial_region:
            # --region skips the picker (R2: the user chose it on the command line).
            self._set_region(self.initial_region)
        self.set_timer(PRELOAD_AFTER, self._started)

    def _started(self) -> None:
        """The first screen is up: start-up is over (paiws.startup), and what the first `?`
        needs (Markdown takes the longest) is imported now, so that key answers as fast as
        every later one."""
        startup.done()
        self._preload_help()

    @work(thread=True, exit_on_error=False, group="preload")
    def _preload_help(self) -> None:
        import paiws.screens.help  # noqa: F401  (the import is the point)

    # -- what screens say happened ---------------------------------------------------------

    def on_region_chosen(self, message: RegionChosen) -> None:
        self._choose(message.region)

    def on_open_workspace(self, message: OpenWorkspace) -> None:
        """A workspace found in some region (find, palette): its region becomes the chosen
        one, the table under it, its detail on top."""
        from paiws.screens.detail import DetailScreen

        self._choose(message.region)
        self.push_screen(DetailScreen(row=message.row))

    def _choose(self, region: str) -> None:
        if self._main is None:
            from paiws.screens.browse.workspace_table import WorkspaceTableScreen

            # The first choice: the table screen becomes the bottom of a screen stack of its
            # own (a mode), so it is the top screen `q` quits from; the first picker rests.
            main = self._main = WorkspaceTableScreen()
            self.add_mode(BROWSE_MODE, lambda: main)
            self.switch_mode(BROWSE_MODE)
        while len(self.screen_stack) > 1 and self.screen is not self._main:
            self.pop_screen()
        self._set_region(region)
        self._remember(region)

    def _set_region(self, region: str) -> None:
        session = self.session
        badge = session.activation if region == session.region else ""
        self.session = replace(session, region=region, choice=session.choice + 1, activation=badge)

    def on_activation_changed(self, message: ActivationChanged) -> None:
        if message.region == self.session.region:
            self.session = replace(self.session, activation=message.badge)

    def on_verbose_changed(self, message: VerboseChanged) -> None:
        self.session = replace(self.session, verbose=message.show_owner)

    def on_credentials_renewed(self, message: CredentialsRenewed) -> None:
        self._credentials = message.status
        self.session = replace(self.session)  # the status bar shows the source again
        # The screen below the closed panel carries on where it failed.
        self.call_after_refresh(self._refresh_screen)

    def _refresh_screen(self) -> None:
        screen = self.screen
        for action in ("retry_activation", "refresh"):
            if hasattr(screen, f"action_{action}") and screen.check_action(action, ()):
                getattr(screen, f"action_{action}")()
                return

    def on_workspace_changed(self, message: WorkspaceChanged) -> None:
        if self._main is not None:  # the table's rows are stale now
            self._main.workspace_changed(message.workspace_id, message.change)

    def on_start_demo(self, message: StartDemo) -> None:
        """`d` without credentials: the same app, on the demo's service (R1 offers the demo)."""
        if self._demo is None:
            self.exit(0, message=_(DEMO_EXIT))
            return
        self._replaced.append(self._service)
        self._service = self._demo()
        self._credentials = None
        self.set_reactive(
            PaiwsApp.session,
            Session(read_only=self._service.read_only, demo=self._service.is_demo),
        )
        # A fresh stack (a mode) whose bottom is the picker, or the table for --region: the
        # no-credentials screen is left behind, as at the start of a demo run.
        if self.initial_region:
            from paiws.screens.browse.workspace_table import WorkspaceTableScreen

            main = self._main = WorkspaceTableScreen()
            self.add_mode(BROWSE_MODE, lambda: main)
            self.switch_mode(BROWSE_MODE)
            self.call_after_refresh(self._set_region, self.initial_region)
        else:
            self.add_mode(DEMO_PICKER_MODE, RegionPickerScreen)
            self.switch_mode(DEMO_PICKER_MODE)

    @property
    def replaced_services(self) -> list[DataService]:
        """Services the app stopped using (the one without credentials, after `d`)."""
        return list(self._replaced)

    @work(thread=True, exit_on_error=False, group="state")
    def _remember(self, region: str) -> None:
        # A small file write, still kept off the UI thread; failing to save a hint is harmless.
        remember_region(region)

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "change_region":
            return self._main is not None and not isinstance(self.screen, RegionPickerScreen)
        if action == "help":
            return not _is_help(self.screen)
        if action == "find":
            return self.credentials.available and (
                self._main is not None and self.screen is self._main
            )
        return True

    def action_change_region(self) -> None:
        if self._main is not None and not isinstance(self.screen, RegionPickerScreen):
            self.push_screen(RegionPickerScreen())

    def action_find(self) -> None:
        from paiws.screens.find_workspace import FindScreen

        self.push_screen(FindScreen())

    def help_sections(self) -> list[Section]:
        """Every screen's keys, for the help screen (built from their BINDINGS)."""
        from paiws.screens.browse.activation_panel import ActivationPanel
        from paiws.screens.browse.status_picker import StatusPicker
        from paiws.screens.browse.workspace_table import WorkspaceTableScreen
        from paiws.screens.create.wizard import CreateWizard
        from paiws.screens.credentials_rejected import CredentialsRejectedScreen
        from paiws.screens.delete_workspace import DeleteWorkspace
        from paiws.screens.detail import DetailScreen
        from paiws.screens.edit_workspace import EditWorkspace
        from paiws.screens.find_workspace import FindScreen
        from paiws.screens.help import HelpScreen
        from paiws.screens.id_lookup import IdLookupScreen
        from paiws.screens.limits import LimitsScreen
        from paiws.screens.members.add_form import AddMembersForm
        from paiws.screens.members.member_grid import MemberGrid
        from paiws.screens.members.members_screen import MembersScreen
        from paiws.screens.members.remove_dialog import RemoveMembers
        from paiws.screens.members.roles_dialog import RolesDialog
        from paiws.screens.permission_error import PermissionErrorScreen
        from paiws.screens.record_view import RecordScreen
        from paiws.screens.widgets.workspace_grid import WorkspaceGrid

        # Titles are translated by the help screen.
        return [
            (N_("Everywhere"), (type(self), PaiwsScreen)),
            (N_("Region picker"), (RegionPickerScreen,)),
            (N_("Workspace table"), (WorkspaceTableScreen, WorkspaceGrid)),
            (N_("Status filter"), (StatusPicker,)),
            (N_("Activation banner (PAI not activated)"), (ActivationPanel,)),
            (N_("Workspace detail"), (DetailScreen,)),
            (N_("Workspace JSON"), (RecordScreen,)),
            (N_("Create wizard"), (CreateWizard,)),
            (N_("Edit workspace"), (EditWorkspace,)),
            (N_("Delete workspace"), (DeleteWorkspace,)),
            (N_("Members"), (MembersScreen, MemberGrid)),
            (N_("Add members (guided form)"), (AddMembersForm,)),
            (N_("Member roles"), (RolesDialog,)),
            (N_("Remove a member"), (RemoveMembers,)),
            (N_("Find by name (every region)"), (FindScreen,)),
            (N_("ID lookup"), (IdLookupScreen,)),
            (N_("Resource limits"), (LimitsScreen,)),
            (N_("Permission error"), (PermissionErrorScreen,)),
            (N_("Credentials rejected"), (CredentialsRejectedScreen,)),
            (N_("No credentials"), (NoCredentialsScreen,)),
            (N_("Help"), (HelpScreen,)),
        ]

    def action_help(self) -> None:
        from paiws.screens.help import HelpScreen  # here: it loads Markdown, 0.1 s of start-up

        origin = self.screen
        if not isinstance(origin, HelpScreen):
            self.push_screen(HelpScreen(type(origin), self.help_sections()))

    def action_command_palette(self) -> None:
        # Textual's own, with its placeholder in the interface language.
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            placeholder = _("Search for commands…")
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Keep Textual's theme/keys/quit commands; leave out screenshot-to-file and the rest.
        yield SystemCommand(_("Toggle theme"), _("Switch dark/light"), self.action_toggle_theme)
        yield SystemCommand(_("Theme"), _("Choose a colour theme"), self.action_change_theme)
        yield SystemCommand(_("Keys"), _("Show the keys panel"), self.action_show_help_panel)
        yield SystemCommand(_("Quit"), _("Quit paiws"), self.action_quit)

    def is_root(self, screen: Screen[object]) -> bool:
        """True for the screen `q` quits from: the bottom of the stack, or the first picker."""
        if isinstance(screen, PaiwsScreen):
            return screen.is_root
        return len(self.screen_stack) <= 1

    # -- crash handling (R9) ------------------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        # Textual renders a traceback *with locals* here; locals can hold raw API data.
        # Keep Pilot's behaviour (the exception is re-raised to the test), print one line only.
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._exit_renderables.append(Text(crash_line(error), style="bold red"))
        self._close_messages_no_wait()

    def panic(self, *renderables: object) -> None:
        # Textual panics with a full Rich Traceback (e.g. a driver thread error): replace it.
        from rich.traceback import Traceback

        safe = [
            Text(_(CRASH_LINE).format(kind="internal"), style="bold red")
            if isinstance(renderable, Traceback)
            else renderable
            for renderable in renderables
        ]
        super().panic(*safe)  # type: ignore[arg-type]  # same renderables Textual accepts


def run(
    service: DataService,
    *,
    region: str | None = None,
    demo: Callable[[], DataService] | None = None,
) -> int:
    """Run the TUI; returns the process exit code (1 after a crash). ``demo`` builds the
    demo's service when the user starts it from the no-credentials screen."""
    app = PaiwsApp(service, region=region, demo=demo)
    try:
        result = app.run()
    finally:
        if app.service is not service:  # the demo was started: stop its emulator
            app.service.close()
    if app.return_code:
        return app.return_code
    return result if isinstance(result, int) else 0


__all__ = ["PaiwsApp", "crash_line", "run"]

if __name__ == "__main__":  # pragma: no cover - manual use only
    sys.exit("Use `paiws` or `paiws --demo`.")
