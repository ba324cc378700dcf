"""PostgreSQL for the suite: Django's backend, with a flush that deletes rows instead of truncating.

After each transactional test (live server, real workers, browser journeys) Django empties every table
with one TRUNCATE of all of them (117) and then recreates the content types and permissions. TRUNCATE
gives each table and index a new file, which PostgreSQL creates, logs and syncs: about 2 s per test on
this machine, for tables that hold a few dozen rows. Here the flush is one statement that deletes the
rows, server-side, in one transaction: the foreign keys Django creates are DEFERRABLE INITIALLY
DEFERRED, so the order of the tables does not matter and the constraints are checked, against empty
tables, at commit. Content types and permissions are left as the migrations made them (post_migrate
would only write the same rows again). Sequences are reset only when a test asks for it
(`reset_sequences`), and then as Django does.

At the end of a run the test database is dropped WITH (FORCE): a live server's thread or a subprocess
may still hold a connection to it, and a plain DROP then fails and leaves the database on the server.
"""

from django.db.backends.postgresql import base, creation, operations

KEPT = frozenset({"django_content_type", "auth_permission"})


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences:
            return super().sql_flush(style, tables, reset_sequences=True, allow_cascade=allow_cascade)
        emptied = sorted(set(tables) - KEPT)
        if not emptied:
            return []
        names = ", ".join("'" + table.replace("'", "''") + "'" for table in emptied)
        return [
            "DO $$ DECLARE t text; BEGIN SET CONSTRAINTS ALL DEFERRED; "
            f"FOREACH t IN ARRAY ARRAY[{names}] LOOP EXECUTE format('DELETE FROM %I', t); END LOOP; END $$;"
        ]


class DatabaseCreation(creation.DatabaseCreation):
    def _destroy_test_db(self, test_database_name, verbosity):
        with self._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE {self.connection.ops.quote_name(test_database_name)} WITH (FORCE)")


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
    creation_class = DatabaseCreation
