"""PDF: the HTML report printed by headless Chromium.

A browser is the one typesetter at hand that shapes Khmer correctly (subscript consonants,
vowel signs placed around the base letter); Python PDF libraries do not. The page is
written to a private temporary directory and printed from there with a throw-away
profile, so nothing of the user's browser is touched. The page holds no script and no
reference outside itself, and name resolution is switched off as well, so printing never
reaches the network.

The browser is ``/usr/bin/chromium`` (Debian's package; ``make browser`` installs it) or
whatever ``COUNTERFLOW_CHROMIUM`` names.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
from pathlib import Path

from counterflow.stats.export.base import Document, ExportError
from counterflow.stats.export.htmlpage import render_html

DEFAULT_CHROMIUM = "/usr/bin/chromium"
TIMEOUT_SECONDS = 120.0
"""Long enough for a report of a hundred tables on a slow server; a hung browser is
killed after it rather than holding a web worker forever."""


def chromium_path() -> Path:
    """The Chromium executable to print with (module docstring)."""
    return Path(os.environ.get("COUNTERFLOW_CHROMIUM") or DEFAULT_CHROMIUM)


def render_pdf(document: Document) -> bytes:
    """The document's HTML page (:func:`~.htmlpage.render_html`) printed to PDF, A4."""
    return print_pdf(render_html(document))


def print_pdf(
    html: bytes, *, chromium: Path | None = None, timeout: float = TIMEOUT_SECONDS
) -> bytes:
    """Print a standalone HTML page to PDF with headless Chromium.

    Raises :class:`ExportError` when the browser is missing, fails, or takes longer than
    ``timeout`` seconds.
    """
    executable = chromium or chromium_path()
    if not (executable.is_file() and os.access(executable, os.X_OK)):
        raise ExportError(
            f"PDF export needs Chromium, and there is none at {executable}: install it "
            "(make browser, or apt-get install chromium fonts-khmeros) or set "
            "COUNTERFLOW_CHROMIUM to its path"
        )
    with tempfile.TemporaryDirectory(prefix="counterflow-pdf-") as tmp:
        folder = Path(tmp)
        page, out = folder / "report.html", folder / "out.pdf"
        page.write_bytes(html)
        command = [
            str(executable),
            "--headless",
            # Root in a container cannot use Chromium's sandbox; the page printed is our
            # own escaped HTML without script, loaded from a private directory.
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={out}",
            "--no-pdf-header-footer",
            page.as_uri(),
        ]
        _run(command, timeout)
        data = out.read_bytes() if out.is_file() else b""
    if not data.startswith(b"%PDF"):
        raise ExportError(f"Chromium ({executable}) printed no PDF")
    return data


def _run(command: list[str], timeout: float) -> None:
    # A session of its own makes Chromium and every helper process it starts (zygote,
    # renderer, crash handler) one process group, ended together whatever happens, so a
    # hung or lingering helper never outlives the export.
    process = subprocess.Popen(  # noqa: S603 - a fixed argument list, no shell
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _end_group(process.pid)
        process.communicate()
        raise ExportError(
            f"Chromium did not finish printing the PDF within {timeout:.0f} seconds"
        ) from None
    finally:
        _end_group(process.pid)
    if process.returncode != 0:
        detail = stderr.decode(errors="replace").strip().splitlines()[-3:]
        raise ExportError(
            f"Chromium failed to print the PDF (exit code {process.returncode}): "
            + " / ".join(detail)
        )


def _end_group(pid: int) -> None:
    # ProcessLookupError: the whole group has ended already, the usual case.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
