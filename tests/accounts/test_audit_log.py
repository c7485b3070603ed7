from __future__ import annotations

import pytest
from django.db import connection as db_connection
from django.db import transaction

from accounts.audit import record_event
from accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_orm_refuses_to_change_or_remove_an_audit_line(organisation, staff):
    event = record_event(organisation, actor=staff, verb="hide.done", reason="test")
    event.reason = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="rewritten")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).reason == "test"


@pytest.mark.skipif("db_connection.vendor != 'postgresql'")
def test_the_database_refuses_tampering_with_raw_sql(organisation, staff):
    event = record_event(organisation, actor=staff, verb="delete.done", reason="original")
    for statement in (
        "UPDATE accounts_auditevent SET reason = 'rewritten' WHERE id = %s",
        "DELETE FROM accounts_auditevent WHERE id = %s",
    ):
        with pytest.raises(Exception, match="append-only"), transaction.atomic(), db_connection.cursor() as cursor:
            cursor.execute(statement, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).reason == "original"
