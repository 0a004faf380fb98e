"""The PAI region catalogue (assets/regions.json). The region is always the user's choice (R2):
nothing here picks a default."""

from __future__ import annotations

import json
from functools import lru_cache
from urllib.parse import quote

from paiws.core.i18n import _
from paiws.core.views import Region
from paiws.paths import read_asset

# SPEC §3: the China site for mainland-China regions (cn-*), the international site otherwise.
CHINA_CONSOLE = "https://pai.console.aliyun.com/"
INTERNATIONAL_CONSOLE = "https://pai.console.alibabacloud.com/"


@lru_cache(maxsize=1)
def all_regions() -> tuple[Region, ...]:
    """Every PAI region: the seed's common five first (in its order), then the rest as listed."""
    data = json.loads(read_asset("regions.json"))
    common: list[str] = list(data.get("common", []))
    names = {str(entry["id"]): str(entry["name"]) for entry in data["regions"]}
    first = tuple(Region(id=rid, name=names[rid], common=True) for rid in common if rid in names)
    rest = tuple(Region(id=rid, name=name) for rid, name in names.items() if rid not in common)
    return first + rest


@lru_cache(maxsize=1)
def _by_id() -> dict[str, Region]:
    return {region.id: region for region in all_regions()}


def region_name(region_id: str) -> str | None:
    """The catalogue's English name (JSON output, machine interfaces)."""
    region = _by_id().get(region_id)
    return region.name if region else None


def region_label(region_id: str) -> str | None:
    """The name people read, in the interface language (华东1（杭州） in Chinese, as the
    console says it); None for a region outside the catalogue."""
    name = region_name(region_id)
    return _(name) if name else None


def region_title(region_id: str) -> str:
    """The ID with the name beside it, for people: ``cn-hangzhou (China (Hangzhou))``,
    ``cn-hangzhou 华东1（杭州）``; the bare ID for a region outside the catalogue."""
    label = region_label(region_id)
    return _("{id} ({name})").format(id=region_id, name=label) if label else region_id


def is_known_region(region_id: str) -> bool:
    return region_id in _by_id()


def console_site(region: str) -> str:
    """Which PAI console serves ``region``: the China site for ``cn-*``, else international."""
    return CHINA_CONSOLE if region.startswith("cn-") else INTERNATIONAL_CONSOLE


def console_url(region: str, workspace_id: str | None = None) -> str:
    """The one home for PAI console links (SPEC §3): the region's console, or a workspace's
    page ``…/?regionId=<R>&workspaceId=<ID>#/workspace/overview``. Both values are quoted:
    they may be user-typed."""
    url = f"{console_site(region)}?regionId={quote(region, safe='')}"
    if workspace_id:
        url += f"&workspaceId={quote(workspace_id, safe='')}#/workspace/overview"
    return url
