"""The knowledge base's data model, in plain Python.

Everything the indexer extracts from a file ends up as one of these frozen dataclasses:

* a :class:`~kb.documents.Document` is one source file, cleaned, with its
  :class:`~kb.documents.Section` outline and its :class:`~kb.documents.Passage` list;
* a passage is the unit of search: a paragraph, a definition, an operative paragraph, a
  checklist. It keeps character offsets into its document's cleaned text, its footnotes and
  the :class:`~kb.citations.Citation` objects found inside it (with offsets into the passage);
* a :class:`~kb.resolutions.Resolution` is one of the ten WPS resolutions: public facts of
  record from ``kb/data/wps-resolutions.toml`` plus whatever text the corpus holds for it;
* a :class:`~kb.glossary.GlossaryTerm` is a definition with its acronym and source;
* :class:`~kb.knowledge_base.KnowledgeBase` ties them together and answers the
  cross-reference questions (what a resolution cites, what cites it, where it is mentioned).

No third-party imports live here: the indexer depends on ``kb``, never the other way round.
"""
