"""deploy/: what an operator copies is checked by the programs that will read it — systemd's unit
checker and nginx's configuration test — and says every variable the settings read."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from deploy.local import Topology, read_env_file
from deploy.render import render

ROOT = Path(settings.BASE_DIR)
DEPLOY = ROOT / "deploy"
UNITS = ["newsroom-web@8001.service", "newsroom-worker.service", "newsroom-prune.service"]
NGINX_VALUES = {
    "APP_SERVERS": "127.0.0.1:8001,127.0.0.1:8002",
    "LISTEN": "127.0.0.1:8080",
    "SERVER_NAME": "news.example.org",
    "STATIC_PAGES": str(DEPLOY / "nginx"),
    "ACCESS_LOG": "/var/log/nginx/newsroom.access.log",
}


def verify_units(folder):
    """systemd-analyze's verdict on the units in `folder`: (exit status, what it printed)."""
    run = subprocess.run(
        ["systemd-analyze", "verify", *UNITS, "newsroom-prune.timer"],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    return run.returncode, (run.stdout + run.stderr).strip()


def units_here(folder, change=None):
    """deploy/systemd's units with /srv/newsroom standing for this checkout (whose .venv holds
    the programs they start), optionally changed by `change(name, text)`."""
    (folder / "env").write_text("DJANGO_DEBUG=0\n")
    for unit in (DEPLOY / "systemd").iterdir():
        text = unit.read_text().replace("/srv/newsroom", str(ROOT))
        text = text.replace("/etc/newsroom/env", str(folder / "env"))
        (folder / unit.name).write_text(change(unit.name, text) if change else text)
    return folder


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="make system-packages")
def test_the_systemd_units_pass_systemd_analyze(tmp_path):
    assert verify_units(units_here(tmp_path)) == (0, "")


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="make system-packages")
def test_systemd_analyze_would_catch_a_mistake(tmp_path):
    def misspell(name, text):
        return text.replace("KillMode=", "KillMod=") if name.startswith("newsroom-web") else text

    _status, said = verify_units(units_here(tmp_path, misspell))
    assert "Unknown key 'KillMod'" in said, said


def test_each_unit_runs_what_the_readme_and_prod_local_run():
    web = (DEPLOY / "systemd" / "newsroom-web@.service").read_text()
    assert "ExecStart=/srv/newsroom/.venv/bin/gunicorn -c gunicorn.conf.py newsroom.wsgi" in web
    assert "Environment=GUNICORN_BIND=127.0.0.1:%i" in web
    worker = (DEPLOY / "systemd" / "newsroom-worker.service").read_text()
    assert "manage.py db_worker" in worker
    prune = (DEPLOY / "systemd" / "newsroom-prune.service").read_text()
    assert "prune_db_task_results" in prune and "remove_orphan_files --delete" in prune


@pytest.mark.skipif(shutil.which("nginx") is None, reason="make system-packages")
def test_nginx_accepts_the_site_as_prod_local_renders_it(tmp_path):
    topology = Topology(run=tmp_path)
    for folder in ("logs", "nginx"):
        (tmp_path / folder).mkdir()
    topology.write_nginx_configuration()
    run = subprocess.run(topology.nginx_command("-t"), capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "syntax is ok" in run.stderr and "[warn]" not in run.stderr, run.stderr
    site = (tmp_path / "nginx" / "newsroom.conf").read_text()
    assert f"server 127.0.0.1:{topology.app_ports[1]} max_fails=1" in site
    assert "proxy_set_header X-Request-ID $request_id;" in site
    assert "$remote_addr" not in site.split("log_format", 1)[1].split(";", 1)[0]  # no addresses


def test_rendering_refuses_a_missing_or_unknown_value():
    site = DEPLOY / "nginx" / "newsroom.conf"
    assert not re.search(r"\$\{[A-Z_]+\}", render(site, NGINX_VALUES))
    with pytest.raises(ValueError, match="no value for LISTEN"):
        render(site, {k: v for k, v in NGINX_VALUES.items() if k != "LISTEN"})
    with pytest.raises(ValueError, match="has no LISTEN_PORT"):
        render(site, NGINX_VALUES | {"LISTEN_PORT": "80"})


def test_env_example_lists_every_variable_the_settings_read():
    read = set()
    for source in (ROOT / "newsroom" / "settings.py", ROOT / "gunicorn.conf.py"):
        read |= set(re.findall(r'\benv(?:_list|_bool)?\("([A-Z0-9_]+)"', source.read_text()))
    read.add("DATABASE_URL")  # read by dj-database-url
    read.discard("SERVED_BY")  # the topology test's and prod-local's only
    assert set(read_env_file(DEPLOY / "env.example")) == read
