"""R12: the least-privilege RAM policy to show (and copy) for a refused action.

Workspace actions get ``assets/ram-policy.json`` (create, browse, update, delete); member
actions get ``assets/ram-policy-members.json`` (list, add, change roles, remove, find people,
plus the GetWorkspace and ListProducts those flows start with). One function decides, so the
CLI and the TUI always offer the same policy for the same failure.
"""

from __future__ import annotations

from paiws.paths import read_asset

WORKSPACE_POLICY = "ram-policy.json"
MEMBERS_POLICY = "ram-policy-members.json"
MEMBER_ACTIONS = frozenset(
    {
        "paiworkspace:ListMembers",
        "paiworkspace:GetMember",
        "paiworkspace:CreateMember",
        "paiworkspace:DeleteMembers",
        "paiworkspace:AddMemberRole",
        "paiworkspace:RemoveMemberRole",
        "paiworkspace:ListWorkspaceUsers",
    }
)


def policy_for(action: str) -> str:
    """The policy JSON that allows ``action`` (a RAM action such as
    ``paiworkspace:CreateMember``)."""
    return read_asset(MEMBERS_POLICY if action in MEMBER_ACTIONS else WORKSPACE_POLICY)
