"""Make the audit table append-only on PostgreSQL: a trigger refuses UPDATE and DELETE.

SQLite (the embedded default, for development) has no such guard; the application never
changes or deletes events either way. TRUNCATE (used by test-database flushes and a
deliberate restore) is not refused.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION people_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % of people_auditevent refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER people_auditevent_append_only
    BEFORE UPDATE OR DELETE ON people_auditevent
    FOR EACH ROW EXECUTE FUNCTION people_auditevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS people_auditevent_append_only ON people_auditevent;
DROP FUNCTION IF EXISTS people_auditevent_append_only();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("people", "0003_auditevent_username")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
