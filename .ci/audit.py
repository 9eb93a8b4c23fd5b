"""`make audit`: pip-audit over the locked dependencies; it passes only when every one of them
was checked and none has a known vulnerability.

pip-audit reports "No known vulnerabilities found" even when it could reach no advisory at all
(an offline machine, or a registry mirror without PyPI's JSON API), so this counts the packages
really checked: exit 1 for a known vulnerability, 2 when it could not check them all.
"""

import json
import subprocess
import sys
from pathlib import Path

LOCK = Path(__file__).resolve().parent.parent / "requirements-dev.lock"
command = [
    str(Path(sys.executable).parent / "pip-audit"),
    *("--requirement", str(LOCK), "--require-hashes", "--disable-pip"),
    *("--vulnerability-service", "pypi", "--progress-spinner", "off", "--format", "json"),
]
result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
try:
    packages = json.loads(result.stdout)["dependencies"]
except (json.JSONDecodeError, TypeError, KeyError):
    print(f"pip-audit did not run to the end: nothing was checked.\n{result.stderr.strip()}")
    sys.exit(2)

skipped = [p for p in packages if p.get("skip_reason")]
vulnerable = [p for p in packages if p.get("vulns")]
for package in vulnerable:
    for vuln in package["vulns"]:
        fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed release yet"
        print(f"VULNERABLE {package['name']} {package['version']}: {vuln['id']} (fixed in {fixed})")
checked = len(packages) - len(skipped)
print(f"pip-audit: {checked} of {len(packages)} locked packages checked against PyPI's advisories.")
if skipped:
    print(
        f"AUDIT INCOMPLETE: pip-audit could not check {len(skipped)} of {len(packages)} locked "
        f"packages: the vulnerability database could not be reached for them (e.g. "
        f"{skipped[0]['name']}: {skipped[0]['skip_reason']})."
    )
sys.exit(1 if vulnerable else 2 if skipped else 0)
