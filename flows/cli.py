"""The `foi` command: a thin Typer layer over the flow and the stage functions."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Turn FOI replies into a published comparison.")
console = Console(stderr=False)
errors = Console(stderr=True, soft_wrap=True)


@app.callback()
def main_options() -> None:
    """Turn FOI replies into a published comparison: `foi run SURVEY_DIR`."""


def quiet_prefect(verbose: bool) -> None:
    """Given the verbosity asked for, keep Prefect's own log chatter quiet unless --verbose."""
    level = "INFO" if verbose else "ERROR"
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", level)
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", level)
    os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
    if not verbose:
        logging.getLogger("prefect").setLevel(logging.ERROR)


def fail(message: str) -> None:
    """Given a plain sentence, print it as the one-line error and exit non-zero."""
    errors.print(f"[red]Error:[/red] {message}")
    raise typer.Exit(code=1)


@app.command()
def run(
    survey_dir: Annotated[Path, typer.Argument(help="The survey folder (survey.yaml, tracker.csv, replies/).")],
    warehouse: Annotated[str | None, typer.Option(envvar="FOI_WAREHOUSE_URL",
                                                  help="SQLAlchemy URL of the warehouse.")] = None,
    out: Annotated[Path | None, typer.Option(help="Publication folder.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", help="Show Prefect's own logs.")] = False,
) -> None:
    """Run the whole pipeline on SURVEY_DIR and publish the comparison."""
    quiet_prefect(verbose)
    from flows.progress import run_with_progress

    if not (survey_dir / "survey.yaml").is_file():
        fail(f"{survey_dir} has no survey.yaml: point foi run at a survey folder (survey.yaml and replies/).")
    try:
        summary = run_with_progress(survey_dir, warehouse, out, console)
    except Exception as exc:  # one plain sentence for the person at the terminal; details with --verbose
        if verbose:
            raise
        fail(f"{exc.__class__.__name__}: {exc}".splitlines()[0] + " (run again with --verbose for details).")
    from flows.progress import print_summary

    print_summary(summary, console)


def main() -> None:
    """Entry point for `python -m flows.cli`."""
    app(prog_name="foi")


if __name__ == "__main__":
    sys.exit(main())
