"""The web process freezes what it loaded (config/process.py): a full garbage collection
then skips Django's own objects, which made every few requests 100 ms slower."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PROBE = """
import gc
import config.wsgi
import logistics.programme.views.office  # loaded by the URL patterns before the freeze
frozen = gc.get_freeze_count()
print(frozen, len(gc.get_objects(generation=2)))
"""


def test_the_wsgi_application_freezes_the_loaded_views():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings"}
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120, check=True)
    frozen, collectable = (int(n) for n in result.stdout.split())
    # What the collector still walks in a full collection is a small part of what is loaded.
    assert frozen > 50_000
    assert collectable < frozen / 10
