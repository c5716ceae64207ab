"""A Datasette plugin for `foi browse`: source files in the answers, review and files tables link to the reply.

The replies are served from the survey's replies/ folder at /-/replies/PATH (Datasette's own static mounts do not
decode the path, so a file name with a space would not be found).
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path
from urllib.parse import quote, unquote

from datasette import Response, hookimpl
from datasette.utils.asgi import asgi_send_file
from markupsafe import Markup, escape

NAME = "foi-links"
ROUTE = "/-/replies/"
LINKED = {"answers", "review_items", "published_answers", "files"}
PAGE = re.compile(r"^p(\d+)\b")


def replies_folder(datasette) -> Path:  # noqa: ANN001 - Datasette's object
    """Given Datasette, return the survey's replies folder from this plugin's configuration."""
    return Path((datasette.plugin_config(NAME) or {}).get("replies", "replies")).resolve()


def reply_path(replies: Path, name: str) -> Path | None:
    """Given the replies folder and a file's path under it, return the file, or None if it is not in there."""
    path = (replies / name).resolve()
    return path if path.is_file() and path.is_relative_to(replies) else None


def source_link(value: str, locator: str, replies: Path) -> Markup | None:
    """Given a source file and its locator, return a link to the reply (at its page), if the file is there."""
    if not value or reply_path(replies, value) is None:
        return None  # an archive member or an e-mail's attachment: its files row says where it came from
    page = PAGE.match(locator or "")
    anchor = f"#page={page.group(1)}" if page else ""
    return Markup(f'<a class="source" href="{ROUTE}{quote(value)}{anchor}">{escape(value)}</a>')


@hookimpl
def render_cell(row, value, column, table, database, datasette):  # noqa: ANN001, ANN201 - Datasette's hook
    """Given a cell, return a link for a source file, or None to let Datasette render it."""
    if column != "source_file" or table not in LINKED or not isinstance(value, str):
        return None
    locator = row["source_locator"] if "source_locator" in row.keys() else ""
    return source_link(value, locator, replies_folder(datasette))


async def reply_file(datasette, request, send):  # noqa: ANN001, ANN201 - Datasette's view
    """Send one reply file, as received, or a 404."""
    path = reply_path(replies_folder(datasette), unquote(request.url_vars["path"]))
    if path is None:
        return Response.text("No such reply file.", status=404)
    await asgi_send_file(send, path, content_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream")
    return None


@hookimpl
def register_routes(datasette):  # noqa: ANN001, ANN201 - Datasette's hook
    """Return the route that serves the reply files."""
    return [(rf"^{ROUTE}(?P<path>.+)$", reply_file)]
