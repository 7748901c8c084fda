"""Commands and web workers start without the heavy libraries only some pages use.

Every management command runs Django's system checks, which import the URL conf and so
every view and the API; SciPy, Matplotlib, WeasyPrint, python-docx and openpyxl must be
imported only where a statistic, chart, PDF, Word file or workbook is made.
"""

import json
import subprocess
import sys

HEAVY = ("scipy", "matplotlib", "weasyprint", "docx", "openpyxl", "pyxform", "numpy")

PROBE = """
import json, sys, django
django.setup()
import jamlik.urls
from django.core import checks
checks.run_checks()
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] in {heavy})))
"""


def test_it_imports_no_heavy_library_for_the_url_conf_and_checks(tmp_path):
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE.format(heavy=set(HEAVY))],
        env={"DJANGO_SETTINGS_MODULE": "jamlik.settings", "VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout.splitlines()[-1]) == []
