"""What every part of the work shares: the event, roles and permissions, errors, encrypted
fields, uploads, the audit trail, the Celery queue helper, the mail module and its outbox,
spreadsheets, the API's base classes and the views' helpers. It imports no part."""
