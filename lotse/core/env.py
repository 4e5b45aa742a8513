"""Reading settings from the environment (the healthchecks way).

Every variable may also be given as ``<NAME>_FILE`` pointing at a file that holds
the value, so secrets can come from Docker/systemd credentials.
"""

import os
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on", "ja"}
FALSE_WORDS = {"0", "false", "no", "off", "nein", ""}


def envstr(name: str, default: str | None = None) -> str | None:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def envbool(name: str, default: bool = False) -> bool:
    value = envstr(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"{name}={value!r}: expected one of 1/0, true/false, yes/no, on/off")


def envint(name: str, default: int) -> int:
    value = envstr(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"{name}={value!r}: expected a whole number") from exc


def envlist(name: str, default: str = "") -> list[str]:
    value = envstr(name, default) or ""
    return [item.strip() for item in value.split(",") if item.strip()]
