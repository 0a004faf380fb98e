"""A local AIWorkSpace 2021-02-04 emulator (loopback only) for the demo and the tests.

It plays the server: it imports nothing from the client side and keeps its own copy of the
API's rules (``rules``), so a wrong client rule is caught by a refusal here.

Operations (paths, parameters and field names as in the official SDK
``alibabacloud_aiworkspace20210204``): ListProducts, ListWorkspaces, GetWorkspace,
CreateWorkspace, UpdateWorkspace, DeleteWorkspace, ListMembers, GetMember, CreateMember,
DeleteMembers, AddMemberRole, RemoveMemberRole, ListWorkspaceUsers. Both signing schemes (ROA
HMAC-SHA1 of aliyun-python-sdk-core, ACS3-HMAC-SHA256 of the tea SDK), STS tokens, RAM denials
(``paiworkspace:<Operation>``, ``pai:ListProducts``), latency and faults apply to every one.

From the reference (SPEC §3, the API reference pages, the SDK models):
* routes, parameter names, response fields; ``resourceGroupId`` lower-case in list items;
* GetWorkspace returns ``AdminNames`` and ``Owner`` only with ``Verbose=true``; ListWorkspaces
  items always carry ``Creator`` and ``AdminNames``;
* enum values are case-sensitive; booleans ``true``/``True``; PageSize default 20;
* ``100400027`` "Workspace not exists" (404); ``WorkspaceNameAlreadyExists``;
  ``InvalidParameter``, ``Forbidden.RAM`` (403 + AccessDeniedDetail), ``Throttling.User`` /
  ``Throttling`` (400), ``InternalError`` (500), ``ServiceUnavailable`` (503),
  ``InvalidAccessKeyId.NotFound`` (404), ``SignatureDoesNotMatch`` (400, a ``:`` in the
  message), ``InvalidSecurityToken.Expired``;
* user IDs are numeric strings (16 digits here); a MemberId is ``<WorkspaceId>-<UserId>`` (the
  DeleteMembers reference example ``145883-21513926******88039``), so it embeds the UID;
* ``AccountType`` is a string: "1" Alibaba Cloud account, "5" RAM user, "6" RAM role; GetMember
  has no ``AccountName`` (the SDK model has none); CreateMember answers ``Members[] {MemberId,
  UserId, DisplayName, Roles}``; ListWorkspaceUsers lists the account's users that are *not*
  members yet ("users that can be added", reference);
* removing the owner: code ``100600017`` "Owner not allowed to delete" (DeleteMembers
  reference example; the HTTP status 400 is our choice).

The emulator's own choices (the reference is silent):
* ``ServiceNotActivated`` (400) for workspace and member calls where PAI is not activated
  (ListProducts always answers: it is how clients find out); purchase links only with Verbose.
* PageSize is capped at 100 (400 above); a page past the end is empty.
* Fuzzy names: ``WorkspaceName`` is a case-insensitive substring of the name; ListMembers
  ``MemberName`` a case-insensitive substring of MemberName or DisplayName; ListWorkspaceUsers
  ``UserName`` likewise of UserName or DisplayName. ListMembers ``Roles`` matches members with
  *any* listed role; unknown roles are 400 ``InvalidParameter``.
* ListWorkspaceUsers (no paging parameters) answers at most 100 users; ``TotalCount`` counts
  every match, so clients must filter by name.
* Member errors: ``MemberNotFound`` (404) for an unknown MemberId/UserId;
  ``MemberAlreadyExists`` (400) when CreateMember names a member; ``UserNotFound`` (400) for a
  user who is not in the account's pool; ``CannotModifyOwnerRole`` (400) for granting or
  removing ``PAI.WorkspaceOwner``; ``MemberRoleRequired`` (400) for removing a member's last
  role; ``InvalidParameter`` for a malformed body, an unknown role, a repeated user, GetMember
  with neither or both of ``UserId``/``MemberId``, DeleteMembers without ``MemberIds``.
  CreateMember and DeleteMembers are all-or-nothing. AddMemberRole of a role the member has and
  RemoveMemberRole of one it lacks succeed and change nothing. Roles are kept in enum order.
  ``AdminNames`` is workspace data: the demo keeps it equal to the owner plus the members with
  ``PAI.WorkspaceAdmin``, but member changes do not rewrite it.
* ``InvalidSecurityToken.Expired`` is 400 (the public gateway reports client errors as 400);
  an unknown or missing STS token is reported the same way.
* A request that names no region (no ``x-acs-region-id`` header, no ``RegionId`` query — the
  tea SDK pointed at a loopback endpoint sends none) is answered as ``fallback_region``
  (default cn-hangzhou) and logged with ``region_fallback=True``; ``fallback_region=None``
  refuses it with 400 ``MissingRegionId`` (message: send ``x-acs-region-id``).
* ``SignatureDoesNotMatch`` does not echo the string to sign (it contains the STS token).

Demo data (``assets/demo-data.json``, built by ``demodata``; IDs 16-digit numeric):
* cn-hangzhou: 64 workspaces (100001-100064; every status, both modes, CJK names, the default
  workspace ``demo_default`` 100001). 100001 has 1,218 members (owner, an admin, 16 named
  people, 1,200 generated); every other workspace has its owner, its admins and 0-5 people.
* cn-shanghai: 5 (200001-200005). cn-shenzhen: activated, empty. cn-beijing: not activated,
  purchase link. ap-southeast-1: not activated, no permission to purchase.
* cn-wulanchabu: 6 (300001-300006; a default, 2 FAILURE, 1 FROZEN). ap-northeast-1: 4
  (400001-400004; 1 FROZEN). eu-central-1: 3 (500001-500003; 1 DISABLED, 1 FAILURE). Names
  overlap across regions (``recsys``) for find-by-name. Other regions: activated and empty.
* The account's user pool: 1,520 users (4 demo owners, 16 named people with CJK and e-mail
  names, 2 of them RAM roles, and 1,500 generated; ``AccountType`` 1, 5 and 6).

Test controls on ``Emulator`` (besides lifecycle, request log, ``add_key``): per-region and
per-operation faults (``inject_fault(..., region=)``, ``clear_faults(region=)``) and latency
(``set_latency(seconds, region=, operation=)``, ``Emulator(latency=)``), the most requests
answered at once (``in_flight_peak``, ``reset_in_flight_peak``: a client's concurrency as the
server sees it, latency included), STS expiry
(``expire_security_token``, ``expire_tokens``), wrongly typed fields (``corrupt_fields``,
``OMIT``), users and members (``users``, ``add_user``, ``members``, ``add_member``,
``generate_members``).

Modules: ``emulator`` (the public class), ``seeding`` (its data helpers), ``server`` (HTTP,
loopback check), ``dispatch`` (one request end to end), ``routes`` (paths to operations),
``auth`` (signatures, STS, RAM), ``operations`` (workspace calls), ``members`` (member calls),
``params`` (parameter parsing), ``rules`` (the API's rules), ``store`` / ``memberstore``
(state), ``data`` / ``people`` (records, users), ``datafile`` (the data-file format),
``demodata`` / ``demopeople`` (the demo asset), ``faults``, ``corrupt``, ``requestlog``,
``run`` (``paiws emulator``).

The demo key pair ``paiws-demo`` / ``paiws-demo-secret`` is public on purpose: it is not a
secret and opens nothing but this emulator.
"""

from paiws.emulator.auth import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET
from paiws.emulator.corrupt import OMIT
from paiws.emulator.emulator import DEMO_CREATE_DELAY, Emulator
from paiws.emulator.requestlog import LoggedRequest
from paiws.emulator.run import serve_forever_cli

__all__ = [
    "DEMO_ACCESS_KEY_ID",
    "DEMO_ACCESS_KEY_SECRET",
    "DEMO_CREATE_DELAY",
    "OMIT",
    "Emulator",
    "LoggedRequest",
    "serve_forever_cli",
]
