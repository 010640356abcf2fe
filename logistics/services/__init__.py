"""Writes of the host committee's data, one module per part of the work: keyword-only
`<noun>_<verb>(*, ..., by=...)` functions that check who is asking, validate (full_clean),
save, record and queue what follows after commit (logistics.queueing, by task name). Views,
the API, the admin, imports, commands and Celery tasks call these and nothing else to
change data.
"""
