import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

PO_FILE = Path(settings.BASE_DIR) / "locale" / "ar" / "LC_MESSAGES" / "django.po"


@pytest.mark.slow  # runs msgfmt
@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext's msgfmt is not installed")
def test_arabic_catalogue_compiles_with_no_untranslated_or_fuzzy_entry():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr
    assert "translated message" in result.stderr
