"""The region catalogue: every PAI region of SPEC §3, the common five first."""

from __future__ import annotations

from paiws.core.regions import all_regions, console_url, is_known_region, region_name

COMMON = ["cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "ap-southeast-1"]
SPEC_REGIONS = {
    "cn-hangzhou": "China (Hangzhou)",
    "cn-shanghai": "China (Shanghai)",
    "cn-beijing": "China (Beijing)",
    "cn-wulanchabu": "China (Ulanqab)",
    "cn-shenzhen": "China (Shenzhen)",
    "cn-heyuan": "China (Heyuan)",
    "cn-guangzhou": "China (Guangzhou)",
    "cn-hongkong": "China (Hong Kong)",
    "ap-northeast-1": "Japan (Tokyo)",
    "ap-northeast-2": "South Korea (Seoul)",
    "ap-southeast-1": "Singapore",
    "ap-southeast-3": "Malaysia (Kuala Lumpur)",
    "ap-southeast-5": "Indonesia (Jakarta)",
    "us-east-1": "US (Virginia)",
    "us-west-1": "US (Silicon Valley)",
    "eu-central-1": "Germany (Frankfurt)",
}


def test_common_regions_come_first_in_the_seed_order() -> None:
    regions = all_regions()
    assert [r.id for r in regions[:5]] == COMMON
    assert all(r.common for r in regions[:5]) and not any(r.common for r in regions[5:])


def test_catalogue_matches_the_spec() -> None:
    regions = all_regions()
    assert {r.id: r.name for r in regions} == SPEC_REGIONS
    assert len({r.id for r in regions}) == len(regions)


def test_lookups() -> None:
    assert region_name("eu-central-1") == "Germany (Frankfurt)"
    assert region_name("mars-north-1") is None
    assert is_known_region("cn-heyuan") and not is_known_region("CN-HANGZHOU")


def test_console_url_of_a_region_picks_the_site_by_region() -> None:
    assert console_url("cn-hangzhou") == "https://pai.console.aliyun.com/?regionId=cn-hangzhou"
    assert console_url("ap-southeast-1") == (
        "https://pai.console.alibabacloud.com/?regionId=ap-southeast-1"
    )


def test_console_url_of_a_workspace_opens_its_page() -> None:
    assert console_url("cn-shanghai", "100002") == (
        "https://pai.console.aliyun.com/?regionId=cn-shanghai&workspaceId=100002"
        "#/workspace/overview"
    )
    assert console_url("eu-central-1", "42") == (
        "https://pai.console.alibabacloud.com/?regionId=eu-central-1&workspaceId=42"
        "#/workspace/overview"
    )


def test_console_url_quotes_typed_values() -> None:
    assert console_url("x&y#z") == "https://pai.console.alibabacloud.com/?regionId=x%26y%23z"
    assert console_url("cn-a", "1&b=2") == (
        "https://pai.console.aliyun.com/?regionId=cn-a&workspaceId=1%26b%3D2#/workspace/overview"
    )


def test_catalogue_is_cached() -> None:
    assert all_regions() is all_regions()
