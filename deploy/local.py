"""`make prod-local`: the production topology on this machine, to try it as an operator would.

nginx (deploy/nginx/newsroom.conf, rendered) on 127.0.0.1:8080 in front of two gunicorn servers
(gunicorn.conf.py, as deploy/systemd/newsroom-web@.service runs them) on 8001 and 8002, the email
worker, PostgreSQL (database newsroom_prod_local) and Redis (database 2) — the services already
running on the machine. Production settings: deploy/env.example with this machine's values over
it (DEBUG off, the proxy's address the only trusted proxy, emails written to files). What it
makes (secret key, media, collected static files, emails, logs) is kept in .prod-local/.

tests/test_topology.py starts the same `Topology`, on ports and databases of its own.
"""

import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from deploy.render import render

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PYTHON = sys.executable
OPERATOR = "operator"

NGINX_MAIN = """# Written by deploy/local.py: nginx's own settings for a run in {run}; the site is
# deploy/nginx/newsroom.conf.
{user}
worker_processes 1;
pid {run}/nginx.pid;
error_log stderr;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {run}/nginx/body;
    proxy_temp_path {run}/nginx/proxy;
    fastcgi_temp_path {run}/nginx/fastcgi;
    uwsgi_temp_path {run}/nginx/uwsgi;
    scgi_temp_path {run}/nginx/scgi;
    include {run}/nginx/newsroom.conf;
}}
"""


def read_env_file(path):
    """NAME=value lines (comments and blank lines skipped), as systemd's EnvironmentFile reads
    them."""
    values = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            values[name.strip()] = value.strip()
    return values


def answers(url, timeout=1.0):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


class Process:
    """One named process of the topology, its output kept in logs/<name>.log (and echoed)."""

    def __init__(self, name, command, env, log_folder, echo):
        self.name, self.command, self.env = name, command, env
        self.log_path = log_folder / f"{name}.log"
        self.echo, self.popen = echo, None

    def start(self):
        self.popen = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped or killed whole
        )
        threading.Thread(target=self._copy_output, args=(self.popen,), daemon=True).start()

    def _copy_output(self, popen):
        with popen.stdout, self.log_path.open("ab") as log:
            for line in popen.stdout:
                log.write(line)
                log.flush()
                if self.echo:
                    sys.stdout.write(f"{self.name:>7} | {line.decode(errors='replace')}")

    @property
    def running(self):
        return self.popen is not None and self.popen.poll() is None

    def signal(self, number):
        if self.running:
            os.killpg(self.popen.pid, number)

    def stop(self, timeout=45):
        """SIGTERM, then wait: gunicorn lets requests under way finish (graceful_timeout)."""
        self.signal(signal.SIGTERM)
        if self.popen is not None:
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.signal(signal.SIGKILL)
                self.popen.wait()

    def kill(self):
        """SIGKILL to the whole process group: a server lost mid-request."""
        self.signal(signal.SIGKILL)
        if self.popen is not None:
            self.popen.wait()


@dataclass
class Topology:
    run: Path = ROOT / ".prod-local"
    port: int = 8080
    app_ports: tuple = (8001, 8002)
    database: str = "newsroom_prod_local"
    redis_url: str = "redis://127.0.0.1:6379/2"
    postgres: str = "postgres://postgres@127.0.0.1:5432"
    settings: dict = field(default_factory=dict)  # more variables, over the others
    echo: bool = False
    processes: dict = field(default_factory=dict)

    @property
    def url(self):
        return f"http://localhost:{self.port}"

    def app_names(self):
        return [f"app{number}" for number in range(1, len(self.app_ports) + 1)]

    # --- Settings --------------------------------------------------------------------------
    def secret_key(self):
        path = self.run / "secret-key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()

    def environment(self):
        """deploy/env.example, as production reads it, with this machine's values over it."""
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        env |= read_env_file(DEPLOY / "env.example")
        env |= {
            "DJANGO_DEBUG": "0",
            "SECRET_KEY": self.secret_key(),
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "SITE_URL": self.url,
            "ALLOW_LOCAL_SITE_URL": "1",
            "CSRF_TRUSTED_ORIGINS": self.url,
            "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback: no certificate here
            "SECURE_HSTS_SECONDS": "0",
            "TRUSTED_PROXIES": "127.0.0.1",  # nginx, and nothing else
            "DATABASE_URL": f"{self.postgres}/{self.database}",
            "REDIS_URL": self.redis_url,
            "MEDIA_ROOT": str(self.run / "media"),
            "STATIC_ROOT": str(self.run / "static"),
            "EMAIL_URL": f"file://{self.run / 'mail'}",
            "ADMIN_URL": "admin/",
            "WEB_CONCURRENCY": "2",
            "LOG_FORMAT": "text",
        }
        return env | self.settings

    def manage(self, *args, **kwargs):
        kwargs.setdefault("check", True)
        return subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.environment(), **kwargs
        )

    # --- Preparing -------------------------------------------------------------------------
    def prepare(self, demo=True):
        """The folders, the database (created when missing, migrated), static files, nginx's
        configuration and the operator's account; the demo content on an empty database."""
        for folder in ("media", "static", "mail", "logs", "nginx"):
            (self.run / folder).mkdir(parents=True, exist_ok=True)
        for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.run / "nginx" / folder).mkdir(exist_ok=True)
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", self.database],
            capture_output=True,  # "already exists" is fine
        )
        self.manage("migrate", "--verbosity", "0")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        if demo:
            self.manage("load_demo_content")
        self.write_nginx_configuration()

    def write_nginx_configuration(self):
        site = render(
            DEPLOY / "nginx" / "newsroom.conf",
            {
                "APP_SERVERS": ",".join(f"127.0.0.1:{port}" for port in self.app_ports),
                "LISTEN": f"127.0.0.1:{self.port}",
                "SERVER_NAME": "localhost",
                "STATIC_PAGES": str(DEPLOY / "nginx"),
                "ACCESS_LOG": str(self.run / "logs" / "nginx-access.log"),
            },
        )
        (self.run / "nginx" / "newsroom.conf").write_text(site)
        user = "user root;" if os.geteuid() == 0 else ""  # its workers then read the checkout
        (self.run / "nginx" / "nginx.conf").write_text(NGINX_MAIN.format(run=self.run, user=user))

    def nginx_command(self, *extra):
        conf = self.run / "nginx" / "nginx.conf"
        return ["nginx", "-p", str(self.run / "nginx"), "-c", str(conf), "-e", "stderr", *extra]

    def operator_password(self):
        """The password of the `operator` superuser, made on the first run and kept in .run."""
        path = self.run / "operator-password"
        if not path.exists():
            password = secrets.token_urlsafe(12)
            self.manage(
                "shell",
                "--no-imports",
                "-c",
                "from django.contrib.auth import get_user_model; import sys; "
                "User = get_user_model(); "
                f"user = User.objects.filter(username='{OPERATOR}').first() "
                f"or User(username='{OPERATOR}', is_staff=True, is_superuser=True); "
                "user.set_password(sys.stdin.read()); user.save()",
                input=password,
                text=True,
            )
            path.write_text(password)
            path.chmod(0o600)
        return path.read_text().strip()

    # --- Running ---------------------------------------------------------------------------
    def define(self):
        env = self.environment()
        logs = self.run / "logs"
        for name, port in zip(self.app_names(), self.app_ports, strict=True):
            command = [str(Path(PYTHON).with_name("gunicorn")), "-c", "gunicorn.conf.py"]
            self.processes[name] = Process(
                name,
                [*command, "newsroom.wsgi"],
                env | {"GUNICORN_BIND": f"127.0.0.1:{port}", "SERVED_BY": name},
                logs,
                self.echo,
            )
        self.processes["worker"] = Process(
            "worker", [PYTHON, "manage.py", "db_worker"], env, logs, self.echo
        )
        self.processes["nginx"] = Process(
            "nginx", self.nginx_command("-g", "daemon off;"), env, logs, self.echo
        )

    def start(self, name, timeout=60):
        """Start one process and wait until it serves (the app servers and nginx)."""
        process = self.processes[name]
        process.start()
        if name == "worker":
            return
        ports = dict(zip(self.app_names(), self.app_ports, strict=True)) | {"nginx": self.port}
        port = ports[name]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if answers(f"http://127.0.0.1:{port}/healthz") == 200:
                return
            if not process.running:
                break
            time.sleep(0.2)
        raise RuntimeError(f"{name} did not start; see {process.log_path}")

    def stop(self, name):
        self.processes[name].stop()

    def kill(self, name):
        self.processes[name].kill()

    def start_all(self):
        if not self.processes:
            self.define()
        for name in [*self.app_names(), "worker", "nginx"]:
            self.start(name)

    def stop_all(self):
        for name in ["nginx", "worker", *self.app_names()]:
            if name in self.processes:
                self.stop(name)


def main():
    for program in ("nginx", "createdb"):
        if shutil.which(program) is None:
            raise SystemExit(f"{program} is missing: run `make system-packages` first")
    topology = Topology(echo=True)
    topology.run.mkdir(exist_ok=True)
    topology.prepare()
    password = topology.operator_password()
    topology.define()
    try:
        topology.start_all()
        print(
            f"\nNewsroom runs as in production: {topology.url}/ (nginx) in front of "
            + ", ".join(f"127.0.0.1:{port}" for port in topology.app_ports)
            + f"\nSign in at {topology.url}/admin/ as {OPERATOR}, password {password} "
            "(the first sign-in sets up a second factor)."
            f"\nEmails are written to {topology.run / 'mail'}; logs to {topology.run / 'logs'}."
            "\nCtrl-C stops everything.\n",
            flush=True,
        )
        signal.signal(signal.SIGTERM, signal.default_int_handler)  # stopped as by Ctrl-C
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        for number in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl-C must not cut this short
            signal.signal(number, signal.SIG_IGN)
        print("stopping…", flush=True)
        topology.stop_all()


if __name__ == "__main__":
    main()
