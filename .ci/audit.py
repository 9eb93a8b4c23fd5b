"""`make audit`: pip-audit over the locked dependencies, saying plainly what it could not check.

pip-audit reports "No known vulnerabilities found" even when it could reach no advisory at all
(an offline machine, or a registry mirror without PyPI's JSON API); this says how many packages
were really checked, and fails only on a known vulnerability.
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
    report = json.loads(result.stdout)
except json.JSONDecodeError:
    print(f"pip-audit skipped: it did not run to the end.\n{result.stderr.strip()}")
    sys.exit(0)

packages = report["dependencies"]
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
        f"pip-audit skipped {len(skipped)} packages: the vulnerability database could not be "
        f"reached for them (e.g. {skipped[0]['name']}: {skipped[0]['skip_reason']})."
    )
sys.exit(1 if vulnerable else 0)
