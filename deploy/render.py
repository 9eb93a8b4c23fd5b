"""Fill in a deploy/ file's ${NAME} values: `python -m deploy.render FILE NAME=value ...`, the
result on stdout. Each name the file uses must be given, and no other: a value misspelt or
forgotten stops here rather than in production. nginx's own $variables are left alone.

For deploy/nginx/newsroom.conf:
  APP_SERVERS   the gunicorn servers, comma-separated: 10.0.0.12:8000,10.0.0.13:8000
  LISTEN        what nginx listens on: 80 (or 127.0.0.1:8080 on one machine)
  SERVER_NAME   the site's host name: news.example.org
  STATIC_PAGES  the folder holding newsroom-unavailable.html: /srv/newsroom/deploy/nginx
  ACCESS_LOG    the access log file (no addresses in it): /var/log/nginx/newsroom.access.log
"""

import re
import sys
from pathlib import Path
from string import Template

PLACEHOLDER = re.compile(r"\$\{([A-Z_]+)\}")


def upstream_servers(addresses):
    """The upstream block's lines for `APP_SERVERS`."""
    return "\n".join(
        f"    server {address.strip()} max_fails=1 fail_timeout=5s;"
        for address in addresses.split(",")
        if address.strip()
    )


def render(path, values):
    text = Path(path).read_text(encoding="utf-8")
    values = dict(values)
    if "APP_SERVERS" in values:
        values["UPSTREAM_SERVERS"] = upstream_servers(values.pop("APP_SERVERS"))
    wanted = set(PLACEHOLDER.findall(text))
    if missing := wanted - values.keys():
        raise ValueError(f"{path}: no value for {', '.join(sorted(missing))}")
    if unknown := values.keys() - wanted:
        raise ValueError(f"{path} has no {', '.join(sorted(unknown))}")
    return Template(text).safe_substitute(values)


def main(arguments):
    if not arguments:
        raise SystemExit(__doc__)
    path, *pairs = arguments
    values = dict(pair.split("=", 1) for pair in pairs)
    try:
        sys.stdout.write(render(path, values))
    except ValueError as error:
        raise SystemExit(str(error)) from None


if __name__ == "__main__":
    main(sys.argv[1:])
