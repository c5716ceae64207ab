"""What the person at the terminal sees: a progress bar while files are read, and a short summary."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


def run_with_progress(survey_dir: Path, warehouse: str | None, out: Path | None, console: Console) -> dict:
    """Given the run's options, run the flow with a progress bar over the files and return its summary."""
    from flows.run import foi_run

    replies = Path(survey_dir) / "replies"
    total = sum(1 for p in replies.rglob("*") if p.is_file()) if replies.is_dir() else 0
    columns = (TextColumn("[bold]Reading replies"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.description}"))
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("", total=total)

        def advance(name: str) -> None:
            bar.update(task, advance=1, description=name[-40:])

        return foi_run(str(survey_dir), warehouse, str(out) if out else None, advance)


def print_summary(summary: dict, console: Console) -> None:
    """Given a run summary, print what was read, what needs review and where the publication is."""
    files = summary.get("files", {})
    statuses = summary.get("response_status", {})
    console.print(f"[bold]Read {summary.get('files_received', 0)} files[/bold]: "
                  + ", ".join(f"{n} {state}" for state, n in files.items()))
    console.print(f"Councils: {summary.get('councils_surveyed', 0)} surveyed; "
                  + ", ".join(f"{n} {status}" for status, n in statuses.items()))
    console.print(f"Needs review: {summary.get('review_items', 0)} items (review.csv)")
    for problem in summary.get("tracker_problems", [])[:5]:
        console.print(f"[yellow]Request log:[/yellow] {problem}")
    if summary.get("validation_failures"):
        console.print(f"[yellow]{len(summary['validation_failures'])} validation failures listed in review.csv")
    console.print(f"Publication: [bold]{summary.get('publication')}[/bold]")
