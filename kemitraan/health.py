"""`/healthz`: whether the database and the Celery broker can be reached."""

from django.db import connection
from django.http import JsonResponse

from .celery import app as celery_app


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


def healthz(request):
    database = _database_ok()
    broker = _broker_ok()
    return JsonResponse({"database": database, "broker": broker}, status=200 if database else 503)
