"""The lock files: every dependency pinned to one version with its hashes, within pyproject's
ranges, so `pip install --require-hashes` installs exactly what was reviewed."""

import re
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
