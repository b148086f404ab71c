"""The audit log: filters, CSV export (formula-safe, itself audited), append-only."""
import csv
import io
import re
from datetime import datetime

import pytest
from sqlalchemy import select

from hh.admin.models import AuditEvent, AuditLogIsAppendOnly
from hh.extensions import db
from hh.web import audit


def add_event(action, actor="someone@example.org", at=None, detail=""):
    event = AuditEvent(action=action, actor=actor, object_type="user", object_id="1",
                       remote_addr="127.0.0.1", detail=detail, at=at or datetime(2026, 5, 1, 12))
    db.session.add(event)
    db.session.commit()
    return event


def test_audit_page_filters_by_action_person_and_date(login_as):
    admin = login_as("admin")
    add_event("user_created", actor="ana@example.org", at=datetime(2026, 3, 1, 9))
    add_event("role_changed", actor="ben@example.org", at=datetime(2026, 4, 2, 9))
    add_event("role_changed", actor="ana@example.org", at=datetime(2026, 4, 20, 9))
    everything = admin.get("/admin/audit").get_data(as_text=True)
    assert "ben@example.org" in everything and "user_created" in everything
    text = admin.get("/admin/audit?action=role_changed&actor=ANA").get_data(as_text=True)
    assert "1 event" in text and "2026-04-20" in text and "ben@example.org" not in text
    dated = admin.get("/admin/audit?since=2026-04-01&until=2026-04-02").get_data(as_text=True)
    assert "2026-04-02" in dated and "2026-04-20" not in dated and "2026-03-01" not in dated


def test_audit_filter_returns_only_rows_for_htmx(login_as):
    admin = login_as("admin")
    add_event("user_created")
    response = admin.get("/admin/audit?action=user_created", headers={"HX-Request": "true"})
    text = response.get_data(as_text=True)
    assert "<table>" in text and "<html" not in text and "user_created" in text


def test_audit_csv_is_formula_safe_and_audited(login_as):
    admin = login_as("admin")
    add_event("user_updated", actor="=HYPERLINK(\"http://evil\")", detail="+cmd|' /C calc'!A0")
    response = admin.get("/admin/audit.csv?action=user_updated")
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:3] == ["when_utc", "who", "action"]
    assert len(rows) == 2
    assert rows[1][1].startswith("'=") and rows[1][6].startswith("'+")
    exported = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "audit_exported")).one()
    assert exported.actor == admin.user.email and "action=user_updated" in exported.detail


def test_audit_rows_cannot_be_changed_or_deleted(app):
    event = add_event("sign_in")
    event.detail = "tampered"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.delete(db.session.get(AuditEvent, event.id))
        db.session.commit()
    db.session.rollback()
    assert db.session.get(AuditEvent, event.id).detail == ""


def test_no_route_edits_or_deletes_audit_rows(app):
    for rule in app.url_map.iter_rules():
        if "audit" in rule.rule:
            assert rule.methods <= {"GET", "HEAD", "OPTIONS"}, rule.rule


def test_audit_helper_outside_a_request(app):
    audit("backup_made", "database", detail="nightly")
    db.session.commit()
    event = db.session.scalars(select(AuditEvent)).one()
    assert event.remote_addr == "cli" and event.user_id is None


def test_audit_filter_offers_each_action_in_the_log_once_in_order(login_as):
    admin = login_as("admin")
    for action in ("role_changed", "user_created", "role_changed", "bnl_viewed"):
        add_event(action)
    text = admin.get("/admin/audit").get_data(as_text=True)
    offered = re.findall(r'<option value="([a-z_]+)"', text)
    logged = sorted(set(db.session.scalars(select(AuditEvent.action))))
    assert offered == logged and {"role_changed", "user_created", "bnl_viewed"} <= set(offered)


def test_audit_count_stops_at_its_limit_and_says_so(app, login_as, monkeypatch):
    from hh.admin import services

    admin = login_as("admin")
    for action in ("user_created", "user_created", "role_changed", "role_changed"):
        add_event(action)
    monkeypatch.setattr(services, "AUDIT_COUNT_LIMIT", 3)
    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    text = admin.get("/admin/audit").get_data(as_text=True)
    assert "More than 3 events: the newest 3 are shown" in text and "Page 1 of 2" in text
    narrowed = admin.get("/admin/audit?action=role_changed").get_data(as_text=True)
    assert "2 events" in narrowed and "More than" not in narrowed
