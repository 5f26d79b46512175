"""Benchmark the Stripe webhook: signed events from 10 concurrent senders, 20 % duplicates.

Run from the repository root:

    .venv/bin/python bench/webhook_bench.py [--events 2000] [--senders 10] [--keep]

Steps:
1. drop and recreate the PostgreSQL database ``linkedout_webhook_bench`` and migrate it
   with the production settings (as bench/site_bench.py does, whose helpers are reused);
2. in a Django subprocess, create the donations the events pay: half the payments are
   one-off gifts (one checkout.session.completed each), half are monthly invoices
   (invoice.paid, ten per monthly donation, sent without any checkout.session.completed:
   the donation is found from the invoice's metadata);
3. serve the site with gunicorn (2 workers, production settings, STRIPE_WEBHOOK_SECRET
   set, no API key: nothing can call Stripe) and POST every event, signed as Stripe
   signs them, from 10 sender threads; 20 % of the deliveries are duplicates (the same
   event id re-sent), half of them at the same moment as the original, half later.
   A delivery answered 5xx is sent again, as Stripe would;
4. count the ledger's rows in a Django subprocess and print: deliveries and events per
   second, p50/p95 latency, duplicates sent, and the payments recorded against the
   distinct payments sent.

Exit status: 0 when the payments recorded equal the distinct payments sent (and every
event was processed exactly once), 1 otherwise, 2 if the bench itself could not run.
The database is dropped at the end unless --keep is given.
"""

import argparse
import hashlib
import hmac
import http.client
import json
import os
import queue
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import site_bench  # noqa: E402  (the site bench's helpers: env, run, gunicorn, free port)
from site_bench import OUT, REPO, Gunicorn, bench_env, log, run  # noqa: E402

DB_NAME = "linkedout_webhook_bench"
PG_ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
REDIS_URL = "redis://127.0.0.1:6379/7"  # not the site bench's database 5
MEDIA_ROOT = OUT / "webhook-media"
SECRET = "whsec_bench_" + "0123456789abcdef" * 2
DATA = REPO / "donations" / "tests" / "data"
INVOICES_PER_MONTHLY = 10
API_VERSION = "2026-10-28.endive"


def webhook_env():
    env = bench_env()
    env.update(
        {
            "DATABASE_URL": DATABASE_URL,
            "REDIS_URL": REDIS_URL,
            "MEDIA_ROOT": str(MEDIA_ROOT),
            "STRIPE_WEBHOOK_SECRET": SECRET,
            "STRIPE_SECRET_KEY": "",
            "STRIPE_PUBLISHABLE_KEY": "",
        }
    )
    return env


def database(action):
    import psycopg
    from psycopg import sql

    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as connection:
        name = sql.Identifier(DB_NAME)
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        if action == "create":
            connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
    log(f"database {DB_NAME} {'recreated' if action == 'create' else 'dropped'}")


def flush_redis():
    import redis

    redis.Redis.from_url(REDIS_URL, socket_timeout=5).flushdb()


# ---------------------------------------------------------------------------
# Inside Django (subprocesses)
# ---------------------------------------------------------------------------


def setup_donations(output, one_off, monthly):
    """Create the donors and donations the events will pay; their ids go to `output`."""
    import django

    django.setup()
    from donations.models import Donation, Donor

    donors = Donor.objects.bulk_create(
        [
            Donor(
                kind="company" if index % 2 else "individual",
                email=f"bench{index}@exemple.fr",
                legal_name=f"Entreprise {index}" if index % 2 else "",
                legal_form="SAS" if index % 2 else "",
                siret="73282932000074" if index % 2 else "",
                first_name="" if index % 2 else "Camille",
                last_name="" if index % 2 else f"Bench{index}",
                address_line1=f"{index} rue du Test",
                postal_code="75011",
                city="Paris",
            )
            for index in range(one_off + monthly)
        ]
    )
    donations = Donation.objects.bulk_create(
        [
            Donation(
                donor=donor,
                amount_cents=random.choice([2000, 5000, 10000, 50000]),
                frequency="once" if index < one_off else "monthly",
            )
            for index, donor in enumerate(donors)
        ]
    )
    output.write_text(
        json.dumps(
            [
                {
                    "public_id": str(donation.public_id),
                    "frequency": donation.frequency,
                    "kind": donation.donor.kind,
                    "amount": donation.amount_cents,
                }
                for donation in donations
            ]
        )
    )


def count_ledger(output):
    import django

    django.setup()
    from donations.models import Payment, Receipt, StripeEvent

    output.write_text(
        json.dumps(
            {
                "payments": Payment.objects.count(),
                "succeeded": Payment.objects.succeeded().count(),
                "by_intent": Payment.objects.filter(stripe_payment_intent_id__isnull=False).count(),
                "by_invoice": Payment.objects.filter(stripe_invoice_id__isnull=False).count(),
                "net_total_cents": Payment.objects.net_total_cents(),
                "events": StripeEvent.objects.count(),
                "events_processed": StripeEvent.objects.filter(processed_at__isnull=False).count(),
                "receipts": Receipt.objects.count(),
            }
        )
    )


# ---------------------------------------------------------------------------
# Events, signed as Stripe signs them
# ---------------------------------------------------------------------------


def example(name):
    return json.loads((DATA / f"{name}.json").read_text())


def new_id(prefix):
    return f"{prefix}_bench{uuid.uuid4().hex[:20]}"


def build_events(donations):
    """One event per payment: (payload, amount); payments are keyed by Stripe ids."""
    event_template, session_template = example("event"), example("checkout_session")
    invoice_template = example("invoice")
    now = int(time.time())
    events = []
    for donation in donations:
        metadata = {
            "donation_id": donation["public_id"],
            "frequency": donation["frequency"],
            "donor_kind": donation["kind"],
        }
        if donation["frequency"] == "once":
            session = json.loads(json.dumps(session_template))
            session.update(
                id=new_id("cs"),
                created=now,
                mode="payment",
                status="complete",
                payment_status="paid",
                amount_total=donation["amount"],
                currency="eur",
                client_reference_id=donation["public_id"],
                metadata=metadata,
                customer=new_id("cus"),
                payment_intent=new_id("pi"),
            )
            objects = [("checkout.session.completed", session)]
        else:
            subscription_id = new_id("sub")
            objects = []
            for month in range(INVOICES_PER_MONTHLY):
                invoice = json.loads(json.dumps(invoice_template))
                invoice.update(
                    id=new_id("in"),
                    created=now,
                    customer=new_id("cus") if month == 0 else objects[0][1]["customer"],
                    currency="eur",
                    amount_due=donation["amount"],
                    amount_paid=donation["amount"],
                    status="paid",
                    billing_reason="subscription_cycle",
                    parent={
                        "type": "subscription_details",
                        "subscription_details": {
                            "subscription": subscription_id,
                            "metadata": metadata,
                        },
                    },
                )
                invoice["status_transitions"]["paid_at"] = now - (month * 30 * 86400)
                objects.append(("invoice.paid", invoice))
        for event_type, obj in objects:
            payload = dict(event_template)
            payload.update(
                id=new_id("evt"),
                type=event_type,
                created=now,
                api_version=API_VERSION,
                data={"object": obj},
            )
            events.append(json.dumps(payload).encode())
    return events


def sign(body):
    timestamp = int(time.time())
    digest = hmac.new(SECRET.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


class Sender:
    """POSTs deliveries and keeps (latency, status, answer) for each."""

    def __init__(self, port):
        self.port = port
        self.lock = threading.Lock()
        self.results = []
        self.retries = 0

    def deliver(self, body):
        for attempt in range(5):
            started = time.monotonic()
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                connection.request(
                    "POST",
                    "/stripe/webhook/",
                    body=body,
                    headers={"Content-Type": "application/json", "Stripe-Signature": sign(body)},
                )
                response = connection.getresponse()
                answer = response.read()
                status = response.status
            except OSError as error:
                status, answer = 0, str(error).encode()
            finally:
                connection.close()
            elapsed = time.monotonic() - started
            try:
                outcome = json.loads(answer).get("status", "")
            except ValueError:
                outcome = answer[:80].decode(errors="replace")
            with self.lock:
                self.results.append((elapsed, status, outcome))
                if status != 200:
                    self.retries += 1
            if status == 200:
                return
            time.sleep(0.2 * (attempt + 1))  # Stripe retries later, with backoff

    def deliver_pair(self, body):
        """The same event twice at the same moment (two connections, released together)."""
        barrier = threading.Barrier(2)

        def twin():
            barrier.wait()
            self.deliver(body)

        helper = threading.Thread(target=twin)
        helper.start()
        barrier.wait()
        self.deliver(body)
        helper.join()


def plan_deliveries(events, duplicate_share, rng):
    """Work items: ("one", body) or ("pair", body); `duplicate_share` of all deliveries
    are duplicates, half sent with the original at the same moment, half later."""
    duplicates = round(len(events) * duplicate_share / (1 - duplicate_share))
    chosen = rng.sample(range(len(events)), duplicates)
    simultaneous = set(chosen[: duplicates // 2])
    later = chosen[duplicates // 2 :]
    items = [
        ("pair" if index in simultaneous else "one", body) for index, body in enumerate(events)
    ]
    rng.shuffle(items)
    position = {id(body): index for index, (_kind, body) in enumerate(items)}
    for index in later:
        body = events[index]
        # Re-sent somewhere after the original (a Stripe retry, or an at-least-once resend).
        items.insert(rng.randint(position[id(body)] + 1, len(items)), ("one", body))
        position = {id(b): i for i, (_k, b) in enumerate(items)}
    return items, duplicates, len(simultaneous)


def send_all(port, items, senders):
    sender = Sender(port)
    work = queue.Queue()
    for item in items:
        work.put(item)

    def worker():
        while True:
            try:
                kind, body = work.get_nowait()
            except queue.Empty:
                return
            if kind == "pair":
                sender.deliver_pair(body)
            else:
                sender.deliver(body)

    threads = [threading.Thread(target=worker) for _ in range(senders)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sender, time.monotonic() - started


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


# ---------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=2000, help="distinct payments (events)")
    parser.add_argument("--senders", type=int, default=10, help="concurrent senders")
    parser.add_argument("--duplicates", type=float, default=0.2, help="share of duplicates")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--seed", type=int, default=4, help="random seed of the plan")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--internal-setup", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--internal-count", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--one-off", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--monthly", type=int, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if args.internal_setup:
        setup_donations(args.internal_setup, args.one_off, args.monthly)
        return 0
    if args.internal_count:
        count_ledger(args.internal_count)
        return 0

    OUT.mkdir(parents=True, exist_ok=True)
    MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    site_bench.GUNICORN_LOG = OUT / "webhook-gunicorn.log"
    env = webhook_env()
    monthly = max(1, (args.events // 2) // INVOICES_PER_MONTHLY)
    one_off = args.events - monthly * INVOICES_PER_MONTHLY
    donations_file = OUT / "webhook-donations.json"
    counts_file = OUT / "webhook-counts.json"
    script = Path(__file__).resolve()
    rng = random.Random(args.seed)
    server = None
    try:
        database("create")
        flush_redis()
        run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], env, timeout=900)
        run(
            [
                sys.executable,
                script,
                "--internal-setup",
                donations_file,
                "--one-off",
                one_off,
                "--monthly",
                monthly,
            ],
            env,
            timeout=600,
        )
        donations = json.loads(donations_file.read_text())
        events = build_events(donations)
        items, duplicates, simultaneous = plan_deliveries(events, args.duplicates, rng)
        log(
            f"{len(events)} distinct events ({one_off} checkout.session.completed, "
            f"{monthly * INVOICES_PER_MONTHLY} invoice.paid for {monthly} monthly donations), "
            f"{duplicates} duplicates ({simultaneous} at the same moment)"
        )
        server = Gunicorn(env, args.workers)
        server.start()
        log(f"sending from {args.senders} senders (load average {os.getloadavg()[0]:.2f})")
        sender, elapsed = send_all(server.port, items, args.senders)
        server.stop()
        server = None
        run([sys.executable, script, "--internal-count", counts_file], env, timeout=300)
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as error:
        log(f"bench could not run: {error}")
        return 2
    finally:
        if server is not None:
            server.stop()
        if not args.keep:
            try:
                database("drop")
            except Exception as error:  # noqa: BLE001 - report, never mask the result
                log(f"could not drop {DB_NAME}: {error}")

    counts = json.loads(counts_file.read_text())
    ok = [result for result in sender.results if result[1] == 200]
    outcomes = {}
    for _elapsed, _status, outcome in ok:
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    latencies = [result[0] * 1000 for result in sender.results]
    deliveries = len(events) + duplicates
    expected_cents = sum(
        donation["amount"] * (1 if donation["frequency"] == "once" else INVOICES_PER_MONTHLY)
        for donation in donations
    )
    print()
    print(
        "Stripe webhook bench (PostgreSQL, gunicorn "
        f"{args.workers} workers, {args.senders} concurrent senders)"
    )
    print(f"  distinct events / payments sent : {len(events)}")
    print(
        f"  duplicates sent                 : {duplicates} "
        f"({duplicates / deliveries:.0%} of {deliveries} deliveries; "
        f"{simultaneous} at the same moment)"
    )
    print(
        f"  answers                         : {outcomes}; "
        f"{sender.retries} non-200 answer(s) re-sent"
    )
    print(f"  wall time                       : {elapsed:.1f} s")
    print(f"  deliveries per second           : {len(sender.results) / elapsed:.1f}")
    print(f"  distinct events processed /s    : {len(events) / elapsed:.1f}")
    print(
        f"  latency p50 / p95 / max         : {statistics.median(latencies):.0f} ms / "
        f"{percentile(latencies, 0.95):.0f} ms / {max(latencies):.0f} ms"
    )
    print(
        f"  StripeEvent rows                : {counts['events']} "
        f"({counts['events_processed']} processed)"
    )
    print(
        f"  payments recorded               : {counts['payments']} "
        f"({counts['by_intent']} one-off, {counts['by_invoice']} monthly invoices; "
        f"{counts['succeeded']} succeeded)"
    )
    print(f"  distinct payments sent          : {len(events)}")
    print(
        f"  net total recorded / sent       : {counts['net_total_cents'] / 100:.2f} € / "
        f"{expected_cents / 100:.2f} €"
    )
    print(f"  receipts issued                 : {counts['receipts']}")
    good = (
        counts["payments"] == len(events)
        and counts["succeeded"] == len(events)
        and counts["net_total_cents"] == expected_cents
        and counts["events_processed"] == len(events)
        and outcomes.get("processed", 0) == len(events)
    )
    print(
        f"\n{'OK' if good else 'MISMATCH'}: payments recorded "
        f"{'==' if counts['payments'] == len(events) else '!='} distinct payments sent"
    )
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
