"""A local AIWorkSpace 2021-02-04 emulator (loopback only) for the demo and the tests.

Modules: ``emulator`` (the public Emulator class), ``server`` (HTTP plumbing, loopback check),
``dispatch`` (routing, auth, faults, log per request), ``auth`` (ROA v1 HMAC-SHA1,
ACS3-HMAC-SHA256, STS, RAM), ``operations`` (the six API operations), ``params`` (parameter
validation), ``store`` (thread-safe state), ``data`` (records, fake users, data files),
``demodata`` (builds assets/demo-data.json), ``faults``, ``requestlog``, ``run`` (CLI serving).

The demo key pair ``paiws-demo`` / ``paiws-demo-secret`` is public on purpose: it is not a
secret and opens nothing but this emulator.
"""

from paiws.emulator.auth import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET
from paiws.emulator.emulator import DEMO_CREATE_DELAY, Emulator
from paiws.emulator.requestlog import LoggedRequest
from paiws.emulator.run import serve_forever_cli

__all__ = [
    "DEMO_ACCESS_KEY_ID",
    "DEMO_ACCESS_KEY_SECRET",
    "DEMO_CREATE_DELAY",
    "Emulator",
    "LoggedRequest",
    "serve_forever_cli",
]
