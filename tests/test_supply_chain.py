"""The lock files: every dependency pinned to one version with its hashes, within pyproject's
ranges, so `pip install --require-hashes` installs exactly what was reviewed; and `make audit`,
which fails unless every one of them was checked against the advisories."""

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;]+)")


def locked(name):
    """{package: (version, [hashes])} from a lock file written by `make lock`."""
    packages, current = {}, None
    for line in (ROOT / name).read_text().splitlines():
        if match := PIN.match(line):
            current = canonicalize_name(match[1])
            packages[current] = (match[2], [])
        elif current and (found := re.search(r"--hash=sha256:([0-9a-f]{64})", line)):
            packages[current][1].append(found[1])
        elif not line.startswith(" "):
            current = None
    return packages


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [
        ("requirements.lock", PROJECT["dependencies"]),
        (
            "requirements-dev.lock",
            PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dev"],
        ),
    ],
)
def test_every_dependency_is_locked_within_its_range_with_hashes(lock, requirements):
    packages = locked(lock)
    assert len(packages) > len(requirements)  # their own dependencies are pinned too
    for text in requirements:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in packages, f"{name} is missing from {lock}: run `make lock`"
        version, _hashes = packages[name]
        assert requirement.specifier.contains(version, prereleases=True), (name, version)
    unhashed = [name for name, (_version, hashes) in packages.items() if not hashes]
    assert unhashed == []


def test_production_lock_holds_no_test_tool():
    production = locked("requirements.lock")
    for text in PROJECT["optional-dependencies"]["dev"]:
        assert canonicalize_name(Requirement(text).name) not in production


# --- make audit -----------------------------------------------------------------------------

CHECKED = {"name": "django", "version": "5.2.19", "vulns": []}
UNREACHED = {"name": "nh3", "version": "0.3.8", "skip_reason": "Connection refused"}
VULNERABLE = {
    "name": "pillow",
    "version": "1.0",
    "vulns": [{"id": "PYSEC-0000-1", "fix_versions": ["2.0"]}],
}


def run_audit(tmp_path, pip_audit_says, pip_audit_exits=0):
    """.ci/audit.py as `make audit` runs it, with a pip-audit that prints `pip_audit_says`: it
    runs the pip-audit beside its Python, so that Python is linked into a folder of fakes."""
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "python").symlink_to(sys.executable)
    (tmp_path / "report").write_text(pip_audit_says)
    fake = folder / "pip-audit"
    fake.write_text(
        f"#!/bin/sh\ncat '{tmp_path / 'report'}'\necho offline >&2\nexit {pip_audit_exits}\n"
    )
    fake.chmod(0o755)
    return subprocess.run(
        [folder / "python", ROOT / ".ci" / "audit.py"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def report(*packages):
    return json.dumps({"dependencies": list(packages), "fixes": []})


@pytest.mark.parametrize(
    ("pip_audit_says", "pip_audit_exits", "status", "message"),
    [
        (report(CHECKED), 0, 0, "1 of 1 locked packages checked"),
        (report(CHECKED, VULNERABLE), 1, 1, "VULNERABLE pillow 1.0: PYSEC-0000-1 (fixed in 2.0)"),
        (report(CHECKED, UNREACHED), 0, 2, "could not check 1 of 2 locked packages"),
        ("", 1, 2, "pip-audit did not run to the end"),
        ('{"error": "mirror without a JSON API"}', 0, 2, "pip-audit did not run to the end"),
    ],
    ids=["clean", "vulnerable", "packages not checked", "no report", "not a report"],
)
def test_make_audit_fails_unless_every_locked_package_was_checked(
    tmp_path, pip_audit_says, pip_audit_exits, status, message
):
    result = run_audit(tmp_path, pip_audit_says, pip_audit_exits)
    assert result.returncode == status, result.stdout + result.stderr
    assert message in result.stdout
