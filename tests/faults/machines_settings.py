"""The settings of the web servers of test_several_machines.py: the test settings, with the
public forms' limit low enough to reach (the suite's own is out of the way)."""

from config.test_settings import *  # noqa: F403
from config.test_settings import PUBLIC_RATE_LIMITS

PUBLIC_RATE_LIMITS = {**PUBLIC_RATE_LIMITS, "form": "3/d"}
