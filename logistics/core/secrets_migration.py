"""What the migrations that took the secrets out of clear text run (issue 11): existing links
and webhook secrets encrypted in place with their index computed, and the second-factor
devices django-otp kept in clear (its TOTPDevice, StaticDevice and StaticToken) moved to
Accord's own encrypted ones. Each step has its reverse. Raw SQL: the fields decrypt what
they read, and here the stored values are what counts."""

from logistics.core import crypto

# How the purge marked an emptied link before links were encrypted: no URL reached it.
PURGED_PREFIX = "purged/"


def _quote(schema_editor, *names):
    return [schema_editor.connection.ops.quote_name(name) for name in names]


def encrypt_secrets(schema_editor, table, column, index_column=None):
    """Each clear value of `table.column` encrypted, its index (if any) computed; a purged
    link emptied, with no index."""
    table, quoted, index = _quote(schema_editor, table, column, index_column or column)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {quoted} FROM {table}")
        for pk, value in cursor.fetchall():
            if not value or value.startswith(PURGED_PREFIX):
                value = ""
            assignments, values = [f"{quoted} = %s"], [crypto.encrypt(value)]
            if index_column:
                assignments.append(f"{index} = %s")
                values.append(crypto.secret_index(value))
            cursor.execute(f"UPDATE {table} SET {', '.join(assignments)} WHERE id = %s",
                           [*values, pk])


def decrypt_secrets(schema_editor, table, column, index_column=None):
    """The reverse: clear values again (a purged link as the old purge left it), no index."""
    table, quoted, index = _quote(schema_editor, table, column, index_column or column)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {quoted} FROM {table}")
        for pk, token in cursor.fetchall():
            value = crypto.decrypt(token)
            if value == crypto.UNREADABLE:
                raise RuntimeError(f"{table}.{quoted} of row {pk} opens with none of the "
                                   "configured keys: restore the key before migrating back.")
            if not value and index_column:
                value = f"{PURGED_PREFIX}{pk}"
            assignments, values = [f"{quoted} = %s"], [value]
            if index_column:
                assignments.append(f"{index} = NULL")
            cursor.execute(f"UPDATE {table} SET {', '.join(assignments)} WHERE id = %s",
                           [*values, pk])


# django-otp's tables, left by its otp_totp and otp_static apps (no longer installed).
TOTP_TABLE = "otp_totp_totpdevice"
STATIC_DEVICE_TABLE = "otp_static_staticdevice"
STATIC_TOKEN_TABLE = "otp_static_statictoken"
DEVICE_COLUMNS = ["user_id", "name", "confirmed", "throttling_failure_timestamp",
                  "throttling_failure_count", "created_at", "last_used_at"]
TOTP_COLUMNS = ["step", "t0", "digits", "tolerance", "drift", "last_t"]


def _tables(schema_editor):
    return set(schema_editor.connection.introspection.table_names())


def _rows(cursor, table, columns):
    cursor.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id")
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _create(model, row):
    device = model.objects.create(**row)
    # auto_now_add would date it today; it was enrolled when it was.
    model.objects.filter(pk=device.pk).update(created_at=row["created_at"])


def move_devices_in(apps, schema_editor):
    """django-otp's devices, where its tables are, into Accord's own (the keys and codes
    encrypted); the clear rows deleted. People keep their authenticator and codes."""
    tables = _tables(schema_editor)
    Authenticator = apps.get_model("logistics", "Authenticator")
    RecoveryCodes = apps.get_model("logistics", "RecoveryCodes")
    with schema_editor.connection.cursor() as cursor:
        if TOTP_TABLE in tables:
            for row in _rows(cursor, TOTP_TABLE, [*DEVICE_COLUMNS, *TOTP_COLUMNS, "key"]):
                _create(Authenticator, row)
            cursor.execute(f"DELETE FROM {TOTP_TABLE}")
        if STATIC_DEVICE_TABLE in tables:
            for row in _rows(cursor, STATIC_DEVICE_TABLE, ["id", *DEVICE_COLUMNS]):
                cursor.execute(f"SELECT token FROM {STATIC_TOKEN_TABLE} WHERE device_id = %s "
                               "ORDER BY id", [row.pop("id")])
                codes = " ".join(token for token, in cursor.fetchall())
                _create(RecoveryCodes, {**row, "codes": codes})
            cursor.execute(f"DELETE FROM {STATIC_TOKEN_TABLE}")
            cursor.execute(f"DELETE FROM {STATIC_DEVICE_TABLE}")


def move_devices_out(apps, schema_editor):
    """The reverse, where django-otp's tables still are: the devices back in them."""
    tables = _tables(schema_editor)
    Authenticator = apps.get_model("logistics", "Authenticator")
    RecoveryCodes = apps.get_model("logistics", "RecoveryCodes")
    with schema_editor.connection.cursor() as cursor:
        if TOTP_TABLE in tables:
            columns = [*DEVICE_COLUMNS, *TOTP_COLUMNS, "key"]
            for device in Authenticator.objects.order_by("pk"):
                cursor.execute(f"INSERT INTO {TOTP_TABLE} ({', '.join(columns)}) VALUES "
                               f"({', '.join(['%s'] * len(columns))})",
                               [getattr(device, column) for column in columns])
        if STATIC_DEVICE_TABLE in tables:
            for device in RecoveryCodes.objects.order_by("pk"):
                cursor.execute(f"INSERT INTO {STATIC_DEVICE_TABLE} "
                               f"({', '.join(DEVICE_COLUMNS)}) VALUES "
                               f"({', '.join(['%s'] * len(DEVICE_COLUMNS))})",
                               [getattr(device, column) for column in DEVICE_COLUMNS])
                cursor.execute(f"SELECT MAX(id) FROM {STATIC_DEVICE_TABLE}")
                (device_id,) = cursor.fetchone()
                for code in device.codes.split():
                    cursor.execute(f"INSERT INTO {STATIC_TOKEN_TABLE} (device_id, token) "
                                   "VALUES (%s, %s)", [device_id, code])
