"""The `wpskb` commands that need no web server: index, pull, search, define, eval.

``webui.cli`` adds ``serve`` to this group and is the console script's entry point.
Exit codes (CONTRACT.md): 0 success, 2 bad arguments, 3 an index built with some files skipped
(or a pull that got only some sources), 1 a pull that got nothing and had nothing cached.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from indexer.interface import QueryError, SearchQuery, definition_dict

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO / "corpus"
EXIT_SKIPPED = 3


def _index_root(index: str | None) -> Path:
    from indexer.index import default_index_root

    return Path(index) if index else default_index_root()


def run_index(corpus_dirs: list[Path], root: Path, echo=click.echo, show_progress: bool = True) -> int:
    """Build the index from ``corpus_dirs`` into ``root``; returns the exit code."""
    from indexer.corpus import build_knowledge_base, discover_files
    from indexer.index import build_index

    total = len(discover_files(corpus_dirs))
    with click.progressbar(length=max(total, 1), label="Reading files", file=sys.stderr,
                           show_pos=True, hidden=not show_progress) as bar:
        def advance(done: int, _total: int, _name: str) -> None:
            bar.update(1)

        build = build_knowledge_base(corpus_dirs, progress=advance, cache_dir=root / "cache")
    passages = sum(len(d.passages) for d in build.kb.documents)
    with click.progressbar(length=max(passages, 1), label="Indexing passages", file=sys.stderr,
                           show_pos=True, hidden=not show_progress) as bar:
        state = {"done": 0}

        def indexed(done: int, _total: int) -> None:
            bar.update(done - state["done"])
            state["done"] = done

        report = build_index(build.kb, root, progress=indexed, originals=build.sources)
    for line in build.reports:
        if line.status == "skipped":
            echo(f"  skipped  {printable(line.path)}  [{line.reason}] {line.message}")
        else:
            echo(f"  {line.status:<8} {printable(line.path)}  ({len(line.documents)} document(s), {line.passages} passages)")
    echo(str(report))
    skipped = len(build.skipped)
    echo(f"{len(build.reports) - skipped} file(s) indexed, {skipped} skipped; "
         f"{len(build.kb.documents)} documents, {passages} passages, {len(build.kb.glossary)} glossary terms.")
    return EXIT_SKIPPED if skipped else 0


def open_search_backend(index: str | None, corpus: tuple[str, ...] = ()):
    """The search backend over ``index``, building the index first when there is none."""
    from indexer.engine import open_backend
    from indexer.index import has_index

    root = _index_root(index)
    if not has_index(root):
        click.echo("No index yet: building it first.", err=True)
        run_index([Path(c) for c in corpus] or [DEFAULT_CORPUS], root, echo=lambda m: click.echo(m, err=True))
    return open_backend(root)


@click.group(help="Search the Women, Peace and Security knowledge base.")
def cli() -> None:
    """The wpskb command group."""


@cli.command("index", help="Build the index from corpus folders (default: corpus/ of the checkout).")
@click.option("--corpus", "corpus", multiple=True, type=click.Path(file_okay=False, path_type=Path),
              help="A corpus folder; repeat for several.")
@click.option("--index", "index", type=click.Path(file_okay=False), help="Index folder (default var/index).")
def index_command(corpus: tuple[Path, ...], index: str | None) -> None:
    dirs = list(corpus) or [DEFAULT_CORPUS]
    missing = [str(d) for d in dirs if not d.is_dir()]
    if missing:
        raise click.BadParameter(f"not a folder: {', '.join(missing)}", param_hint="--corpus")
    sys.exit(run_index(dirs, _index_root(index)))


@cli.command("pull", help="Fetch the official texts listed as [[source]] tables in the corpus manifest into "
                          "<corpus>/official/, verified, for the next `wpskb index`.")
@click.option("--corpus", "corpus", type=click.Path(file_okay=False, path_type=Path),
              help="Corpus folder whose manifest lists the sources (default corpus/).")
@click.option("--only", "only", multiple=True, metavar="ID", help="Pull only this source id; repeat for several.")
@click.option("--base-url", "base_url", envvar="WPSKB_PULL_BASE_URL", default="", metavar="URL",
              help="Fetch every source from this server instead (a mirror or a test server); "
                   "also $WPSKB_PULL_BASE_URL.")
@click.option("--index", "rebuild", is_flag=True, help="Rebuild the index afterwards.")
@click.option("--index-dir", "index_dir", type=click.Path(file_okay=False), help="Index folder for --index.")
@click.option("--delay", default=1.0, show_default=True, type=click.FloatRange(0, 60),
              help="Seconds between two requests to the same host.")
@click.option("--backoff", default=1.0, show_default=True, type=click.FloatRange(0, 60),
              help="Backoff factor: the n-th retry waits BACKOFF * 2**n seconds (or the server's Retry-After).")
@click.option("--retries", default=3, show_default=True, type=click.IntRange(0, 10),
              help="Retries after a 429/5xx answer, a dropped connection or a timeout.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Connect and read timeout of one request, in seconds.")
def pull_command(corpus: Path | None, only: tuple[str, ...], base_url: str, rebuild: bool, index_dir: str | None,
                 delay: float, backoff: float, retries: int, timeout: float) -> None:
    from indexer.errors import ExtractionError
    from indexer.fetch import FetchSettings
    from indexer.pull import EXIT_NOTHING, UnknownSource, describe, pull
    from indexer.sources import valid_base_url

    corpus_dir = corpus or DEFAULT_CORPUS
    if not corpus_dir.is_dir():
        raise click.BadParameter(f"not a folder: {corpus_dir}", param_hint="--corpus")
    if base_url and not valid_base_url(base_url):
        raise click.BadParameter(f"{base_url!r} is not an http(s) URL", param_hint="--base-url")
    settings = FetchSettings(timeout_s=timeout, retries=retries, backoff_factor=backoff, host_delay_s=delay)
    try:
        report = pull(corpus_dir, only=only, base_url=base_url, settings=settings,
                      progress=lambda outcome: click.echo(describe(outcome)))
    except UnknownSource as error:
        raise click.BadParameter(str(error), param_hint="--only") from error
    except ExtractionError as error:
        click.echo(f"{error.code}: {error.message}", err=True)
        sys.exit(2)
    if not report.outcomes:
        click.echo("The manifest lists no [[source]] tables: nothing to pull.")
        sys.exit(0)
    click.echo(report.summary())
    code = report.exit_code
    if rebuild and code != EXIT_NOTHING:
        indexed = run_index([corpus_dir], _index_root(index_dir))
        code = code or indexed
    sys.exit(code)


@cli.command("search", help="Ranked passages for QUERY.")
@click.option("--json", "as_json", is_flag=True, help="Print the same object as GET /api/search.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100))
@click.option("--index", "index", type=click.Path(file_okay=False))
@click.argument("query", nargs=-1, required=True)
def search_command(as_json: bool, limit: int, index: str | None, query: tuple[str, ...]) -> None:
    backend = open_search_backend(index)
    try:
        results = backend.search(SearchQuery(text=" ".join(query), limit=limit))
    except QueryError as error:
        raise click.UsageError(str(error)) from error
    if as_json:
        click.echo(json.dumps(results.to_dict(), ensure_ascii=False, indent=2))
        return
    if results.answer:
        click.secho(f"{results.answer.title}", bold=True)
        click.echo(f"  {results.answer.text[:400]}\n")
    if results.suggestion:
        click.echo(f"Did you mean: {results.suggestion}")
    click.echo(f"{results.total} result(s) in {results.took_ms:.1f} ms")
    for rank, hit in enumerate(results.hits, start=1):
        click.secho(f"{rank:>2}. {hit.title}", bold=True)
        click.echo(f"    {' › '.join(hit.section_path)}  {hit.url}")
        click.echo(f"    {_one_line(hit.text, 200)}")


@cli.command("define", help="The glossary entry for TERM (case, plural, acronym or expansion).")
@click.option("--json", "as_json", is_flag=True, help="Print the same object as GET /api/define.")
@click.option("--index", "index", type=click.Path(file_okay=False))
@click.argument("term", nargs=-1, required=True)
def define_command(as_json: bool, index: str | None, term: tuple[str, ...]) -> None:
    backend = open_search_backend(index)
    text = " ".join(term)
    entry = backend.define(text)
    if entry is None:
        if as_json:
            click.echo(json.dumps({"error": f"no glossary entry for {text!r}", "status": 404}))
        else:
            click.echo(f"No glossary entry for {text!r}. Try: wpskb search {text}", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(definition_dict(entry, backend.kb.glossary), ensure_ascii=False, indent=2))
        return
    name = entry.term + (f" ({entry.acronym})" if entry.acronym and entry.acronym not in entry.term else "")
    click.secho(name, bold=True)
    click.echo(entry.definition)
    click.echo(f"Source: {entry.source}")


@cli.command("eval", help="Score the engine on a TSV of questions and needles, beside an FTS5 baseline.")
@click.option("--index", "index", type=click.Path(file_okay=False))
@click.option("--corpus", "corpus", multiple=True, type=click.Path(file_okay=False, exists=True))
@click.argument("tsv", type=click.Path(dir_okay=False, exists=True, path_type=Path))
def eval_command(index: str | None, corpus: tuple[str, ...], tsv: Path) -> None:
    from indexer.baseline import evaluate_baseline
    from indexer.evaluate import evaluate, format_report

    backend = open_search_backend(index, corpus)
    report = evaluate(backend, tsv)
    dirs = [Path(c) for c in corpus] or [DEFAULT_CORPUS]
    baseline = evaluate_baseline(dirs, tsv)
    click.echo(format_report(report, baseline))


def printable(name: str) -> str:
    """A file name safe to print on one line: control characters shown as escapes."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)


def _one_line(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
