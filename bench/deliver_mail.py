"""Bench: `deliver-mail` sends 1,000 queued notifications to a local SMTP server (aiosmtpd) in
under 30 s, and writing the outbox adds under 2 ms to the request that causes it.

    .venv/bin/python bench/deliver_mail.py [--notices 1000]

The second figure times what a referral's sending adds to its transaction: the notices for the
receiving organization's five staff (found, their preferences read, five rows written and
committed), as the median difference against the same transaction without them, in wall-clock
time and in the process's CPU time (which other processes on a busy machine do not inflate)."""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from aiosmtpd.controller import Controller  # noqa: E402

DELIVERY_BUDGET = 30.0
OUTBOX_BUDGET_MS = 2.0


class Counter:
    def __init__(self):
        self.received = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.received += 1
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def queue(count: int) -> None:
    from hh.auth.models import User
    from hh.extensions import db
    from hh.notifications.outbox import notify

    people = [User(email=f"bench{n}@example.org", name=f"Bench Person {n}", role="provider")
              for n in range(50)]
    db.session.add_all(people)
    db.session.flush()
    for n in range(count):
        notify([people[n % len(people)]], "item_assigned", f"An action item was assigned to you ({n})",
               "An action item on the plan “Bench” was assigned to you.", f"/plans/items/{n}")
    db.session.commit()


def bench_referral():
    """A referral to an organization with five staff."""
    from hh.auth.models import User
    from hh.directory.models import Organization
    from hh.extensions import db
    from hh.referrals.models import Referral
    from hh.resources.models import Service

    sender, receiver = Organization(name="Bench Hospital"), Organization(name="Bench Shelter")
    service = Service(organization=receiver, name="Bench beds", accepts_referrals=True)
    db.session.add_all([sender, receiver, service])
    db.session.flush()
    db.session.add_all([User(email=f"staff{n}@example.org", role="provider",
                             organization_id=receiver.id) for n in range(5)])
    referral = Referral(service=service, receiving_organization_id=receiver.id,
                        sender_organization_id=sender.id, person_initials="BX")
    db.session.add(referral)
    db.session.commit()
    return referral


def outbox_cost(referral, rounds: int = 300, clock=time.perf_counter) -> tuple[float, float]:
    """Median milliseconds of a referral-sized transaction without and with its notices (inside
    a request, as when a person sends one)."""
    from hh.extensions import db
    from hh.notifications import events
    from hh.web import audit

    plain, notified = [], []
    from flask import current_app

    with current_app.test_request_context():
        for _ in range(rounds):
            for times, notify in ((plain, False), (notified, True)):
                started = clock()
                audit("bench", "referral", referral.id, actor="bench")
                if notify:
                    events.referral_sent(referral, None)
                db.session.commit()
                times.append((clock() - started) * 1000)
    return statistics.median(plain), statistics.median(notified)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=1000)
    args = parser.parse_args()
    handler, port = Counter(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    os.environ.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=str(port))
    from standalone import bench_app

    app, _, workdir = bench_app("crosswalk-mail-bench-")
    try:
        with app.app_context():
            from hh.notifications.delivery import deliver

            queue(args.notices)
            started, cpu = time.perf_counter(), time.process_time()
            outcome = deliver()
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            referral = bench_referral()
            plain, notified = outbox_cost(referral)
            cpu_plain, cpu_notified = outbox_cost(referral, clock=time.process_time)
    finally:
        controller.stop()
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)
    added = notified - plain
    print(f"deliver-mail: {outcome.sent} mails ({handler.received} received by the SMTP server) "
          f"in {seconds:.1f} s ({outcome.sent / seconds:.0f} per second; {cpu:.1f} s of CPU)")
    print(f"outbox: a referral's transaction takes {plain:.2f} ms without its notices, "
          f"{notified:.2f} ms with five (+{added:.2f} ms; CPU time {cpu_plain:.2f} → "
          f"{cpu_notified:.2f} ms, +{cpu_notified - cpu_plain:.2f} ms)")
    print(f"(load average now: {', '.join(f'{n:.1f}' for n in os.getloadavg())} on "
          f"{os.cpu_count()} CPUs)")
    delivered = seconds < DELIVERY_BUDGET and handler.received == args.notices
    cheap_wall, cheap_cpu = added < OUTBOX_BUDGET_MS, cpu_notified - cpu_plain < OUTBOX_BUDGET_MS
    print(f"Budget: {args.notices} mails under {DELIVERY_BUDGET:.0f} s: "
          f"{'within' if delivered else 'OVER'}; outbox under {OUTBOX_BUDGET_MS:.0f} ms: "
          f"{'within' if cheap_wall else 'OVER'} by the wall clock, "
          f"{'within' if cheap_cpu else 'OVER'} in CPU time")
    ok = delivered and cheap_wall
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
