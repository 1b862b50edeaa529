"""The offline pack: ``wpskb export --offline DIR`` writes the site as static files that work from ``file://``.

For a USB stick or a phone with no network. The pack holds the site's own pages (home,
resolutions, glossary, documents, about) rendered through the app, every internal link made a
relative file path, the static assets, the original files offered for download, a JSON index of
every passage (also as a script, since browsers block ``fetch()`` from ``file://``) and a search
page that runs MiniSearch in the browser. Stages, one module each::

    site_map       site address -> pack file ("/resolutions/1325" -> "resolutions/1325.html")
    link_rewriter  a rendered page -> the same page with relative links; unknown addresses unlinked
    search_index   the knowledge base -> the passages, glossary names and resolution paragraphs as JSON
    pack_dir       refuse a foreign folder; stage the pack and move it into place only when complete
    export         orchestration: render, rewrite, write, copy
"""

from webui.offline.export import ExportError, PackReport, export_offline
from webui.offline.pack_dir import MARKER, PackRefused

__all__ = ["ExportError", "MARKER", "PackRefused", "PackReport", "export_offline"]
