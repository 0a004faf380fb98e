"""Printers for `paiws regions`, `activation` and `limits`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from paiws.core.error_report import ADMIN_ADVICE, UNEXPECTED_LINK
from paiws.core.regions import console_url
from paiws.core.views import ActivationState, Region, ResourceLimits
from paiws.output.render import clean, print_table, write_json


def print_regions(regions: Sequence[Region], fmt: str, stream: TextIO) -> None:
    if fmt == "json":
        write_json(
            [{"Region ID": r.id, "Name": r.name, "Common": r.common} for r in regions], stream
        )
        return
    print_table(
        stream,
        ("Region ID", "Name", "Common"),
        ((r.id, r.name, "yes" if r.common else "") for r in regions),
    )


def print_activation(state: ActivationState, fmt: str, stream: TextIO) -> None:
    from paiws.core.regions import region_name

    name = region_name(state.region)
    if fmt == "json":
        write_json(
            {
                "Region": state.region,
                "Region Name": name,
                "Activated": state.activated,
                "Status": state.status,
                "Purchase URL": state.purchase_url,
            },
            stream,
        )
        return
    where = f"{state.region} ({name})" if name else state.region
    if state.activated:
        stream.write(f"PAI is activated in {clean(where)}.\n")
        return
    stream.write(f"PAI is not activated in {clean(where)}: workspace commands are blocked there.\n")
    if state.status == "purchasable" and state.purchase_url:
        url = clean(state.purchase_url)
        stream.write(f"Activate it here (your account may purchase it): {url}\n")
        stream.write(f"Then check again: paiws activation --region {clean(state.region)}\n")
    elif state.status == "purchasable":
        stream.write(f"{UNEXPECTED_LINK} {clean(console_url(state.region))}\n")
        stream.write(f"Then check again: paiws activation --region {clean(state.region)}\n")
    else:
        stream.write(ADMIN_ADVICE + "\n")


def print_limits(limits: ResourceLimits, fmt: str, stream: TextIO) -> None:
    if fmt == "json":
        write_json({"Region": limits.region, "Limits": dict(limits.items)}, stream)
        return
    if not limits.items:
        stream.write(f"No resource limits reported for {clean(limits.region)}.\n")
        return
    print_table(stream, ("Resource Type", "Limit"), ((k, str(v)) for k, v in limits.items))
