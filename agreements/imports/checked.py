"""The checked file between the dry run and the import: kept in private storage under a random key
that is used once (by the inline import or by the import job) and then removed."""

import re
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import storages

KEY = re.compile(r"[0-9a-f]{32}")


def _path(key: str) -> str:
    if not KEY.fullmatch(key or ""):
        raise FileNotFoundError(key)
    return f"imports/{key}"


def checked_file_save(data: bytes) -> str:
    key = uuid.uuid4().hex
    storages["private"].save(_path(key), ContentFile(data))
    return key


def checked_file_read(key: str) -> bytes:
    """The checked file's bytes; FileNotFoundError once it has been used or removed."""
    with storages["private"].open(_path(key), "rb") as handle:
        return handle.read()


def checked_file_discard(key: str) -> None:
    storages["private"].delete(_path(key))
