"""Every import points down (issue 10 item 4).

The layers are the contract in pyproject.toml ([tool.importlinter]), checked by
import-linter over every module of lotse, lazy imports inside functions
included. docs/architecture.md shows the same list; the two must agree.
"""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def contract_layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    return contract["layers"]


def lint(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own tool and config file
        [str(LINT_IMPORTS), "--config", str(config), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_no_layer_imports_a_layer_above_it():
    result = lint(ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_fails_when_a_lower_layer_imports_a_higher_one(tmp_path):
    # The same contract with cases put below organisations: cases imports
    # organisations, so import-linter must report the contract broken.
    layers = contract_layers()
    swapped = [
        layer
        for layer in layers
        if layer not in ("lotse.cases | lotse.staff", "lotse.organisations")
    ]
    at = swapped.index("lotse.privacy")
    swapped[at:at] = ["lotse.organisations", "lotse.cases | lotse.staff"]
    quoted = ", ".join(f'"{layer}"' for layer in swapped)
    config = tmp_path / "broken.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "lotse"\n\n'
        '[[tool.importlinter.contracts]]\nname = "swapped"\ntype = "layers"\n'
        f"layers = [{quoted}]\n",
        encoding="utf-8",
    )
    result = lint(config)
    assert result.returncode != 0
    assert "lotse.cases" in result.stdout and "BROKEN" in result.stdout


def test_the_architecture_page_shows_the_same_layers():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- layers -->\n```\n(.*?)```", text, re.S)
    assert block, "docs/architecture.md needs the layer list between <!-- layers --> and ```"
    documented = [
        " | ".join(f"lotse.{name}" for name in re.findall(r"\b([a-z]+)\b", line.split("—")[0]))
        for line in block.group(1).splitlines()
        if line.strip()
    ]
    assert documented == contract_layers()
