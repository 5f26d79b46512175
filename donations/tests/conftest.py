"""Fixtures of the donations tests: donors and donations, Stripe settings, localstripe.

The donation page and the receipt settings are the root conftest.py's (the browser tests
in tests/ use them too).
"""

import itertools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from donations.tests.stripe_payloads import SECRET

_numbers = itertools.count(1)


@pytest.fixture
def make_donation(db):
    """A donation (and its donor): company or individual, once or monthly."""
    from donations.models import Donation, Donor

    def factory(*, kind="company", frequency="once", amount_cents=15000, donor=None, **fields):
        number = next(_numbers)
        if donor is None:
            details = {
                "kind": kind,
                "email": f"donateur{number}@exemple.fr",
                "address_line1": "12 rue de la Paix",
                "postal_code": "75002",
                "city": "Paris",
            }
            if kind == "company":
                details.update(
                    legal_name=f"Boulangerie Dupont {number}",
                    legal_form="SAS",
                    siret="73282932000074",
                    contact_name="Claire Dupont",
                )
            else:
                details.update(first_name="Jeanne", last_name=f"Martin{number}")
            donor = Donor.objects.create(**details)
        return Donation.objects.create(
            donor=donor, amount_cents=amount_cents, frequency=frequency, **fields
        )

    return factory


@pytest.fixture
def webhook_settings(settings):
    """Webhooks signed with the test secret; no API key, so no call can reach Stripe."""
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""
    settings.STRIPE_API_BASE = ""
    return settings


@pytest.fixture
def receipt_calls(monkeypatch):
    """Record the calls to the receipts module (and still run the real functions)."""
    from donations import receipts

    calls = {"issued": [], "cancelled": []}
    real_issue = receipts.issue_receipt_for_payment
    real_cancel = receipts.cancel_receipts_for_payment

    def issue(payment):
        calls["issued"].append(payment.pk)
        return real_issue(payment)

    def cancel(payment, reason):
        calls["cancelled"].append(payment.pk)
        return real_cancel(payment, reason)

    monkeypatch.setattr(receipts, "issue_receipt_for_payment", issue)
    monkeypatch.setattr(receipts, "cancel_receipts_for_payment", cancel)
    return calls


# ---------------------------------------------------------------------------
# localstripe
# ---------------------------------------------------------------------------

LOCALSTRIPE_KEY = "sk_test_12345"


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url):
    request = urllib.request.Request(  # noqa: S310 - our own local server
        f"{url}/v1/customers", headers={"Authorization": f"Bearer {LOCALSTRIPE_KEY}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310 - local
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


@pytest.fixture(scope="session")
def localstripe():
    """A localstripe server of our own for the whole session; its base URL."""
    executable = Path(sys.executable).parent / "localstripe"
    port = _free_port()
    # --from-scratch: never load the state another instance saved. (localstripe 1.15
    # saves it to /tmp/localstripe.pickle whatever TMPDIR says; nothing reads it back.)
    tmpdir = tempfile.mkdtemp(prefix="localstripe-")
    log = open(Path(tmpdir) / "localstripe.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(  # noqa: S603 - fixed command
        [str(executable), "--port", str(port), "--from-scratch"],
        env={**os.environ, "TMPDIR": tmpdir},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not _answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                raise RuntimeError(
                    "localstripe did not start: " + (Path(tmpdir) / "localstripe.log").read_text()
                )
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()
        shutil.rmtree(tmpdir, ignore_errors=True)


@pytest.fixture
def localstripe_settings(settings, localstripe):
    """The gateway pointed at localstripe, with a fake key and the test webhook secret."""
    settings.STRIPE_SECRET_KEY = LOCALSTRIPE_KEY
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_12345"
    settings.STRIPE_API_BASE = localstripe
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    return settings


def configure_localstripe_webhook(base_url, target_url, *, events=None):
    """Register (or replace) localstripe's webhook "linkedout"."""
    from urllib.parse import urlencode

    fields = [("url", target_url), ("secret", SECRET)]
    for index, event_type in enumerate(events or ()):
        fields.append((f"events[{index}]", event_type))
    request = urllib.request.Request(  # noqa: S310 - our own local server
        f"{base_url}/_config/webhooks/linkedout",
        data=urlencode(fields).encode(),
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - local
        assert response.status == 200


@pytest.fixture
def localstripe_webhook(localstripe, live_server, localstripe_settings):
    """localstripe delivers its signed events to the live test server, during one test."""
    configure_localstripe_webhook(localstripe, f"{live_server.url}/stripe/webhook/")
    yield
    # No delete in localstripe's API: narrow the webhook to an event type that never
    # happens, so later tests (sync_stripe's) really get no deliveries.
    configure_localstripe_webhook(localstripe, live_server.url, events=["linkedout.none"])
