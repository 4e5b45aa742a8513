"""Settings come from LOTSE_* variables; production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lotse.core.env import envbool, envint, envlist, envstr

ROOT = Path(__file__).resolve().parents[2]


def run_lotse(args: list[str], env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LOTSE_")}
    clean.update({"LOTSE_DATA_DIR": str(tmp_path), **env})
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "lotse", *args],
        env=clean,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secrets_stops_with_a_clear_message(tmp_path):
    result = run_lotse(["check"], {}, tmp_path)
    assert result.returncode != 0
    assert "LOTSE_SECRET_KEY" in result.stderr and "LOTSE_ALLOWED_HOSTS" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_with_secrets_starts(tmp_path):
    result = run_lotse(
        ["check"],
        {"LOTSE_SECRET_KEY": "x" * 60, "LOTSE_ALLOWED_HOSTS": "lotse.example.org"},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr


def test_demo_mode_makes_its_own_key_in_the_data_dir(tmp_path):
    result = run_lotse(["check"], {"LOTSE_DEMO": "1"}, tmp_path)
    assert result.returncode == 0, result.stderr
    key_file = tmp_path / "keys" / "secret_key"
    assert key_file.exists()
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"


def test_demo_data_is_refused_outside_demo_mode(tmp_path):
    env = {"LOTSE_SECRET_KEY": "x" * 60, "LOTSE_ALLOWED_HOSTS": "localhost"}
    result = run_lotse(["demo"], env, tmp_path)
    assert result.returncode != 0
    assert "LOTSE_DEMO=1" in result.stderr


def test_env_helpers(monkeypatch, tmp_path):
    monkeypatch.setenv("LOTSE_X_BOOL", "ja")
    monkeypatch.setenv("LOTSE_X_INT", "42")
    monkeypatch.setenv("LOTSE_X_LIST", "a, b,,c")
    secret = tmp_path / "secret"
    secret.write_text("geheim\n")
    monkeypatch.setenv("LOTSE_X_SECRET_FILE", str(secret))
    assert envbool("LOTSE_X_BOOL") is True
    assert envint("LOTSE_X_INT", 1) == 42
    assert envlist("LOTSE_X_LIST") == ["a", "b", "c"]
    assert envstr("LOTSE_X_SECRET") == "geheim"
    monkeypatch.setenv("LOTSE_X_BOOL", "vielleicht")
    with pytest.raises(ValueError, match="LOTSE_X_BOOL"):
        envbool("LOTSE_X_BOOL")
