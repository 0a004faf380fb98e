"""Printers for `paiws regions`, `activation` and `limits`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from paiws.core.error_report import ADMIN_ADVICE, UNEXPECTED_LINK
from paiws.core.i18n import N_, _
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
        (N_("Region ID"), N_("Name"), N_("Common")),
        ((r.id, _(r.name), _("yes") if r.common else "") for r in regions),
    )


def print_activation(state: ActivationState, fmt: str, stream: TextIO) -> None:
    from paiws.core.regions import region_name, region_title

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
    where = region_title(state.region)
    if state.activated:
        stream.write(_("PAI is activated in {region}.").format(region=clean(where)) + "\n")
        return
    stream.write(
        _("PAI is not activated in {region}: workspace commands are blocked there.").format(
            region=clean(where)
        )
        + "\n"
    )
    check_again = _("Then check again: paiws activation --region {region}").format(
        region=clean(state.region)
    )
    if state.status == "purchasable" and state.purchase_url:
        url = clean(state.purchase_url)
        stream.write(
            _("Activate it here (your account may purchase it): {url}").format(url=url) + "\n"
        )
        stream.write(check_again + "\n")
    elif state.status == "purchasable":
        stream.write(f"{_(UNEXPECTED_LINK)} {clean(console_url(state.region))}\n")
        stream.write(check_again + "\n")
    else:
        stream.write(_(ADMIN_ADVICE) + "\n")


def print_limits(limits: ResourceLimits, fmt: str, stream: TextIO) -> None:
    if fmt == "json":
        write_json({"Region": limits.region, "Limits": dict(limits.items)}, stream)
        return
    if not limits.items:
        stream.write(
            _("No resource limits reported for {region}.").format(region=clean(limits.region))
            + "\n"
        )
        return
    print_table(stream, (N_("Resource Type"), N_("Limit")), ((k, str(v)) for k, v in limits.items))
