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
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")  # a busy machine boots slowly
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
    full: Annotated[bool, typer.Option("--full", help="Re-read every file, not only new or changed ones.")] = False,
    wait: Annotated[float, typer.Option(help="Seconds to wait for another run on the same survey to finish.")] = 0.0,
    dask: Annotated[str | None, typer.Option(envvar="FOI_DASK_ADDRESS",
                                             help="Read files on this running Dask scheduler.")] = None,
    dask_files: Annotated[str | None, typer.Option(envvar="FOI_DASK_FILES",
                                                   help="How files reach Dask workers: path or bytes.")] = None,
) -> None:
    """Run the whole pipeline on SURVEY_DIR and publish the comparison."""
    quiet_prefect(verbose)
    from flows.progress import run_with_progress

    if not (survey_dir / "survey.yaml").is_file():
        fail(f"{survey_dir} has no survey.yaml: point foi run at a survey folder (survey.yaml and replies/).")
    try:
        summary = run_with_progress(survey_dir, warehouse, out, console, full=full, wait=wait, dask=dask,
                                    dask_files=dask_files)
    except Exception as exc:  # one plain sentence for the person at the terminal; details with --verbose
        from warehouse.lock import RunInProgress

        if isinstance(exc, RunInProgress):
            fail(f"{str(exc)[0].upper()}{str(exc)[1:]}.")
        if verbose:
            raise
        fail(f"{exc.__class__.__name__}: {exc}".splitlines()[0] + " (run again with --verbose for details).")
    from flows.progress import print_summary

    print_summary(summary, console)


@app.command()
def init(survey_dir: Annotated[Path, typer.Argument(help="The survey folder to create or refresh.")]) -> None:
    """Scaffold a survey: survey.yaml to edit, request.md to send, tracker.csv with every body asked, replies/."""
    from extractors.survey import SurveyError
    from flows.commands import init_survey

    try:
        for line in init_survey(survey_dir):
            console.print(f"{survey_dir}: {line}")
    except SurveyError as exc:
        fail(f"{exc} Fix survey.yaml and run foi init again.")
    console.print(f"Next: edit {survey_dir / 'survey.yaml'}, run `foi init {survey_dir}` again, send request.md, "
                  f"put replies in {survey_dir / 'replies'} and run `foi run {survey_dir}`.")


review_app = typer.Typer(no_args_is_help=True, help="Export the review queue and apply reviewers' decisions.")
app.add_typer(review_app, name="review")


@app.command()
def status(
    survey_dir: Annotated[Path, typer.Argument(help="The survey folder.")],
    warehouse: Annotated[str | None, typer.Option(envvar="FOI_WAREHOUSE_URL", help="SQLAlchemy URL.")] = None,
) -> None:
    """Show councils by response status, overdue requests and files by state."""
    from flows.commands import show_status

    if not (survey_dir / "survey.yaml").is_file():
        fail(f"{survey_dir} has no survey.yaml: point foi status at a survey folder.")
    show_status(survey_dir, warehouse, console)


@review_app.command("export")
def review_export(
    survey_dir: Annotated[Path, typer.Argument(help="The survey folder.")],
    warehouse: Annotated[str | None, typer.Option(envvar="FOI_WAREHOUSE_URL", help="SQLAlchemy URL.")] = None,
    out: Annotated[Path | None, typer.Option(help="Folder for review_queue.csv/.xlsx.")] = None,
) -> None:
    """Write the review queue (CSV and XLSX) for a researcher to fill in."""
    from flows.commands import review_summary
    from flows.context import survey_to_context
    from warehouse.db import default_url, engine_for
    from warehouse.review import export_review, queue_frame

    if not (survey_dir / "survey.yaml").is_file():
        fail(f"{survey_dir} has no survey.yaml: point foi review export at a survey folder.")
    survey = survey_to_context(survey_dir).survey
    engine = engine_for(warehouse or default_url(survey_dir))
    csv_path, xlsx_path = export_review(engine, survey.id, out or survey_dir / ".foi" / "review", survey_dir)
    console.print(f"Review queue: {review_summary(queue_frame(engine, survey.id))}")
    console.print(f"Written: {csv_path} and {xlsx_path}")
    console.print("Fill in decided_status, decided_value, reviewer and decision_reason, then run "
                  f"`foi review apply {csv_path}`.")


@review_app.command("apply")
def review_apply(
    file: Annotated[Path, typer.Argument(help="A filled-in review_queue.csv or .xlsx.")],
    survey_dir: Annotated[Path | None, typer.Option("--survey", help="The survey folder (found from FILE).")] = None,
    warehouse: Annotated[str | None, typer.Option(envvar="FOI_WAREHOUSE_URL", help="SQLAlchemy URL.")] = None,
) -> None:
    """Store reviewers' decisions as overrides; every later run re-applies them."""
    from flows.commands import review_file_folder
    from flows.context import survey_to_context
    from warehouse.db import default_url, engine_for
    from warehouse.review import ReviewFileError, apply_review

    if not file.is_file():
        fail(f"{file} does not exist: give the path of the review file you filled in.")
    folder = survey_dir or review_file_folder(file)
    if folder is None:
        fail("Could not tell which survey this review file belongs to: add --survey SURVEY_DIR.")
    survey = survey_to_context(folder).survey
    try:
        stored = apply_review(engine_for(warehouse or default_url(folder)), survey.id, file,
                              key_types={k.key: k.type for k in survey.keys})
    except ReviewFileError as exc:
        fail(f"{exc}.")
    console.print(f"Stored {stored} decision(s). They apply from the next `foi run {folder}`.")


@app.command()
def deploy() -> None:
    """Create the foi-pool work pool if it is missing and register the deployments in prefect.yaml."""
    quiet_prefect(False)
    from flows.deploy import POOL, DeployError, deploy_all, ensure_pool

    try:
        created = ensure_pool()
        names = deploy_all()
    except DeployError as exc:
        fail(f"{exc}.")
    console.print(f"Work pool {POOL}: {'created' if created else 'already there'}")
    console.print(f"Deployed: {', '.join(names)}")
    console.print(f"Start a worker in this folder: prefect worker start --pool {POOL}")


@app.command()
def browse(
    survey_dir: Annotated[Path, typer.Argument(help="The survey folder.")],
    warehouse: Annotated[str | None, typer.Option(envvar="FOI_WAREHOUSE_URL", help="SQLAlchemy URL.")] = None,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 to serve Datasette on.")] = 8001,
) -> None:
    """Browse the warehouse read-only in Datasette on 127.0.0.1 (a SQLite copy of a PostgreSQL one)."""
    from flows.browse import serve
    from flows.context import survey_to_context
    from warehouse.db import default_url, engine_for

    if not (survey_dir / "survey.yaml").is_file():
        fail(f"{survey_dir} has no survey.yaml: point foi browse at a survey folder.")
    survey = survey_to_context(survey_dir).survey
    console.print(f"Browse the warehouse at http://127.0.0.1:{port}/ (read-only; Ctrl-C to stop)")
    serve(survey_dir, engine_for(warehouse or default_url(survey_dir)), survey, port)


def main() -> None:
    """Entry point for `python -m flows.cli`."""
    app(prog_name="foi")


if __name__ == "__main__":
    sys.exit(main())
