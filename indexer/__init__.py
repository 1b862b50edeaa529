"""The indexer: files in, a searchable Whoosh index and a knowledge base out.

Data flows one way through stages, one module each::

    pull        the manifest's official texts, fetched, verified -> corpus/official/ (before all else)
    extract     bytes of a .pdf/.html/.txt/.md file -> text (+ title and metadata)
    clean       PDF damage out: page numbers, photo captions, footnote marks
    structure   text -> sections and passages (guide, resolution texts, articles, web pages)
    citations   cross-references inside every passage, with character offsets
    corpus      all of the above over a corpus folder -> kb.KnowledgeBase
    index       KnowledgeBase -> Whoosh index, built aside and swapped in atomically
    engine      a query object in, a results object out (see ``indexer.interface``)

Only this package touches whoosh, pypdf, bs4 and httpx; the web layer talks to it through
``indexer.interface``.
"""
