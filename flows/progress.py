"""What the person at the terminal sees: a progress bar while files are read, and a short summary."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

if TYPE_CHECKING:
    from flows.pipeline import RunSummary


def warm_prefect_server() -> threading.Thread | None:
    """Start Prefect's temporary local server in the background, so its boot overlaps our own start-up.

    Only when no Prefect server is configured (no PREFECT_API_URL): the flow then finds it running.
    """
    if os.environ.get("PREFECT_API_URL"):
        return None

    def boot() -> None:
        """Start the server; the flow then finds it answering."""
        from prefect.server.api.server import SubprocessASGIServer

        SubprocessASGIServer().start()

    thread = threading.Thread(target=boot, name="prefect-server-boot", daemon=True)
    thread.start()
    return thread


def run_with_progress(survey_dir: Path, warehouse: str | None, out: Path | None, console: Console,
                      full: bool = False, wait: float = 0.0, dask: str | None = None,
                      dask_files: str | None = None) -> RunSummary:
    """Given the run's options, run the flow with a progress bar over the files and return its summary."""
    booting = warm_prefect_server()
    from flows.context import survey_to_context
    from warehouse.db import default_url, engine_for
    from warehouse.lock import run_lock

    # Say at once if another run holds this survey, before Prefect's start-up; the flow takes the lock for real.
    survey_id = survey_to_context(Path(survey_dir)).survey.id
    with run_lock(engine_for(warehouse or default_url(Path(survey_dir))), survey_id, Path(survey_dir) / ".foi", wait):
        pass
    from flows.cluster import dask_address
    from flows.run import flow_for

    if booting is not None:
        booting.join()  # the flow must not reach the server before it answers

    replies = Path(survey_dir) / "replies"
    total = sum(1 for p in replies.rglob("*") if p.is_file()) if replies.is_dir() else 0
    columns = (TextColumn("[bold]Reading replies"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.description}"))
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("", total=total)

        def advance(name: str) -> None:
            """Move the bar on by one file."""
            bar.update(task, advance=1, description=name[-40:])

        return flow_for(dask_address(dask))(str(survey_dir), warehouse, str(out) if out else None, full=full,
                                            wait_seconds=wait, progress=advance, dask_files=dask_files)


def print_summary(summary: RunSummary, console: Console) -> None:
    """Given a run summary, print what was read, what needs review and where the publication is."""
    console.print(f"[bold]Read {summary.files_received} files[/bold]: "
                  + ", ".join(f"{n} {state}" for state, n in summary.files.items()))
    console.print(f"Councils: {summary.councils_surveyed} surveyed; "
                  + ", ".join(f"{n} {status}" for status, n in summary.response_status.items()))
    console.print(f"Read and extracted {summary.files_extracted} new or changed files; "
                  f"{summary.files_cached} unchanged files reused from earlier runs")
    if summary.ocr_pages:
        console.print(f"OCR: {summary.ocr_pages} scanned pages, {summary.ocr_seconds_per_page:.1f} s/page")
    console.print(f"Needs review: {summary.review_items} items (review.csv; `foi review export` for a queue)")
    for problem in summary.tracker_problems[:5]:
        console.print(f"[yellow]Request log:[/yellow] {problem}")
    if summary.validation_failures:
        console.print(f"[yellow]{len(summary.validation_failures)} validation failures listed in review.csv")
    console.print(f"Publication: [bold]{summary.publication}[/bold]")
    report = Path(summary.publication) / "report.html"
    if report.is_file():
        console.print(f"Report: [bold]{report}[/bold] (open it in a browser; it works offline)")
