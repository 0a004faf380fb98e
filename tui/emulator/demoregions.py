"""The demo regions added for the multi-region overview and find (issue #13).

A few workspaces per region, some that need attention (FAILURE, FROZEN, DISABLED), and names
that overlap across regions (``recsys``). Deterministic; ``demodata`` writes them out.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from paiws.emulator import demopeople
from paiws.emulator.data import TENANT_ID, iso_ms

# (region, first id, [(name, display, description, status, owner login, standard mode)])
_MORE: tuple[tuple[str, int, tuple[tuple[str, str, str, str, str, bool], ...]], ...] = (
    (
        "cn-wulanchabu",
        300001,
        (
            (
                "wlcb_default",
                "乌兰察布默认空间",
                "Default workspace in Ulanqab.",
                "ENABLED",
                "alice@example.com",
                True,
            ),
            (
                "wlcb_llm_pretrain",
                "大模型预训练",
                "Pre-training on the Ulanqab GPU cluster.",
                "ENABLED",
                "wang.fang",
                True,
            ),
            (
                "wlcb_llm_sft",
                "LLM SFT",
                "Supervised fine-tuning runs.",
                "ENABLED",
                "bob.demo",
                False,
            ),
            (
                "wlcb_data_clean",
                "数据清洗",
                "Corpus cleaning pipelines.",
                "FAILURE",
                "zhang.wei",
                False,
            ),
            (
                "wlcb_legacy_gpu",
                "Legacy GPU",
                "Old training jobs, frozen for audit.",
                "FROZEN",
                "bob.demo",
                False,
            ),
            (
                "recsys_wlcb_batch",
                "推荐离线批处理",
                "Offline recommendation batches.",
                "FAILURE",
                "chen.ming@example.com",
                True,
            ),
        ),
    ),
    (
        "ap-northeast-1",
        400001,
        (
            (
                "jp_recsys_serving",
                "レコメンド配信",
                "Recommendation serving for Japan.",
                "ENABLED",
                "yuki.tanaka@example.jp",
                True,
            ),
            (
                "jp_ocr_invoices",
                "請求書OCR",
                "Invoice OCR models.",
                "ENABLED",
                "yuki.tanaka@example.jp",
                False,
            ),
            (
                "jp_sandbox",
                "JP sandbox",
                "Experiments; frozen after a billing issue.",
                "FROZEN",
                "dana",
                False,
            ),
            (
                "jp_vision_qc",
                "外観検査",
                "Visual quality control.",
                "ENABLED",
                "alice@example.com",
                False,
            ),
        ),
    ),
    (
        "eu-central-1",
        500001,
        (
            (
                "eu_recsys_gdpr",
                "EU recsys",
                "Recommendations with EU data residency.",
                "ENABLED",
                "heidi.weber@example.de",
                True,
            ),
            (
                "eu_forecast",
                "Forecast EU",
                "Demand forecasting, disabled this quarter.",
                "DISABLED",
                "heidi.weber@example.de",
                False,
            ),
            (
                "eu_nlp_support",
                "Support NLP",
                "Support ticket triage.",
                "FAILURE",
                "frank.miller@example.com",
                False,
            ),
        ),
    ),
)


def _workspaces(first_id: int, rows: Any) -> list[dict[str, Any]]:
    workspaces = []
    for i, (name, display, description, status, login, standard) in enumerate(rows):
        owner = demopeople.owner(login)
        created = datetime(2024, 6, 3, 1, 15, tzinfo=UTC) + timedelta(days=9 * i, minutes=7 * i)
        record: dict[str, Any] = {
            "WorkspaceId": str(first_id + i),
            "WorkspaceName": name,
            "DisplayName": display,
            "Description": description,
            "Creator": owner["UserId"],
            "Status": status,
            "GmtCreateTime": iso_ms(created),
            "GmtModifiedTime": iso_ms(created + timedelta(days=1, hours=i)),
            "EnvTypes": ["dev", "prod"] if standard else ["prod"],
            "AdminNames": [owner["UserName"]],
            "IsDefault": name.endswith("_default"),
            "ExtraInfos": {"TenantId": TENANT_ID},
            "Owner": owner,
        }
        record["members"] = demopeople.member_entries(record, created, 1 + i % 3, offset=i)
        workspaces.append(record)
    return workspaces


def more_regions() -> dict[str, list[dict[str, Any]]]:
    """Region -> its workspaces (data-file shape, with ``members``)."""
    return {region: _workspaces(first_id, rows) for region, first_id, rows in _MORE}
