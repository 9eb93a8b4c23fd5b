"""Backups that restore: the PostgreSQL database (pg_dump's custom format, one consistent
snapshot) and a copy of every media file, folder or bucket alike (read through the media
storage), in one dated folder with a manifest of checksums and row counts; and the way back into
an empty database (`manage.py backup`, `manage.py restore FOLDER`; `make backup`, `make restore`).
"""

import hashlib
import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction

MANIFEST = "manifest.json"
DUMP = "database.dump"


class BackupError(Exception):
    pass


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def postgres():
    """pg_dump's and pg_restore's connection arguments and environment, from the settings."""
    if connection.vendor != "postgresql":
        raise BackupError("Backups are of PostgreSQL (pg_dump); on SQLite, copy db.sqlite3.")
    params = connection.settings_dict
    arguments = ["--dbname", params["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            arguments += [option, str(params[key])]
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    return arguments, env


def media_names(folder=""):
    """Every file in the media storage, one folder at a time."""
    folders, files = default_storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from media_names(f"{folder}/{sub}" if folder else sub)


def copy_media(target, copied):
    """Copy the media files not in `copied` into `target`; {name: sha256} of those copied."""
    new = {}
    for name in media_names():
        if name in copied or name in new:
            continue
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with default_storage.open(name, "rb") as source, open(path, "wb") as out:
                for block in iter(lambda source=source: source.read(1 << 20), b""):
                    out.write(block)
        except FileNotFoundError:  # deleted since it was listed: nothing names it any more
            continue
        new[name] = sha256(path)
    return new


def row_counts():
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (names from the catalogue)
            counts[table] = cursor.fetchone()[0]
    return counts


def backup(root):
    """Write a backup into a new folder under `root`; its path.

    Media is copied before the dump and again after it: a file uploaded meanwhile, which a row in
    the dump may name, is in the backup too (files never change under their names).
    """
    arguments, env = postgres()
    folder = Path(root) / datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    media = folder / "media"
    media.mkdir(parents=True)
    files = copy_media(media, {})
    # The rows are counted in the very snapshot pg_dump reads (exported from this transaction):
    # the manifest's figures are those of the dump, checked again after a restore.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        counts = row_counts()
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
        command += ["--snapshot", snapshot, "--file", folder / DUMP]
        run = subprocess.run(  # noqa: S603 (a fixed command; the arguments are the settings')
            [*command, *arguments], env=env, capture_output=True, text=True
        )
    if run.returncode:
        raise BackupError(f"pg_dump failed: {run.stderr.strip()}")
    files |= copy_media(media, files)
    manifest = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": {"file": DUMP, "sha256": sha256(folder / DUMP), "rows": counts},
        "media": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return folder


def check(folder):
    """The manifest of a backup whose every file is whole (checksums); BackupError otherwise."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder} is not a backup: {error}") from None
    if sha256(folder / DUMP) != manifest["database"]["sha256"]:
        raise BackupError(f"{folder / DUMP} is damaged: its checksum differs from the manifest's.")
    for name, digest in manifest["media"].items():
        path = folder / "media" / name
        if not path.exists() or sha256(path) != digest:
            raise BackupError(f"media file {name} is missing or damaged in the backup.")
    return manifest


def restore_media(folder, manifest):
    """Put the backup's media files back into the media storage under their own names (a file
    already there is left alone if it is the same, and stops the restore if it is not)."""
    for name, digest in manifest["media"].items():
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as stored:
                if hashlib.sha256(stored.read()).hexdigest() != digest:
                    raise BackupError(f"media file {name} exists with other content: left as is.")
            continue
        with open(Path(folder) / "media" / name, "rb") as file:
            saved = default_storage.save(name, File(file, name=name))
        if saved != name:
            raise BackupError(f"media file {name} was stored as {saved}.")


def restore(folder):
    """Bring a backup back into the (empty) database and the media storage."""
    folder = Path(folder)
    manifest = check(folder)
    arguments, env = postgres()
    with connection.cursor() as cursor:
        if connection.introspection.table_names(cursor):
            raise BackupError(
                "The database is not empty: restore into a new one (createdb), never over data."
            )
    command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
    run = subprocess.run(  # noqa: S603 (a fixed command; the arguments are the settings')
        [*command, "--single-transaction", *arguments, folder / DUMP],
        env=env,
        capture_output=True,
        text=True,
    )
    if run.returncode:
        raise BackupError(f"pg_restore failed: {run.stderr.strip()}")
    restore_media(folder, manifest)
    if (restored := row_counts()) != manifest["database"]["rows"]:
        differ = [t for t in restored if restored[t] != manifest["database"]["rows"].get(t)]
        raise BackupError(f"restored row counts differ from the backup's: {', '.join(differ)}")
    return manifest
