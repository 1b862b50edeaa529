"""The `wpskb` console script: the indexer's commands plus `serve`."""

from __future__ import annotations

from pathlib import Path

import click

from indexer.cli import DEFAULT_CORPUS, cli, run_index


@cli.command("serve", help="Serve the web UI and JSON API with a production WSGI server (waitress).")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--index", "index", type=click.Path(file_okay=False), help="Index folder (default var/index).")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
def serve_command(host: str, port: int, index: str | None, threads: int) -> None:
    from indexer.index import default_index_root, has_index
    from webui.server import serve

    root = Path(index) if index else default_index_root()
    if not has_index(root):
        click.echo("No index yet: building it from corpus/ first.", err=True)
        run_index([DEFAULT_CORPUS], root)
    click.echo(f"Serving on http://{host}:{port}/ (index: {root})")
    serve(host=host, port=port, index_dir=root, threads=threads)


def main() -> None:
    """Entry point of the `wpskb` console script."""
    cli(prog_name="wpskb")
