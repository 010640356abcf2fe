import pytest

from tests.security.upload_paths import Site


@pytest.fixture
def site(event, cats, outlet, settings, tmp_path):
    """The records the upload paths (upload_paths.py) post to; uploads stored in tmp_path."""
    settings.MEDIA_ROOT = str(tmp_path)
    # Many posts from one test client: the public forms' limit per address is not the
    # subject here.
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "form": "10000/m"}
    return Site(event, outlet)
