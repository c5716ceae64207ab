"""The README documents every command and option the CLI has (and the two commands a new user runs)."""

from __future__ import annotations

import re

import typer

from flows.cli import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands(group: object, prefix: str = "") -> list[tuple[str, object]]:
    """Every command path under a click group, e.g. ('review apply', <command>)."""
    found = []
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        if hasattr(command, "commands"):
            found += commands(command, f"{path} ")
        else:
            found.append((path, command))
    return found


def test_readme_leads_with_the_two_commands():
    first_block = re.search(r"```\n(.*?)```", README, re.S).group(1)
    assert "make demo" in first_block and "make test" in first_block


def test_every_command_and_option_is_in_the_readme():
    group = typer.main.get_command(app)
    found = commands(group)
    assert {path for path, _ in found} >= {"run", "status", "review export", "review apply"}
    for path, command in found:
        assert f"`foi {path}" in README, path
        for parameter in command.params:
            if getattr(parameter, "param_type_name", "") == "option":
                assert any(f"`{opt}" in README for opt in parameter.opts), f"{path} {parameter.opts}"


def test_every_limit_setting_is_in_the_readme():
    from extractors.limits import ENV_NAMES, Limits

    for field, name in ENV_NAMES.items():
        assert f"`{name}`" in README, name
        assert hasattr(Limits(), field)
