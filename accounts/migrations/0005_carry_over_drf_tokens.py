"""Keys made by DRF's authtoken (one per user, never expiring) become ApiTokens that expire like new
ones, so clients keep working until then; the plain keys are then removed from the old table."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone

OLD_TABLE = "authtoken_token"


def carry_over(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("accounts", "ApiToken")
    User = apps.get_model("accounts", "User")
    table = connection.ops.quote_name(OLD_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id FROM {table}")  # noqa: S608 (a fixed table name)
        rows = cursor.fetchall()
    now = timezone.now()
    expires = now + timedelta(days=getattr(settings, "API_TOKEN_TTL_DAYS", 90))
    passwords = dict(User.objects.filter(pk__in=[user_id for _key, user_id in rows]).values_list("pk", "password"))
    ApiToken.objects.bulk_create(
        ApiToken(
            user_id=user_id,
            name="Token lama",
            key_hash=hashlib.sha256(key.encode()).hexdigest(),
            prefix=key[:8],
            password_stamp=hashlib.sha256(passwords[user_id].encode()).hexdigest(),
            created_at=now,
            expires_at=expires,
        )
        for key, user_id in rows
        if user_id in passwords
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_api_tokens")]

    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
