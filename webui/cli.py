"""The `wpskb` console script: the indexer's commands plus `serve` and `export --offline`."""

from __future__ import annotations

from pathlib import Path

import click

from indexer.cli import DEFAULT_CORPUS, cli, run_index


@cli.command("serve", help="Serve the web UI and JSON API with a production WSGI server (waitress).")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--index", "index", type=click.Path(file_okay=False), help="Index folder (default var/index).")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64), help="Threads per process.")
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="Processes (default: one per core, at most 4); 1 serves with waitress, more with gunicorn.")
def serve_command(host: str, port: int, index: str | None, threads: int, workers: int | None) -> None:
    from indexer.index import default_index_root, has_index
    from webui.server import default_workers, serve

    root = Path(index) if index else default_index_root()
    if not has_index(root):
        click.echo("No index yet: building it from corpus/ first.", err=True)
        run_index([DEFAULT_CORPUS], root)
    click.echo(f"Serving on http://{host}:{port}/ (index: {root})")
    serve(host=host, port=port, index_dir=root, threads=threads, workers=workers or default_workers())


@cli.command("export", help="Write a static copy of the site that works without a server (USB stick, phone).")
@click.option("--offline", "offline_dir", required=True, type=click.Path(path_type=Path), metavar="DIR",
              help="Folder to write the offline pack into (new, empty, or a previous pack).")
@click.option("--index", "index", type=click.Path(file_okay=False), help="Index folder (default var/index).")
@click.option("--force", is_flag=True, help="Replace DIR even when it holds files that are not an offline pack.")
def export_command(offline_dir: Path, index: str | None, force: bool) -> None:
    from indexer.index import default_index_root, has_index
    from webui import create_app
    from webui.offline import ExportError, PackRefused, export_offline

    root = Path(index) if index else default_index_root()
    if not has_index(root):
        click.echo("No index yet: building it from corpus/ first.", err=True)
        run_index([DEFAULT_CORPUS], root)
    app = create_app({"INDEX_DIR": str(root)})
    try:
        report = export_offline(app, offline_dir, force=force, protected=(Path.home(), Path.cwd(), root))
    except PackRefused as error:
        raise click.UsageError(str(error)) from error
    except ExportError as error:
        raise click.ClickException(f"export failed, {offline_dir} left as it was: {error}") from error
    click.echo(str(report))
    if report.unlinked:
        shown = ", ".join(sorted(report.unlinked)[:6])
        click.echo(f"Left as plain text (no page in the pack): {len(report.unlinked)} address(es): {shown}"
                   f"{' ...' if len(report.unlinked) > 6 else ''}")
    click.echo(f"Open {offline_dir / 'index.html'} in a browser; no server or network needed.")


def main() -> None:
    """Entry point of the `wpskb` console script."""
    cli(prog_name="wpskb")
