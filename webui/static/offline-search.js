/* Offline pack search (wpskb export --offline): MiniSearch over window.WPSKB_INDEX, from file://, no network.
 *
 * The answer comes first, as on the live site: "1325 op 8" -> that paragraph, "SEA" or "what is gender
 * mainstreaming" -> the definition. Then ranked passages with the query's words marked. Passage text only
 * ever enters the page as text nodes (never innerHTML). */
(function () {
  "use strict";

  var PAGE = 10;
  var SNIPPET_CHARS = 260;
  var STOPWORDS = {};
  ("a an and are as at be by for from how in is it of on or the to was what when where which who why with " +
   "does do define definition meaning mean").split(" ").forEach(function (w) { STOPWORDS[w] = true; });
  var QUESTION_START = /^\s*(?:what\s+(?:is|are|does|do)\s+(?:an?\s+|the\s+)?|define\s+|definition\s+of\s+|meaning\s+of\s+|who\s+(?:is|are)\s+)/i;
  var QUESTION_END = /\s+(?:mean|means|stand\s+for)\s*\??\s*$/i;
  var RESOLUTION_REF = new RegExp("^\\s*(?:s\\s*/\\s*res\\s*/?\\s*|(?:un\\s*)?(?:scr|resolution|res\\.?)\\s*)?" +
    "(\\d{4})(?:\\s*\\(\\s*\\d{4}\\s*\\))?(?:\\s*,?\\s*(op|pp|para(?:graph)?s?\\.?|§)?\\s*(\\d{1,3}))?\\s*$", "i");

  function byId(id) { return document.getElementById(id); }

  /* Words this script shows, in the page's language: templates/offline_search.html puts them on
     <body data-msg-...>; the English here is the fallback. {name} is filled in. */
  function message(name, fallback, values) {
    var text = (document.body && document.body.getAttribute("data-msg-" + name)) || fallback;
    Object.keys(values || {}).forEach(function (key) { text = text.split("{" + key + "}").join(String(values[key])); });
    return text;
  }

  function kindLabel(kind) {
    return message("kind-" + kind, kind ? kind.charAt(0).toUpperCase() + kind.slice(1) : kind);
  }

  /* The kb's normalize_term, in short: case, quotes, dashes, punctuation, plurals. */
  function singular(word) {
    if (word.length <= 3 || /(?:ss|us|is)$/.test(word)) return word;
    if (/ies$/.test(word) && word.length > 4) return word.slice(0, -3) + "y";
    if (/(?:sses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
    if (/s$/.test(word)) return word.slice(0, -1);
    return word;
  }

  function normalizeName(text) {
    var t = text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[\u2010-\u2015]/g, "-")
      .replace(/[,;:()]/g, " ").replace(/\s+/g, " ").replace(/^[\s.?!:;"']+|[\s.?!:;"']+$/g, "");
    return t.split(/[\s-]+/).filter(Boolean).map(singular).join(" ");
  }

  function buildNames(data) {
    var names = {};
    data.glossary.forEach(function (term) {
      term.names.forEach(function (name) {
        var key = normalizeName(name);
        if (key && !(key in names)) names[key] = term;
      });
    });
    return names;
  }

  /* The glossary term the query names ("SEA", "gender mainstreaming", "what is GBV?"), or null. */
  function namedTerm(query, names) {
    var stripped = query.replace(QUESTION_START, "").replace(QUESTION_END, "");
    return names[normalizeName(stripped)] || names[normalizeName(query)] || null;
  }

  /* "1325", "S/RES/1325 (2000)", "1325 op 8", "resolution 1820 para 4", "1325 pp 3" -> what it points at. */
  function resolutionAnswer(query, data) {
    var m = RESOLUTION_REF.exec(query);
    if (!m) return null;
    var number = parseInt(m[1], 10);
    var resolution = null;
    data.resolutions.forEach(function (r) { if (r.number === number) resolution = r; });
    if (!resolution) return null;
    if (m[3]) {
      var anchor = (m[2] && m[2].toLowerCase() === "pp" ? "pp" : "op") + parseInt(m[3], 10);
      for (var i = 0; i < resolution.paragraphs.length; i++) {
        var p = resolution.paragraphs[i];
        if (p.anchor === anchor) {
          return { kind: message("answer-paragraph", "Paragraph"), title: p.citation, text: p.text, url: p.url, source: resolution.title,
                   listQuery: String(number) };
        }
      }
    }
    return { kind: message("answer-resolution", "Resolution"), title: resolution.symbol, url: resolution.url,
             source: message("adopted", "Adopted {date}", { date: resolution.adopted }),
             text: resolution.theme || resolution.title, listQuery: String(number) };
  }

  function highlightPattern(words) {
    var alternatives = words.filter(function (w) { return w.length > 1 || /\d/.test(w); })
      .map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); })
      .sort(function (a, b) { return b.length - a.length; });
    if (!alternatives.length) return null;
    var body = "(" + alternatives.join("|") + ")";
    try {
      return new RegExp("(^|[^\\p{L}\\p{N}])" + body + "[\\p{L}\\p{N}'\u2019-]*", "giu");
    } catch (e) {
      return new RegExp("(^|\\W)" + body + "[\\w'-]*", "gi");
    }
  }

  /* Append ``text`` to ``parent`` as text nodes, with every word matching ``pattern`` in a <mark>. */
  function appendMarked(parent, text, pattern) {
    var last = 0, match;
    if (pattern) {
      pattern.lastIndex = 0;
      while ((match = pattern.exec(text)) !== null) {
        var start = match.index + match[1].length;
        parent.appendChild(document.createTextNode(text.slice(last, start)));
        var mark = document.createElement("mark");
        mark.textContent = text.slice(start, pattern.lastIndex);
        parent.appendChild(mark);
        last = pattern.lastIndex;
        if (match[0].length === 0) pattern.lastIndex++;
      }
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /* The window of the passage that shows the most different matching words (the first one on a tie). */
  function excerpt(text, pattern) {
    text = text.replace(/\s+/g, " ").trim();
    if (text.length <= SNIPPET_CHARS) return text;
    var hits = [], match;
    if (pattern) {
      pattern.lastIndex = 0;
      while ((match = pattern.exec(text)) !== null) {
        hits.push({ at: match.index + match[1].length, word: match[2].toLowerCase() });
        if (match[0].length === 0) pattern.lastIndex++;
      }
    }
    var best = 0, bestCount = 0;
    hits.forEach(function (hit) {
      var seen = {}, count = 0;
      hits.forEach(function (other) {
        if (other.at >= hit.at && other.at < hit.at + SNIPPET_CHARS - 40 && !seen[other.word]) {
          seen[other.word] = true;
          count++;
        }
      });
      if (count > bestCount) { best = hit.at; bestCount = count; }
    });
    var start = best > 60 ? text.lastIndexOf(" ", best - 50) + 1 : 0;
    var end = Math.min(text.length, start + SNIPPET_CHARS);
    var cut = text.lastIndexOf(" ", end);
    if (end < text.length && cut > start + 100) end = cut;
    return (start > 0 ? "\u2026 " : "") + text.slice(start, end) + (end < text.length ? " \u2026" : "");
  }

  function queryWords(query) {
    return (query.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}+'-]*/gu) || [])
      .filter(function (w) { return !STOPWORDS[w]; });
  }

  function createEngine(data) {
    var engine = new window.MiniSearch({
      idField: "i",
      fields: ["names", "title", "section", "text"],
      /* Words are runs of letters and digits: "<b>gender</b>" is "b gender b", "GBA+" is "gba". */
      tokenize: function (text) { return text.split(/[^\p{L}\p{N}]+/u); },
      processTerm: function (term) {
        var t = term.toLowerCase();
        return !t || STOPWORDS[t] || (t.length === 1 && !/\d/.test(t)) ? null : t;
      },
      searchOptions: {
        boost: { names: 5, title: 2, section: 0.7 },
        prefix: function (term) { return term.length > 3; },
        fuzzy: function (term) { return term.length > 5 ? 0.2 : false; },
        combineWith: "AND"
      }
    });
    engine.addAll(data.passages.map(function (p, i) {
      return { i: i, names: p.names.join(" "), title: p.title, section: p.section.join(" "), text: p.text };
    }));
    return engine;
  }

  function rankedPassages(engine, data, query) {
    var hits = engine.search(query);
    if (!hits.length) hits = engine.search(query, { combineWith: "OR" });
    return hits.map(function (hit) {
      return { passage: data.passages[hit.id], terms: hit.terms, score: hit.score };
    });
  }

  function resultItem(item, pattern) {
    var p = item.passage;
    var li = document.createElement("li");
    li.className = "result";
    var crumbs = document.createElement("p");
    crumbs.className = "crumbs";
    var tag = document.createElement("span");
    tag.className = "tag tag-" + p.type;
    tag.textContent = kindLabel(p.type);
    crumbs.appendChild(tag);
    crumbs.appendChild(document.createTextNode(" " + [p.document].concat(p.section).join(" \u203a ")));
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.title;
    heading.appendChild(link);
    var snippet = document.createElement("p");
    snippet.className = "snippet";
    appendMarked(snippet, excerpt(p.text, pattern), pattern);
    li.appendChild(crumbs);
    li.appendChild(heading);
    li.appendChild(snippet);
    return li;
  }

  function showAnswer(answer) {
    var box = byId("offline-answer");
    if (!answer) { box.hidden = true; return; }
    byId("answer-kind").textContent = answer.kind;
    var link = byId("answer-link");
    link.textContent = answer.title;
    link.href = answer.url;
    byId("answer-text").textContent = answer.text;
    byId("answer-source").textContent = answer.source ? message("source", "Source: {source}", { source: answer.source }) : "";
    box.hidden = false;
  }

  function run(data, engine, names, query) {
    var list = byId("offline-results"), more = byId("offline-more"), summary = byId("offline-summary");
    byId("offline-intro").hidden = true;
    byId("offline-title").textContent = message("results-for", "Results for \u201c{query}\u201d", { query: query });
    document.title = message("search-title", "{query} \u2013 search", { query: query }) + " \u00b7 " +
      message("site", "WPS Knowledge Base");

    var answer = resolutionAnswer(query, data), first = null;
    if (answer) {
      first = answer.url;
    } else {
      var term = namedTerm(query, names);
      if (term) {
        answer = { kind: message("answer-definition", "Definition"), title: term.term, text: term.definition, url: term.url, source: term.source };
        first = term.url;
      }
    }
    showAnswer(answer);

    /* "1325 op 8": the list shows what the corpus holds on 1325, not every passage with an 8 in it. */
    var items = rankedPassages(engine, data, (answer && answer.listQuery) || query);
    if (first) {
      /* The passage the answer points at leads the list too. */
      var at = -1;
      data.passages.forEach(function (p, i) { if (at < 0 && p.url === first) at = i; });
      items = items.filter(function (item) { return item.passage.url !== first; });
      if (at >= 0) items.unshift({ passage: data.passages[at], terms: [], score: Infinity });
    }
    var words = queryWords((answer && answer.listQuery) || query);
    items.forEach(function (item) { words = words.concat(item.terms); });
    var pattern = highlightPattern(Array.from(new Set(words)));

    var shown = 0;
    function showMore() {
      items.slice(shown, shown + PAGE).forEach(function (item) { list.appendChild(resultItem(item, pattern)); });
      shown = Math.min(items.length, shown + PAGE);
      more.hidden = shown >= items.length;
      /* items.length is 1 or more here, where English and French agree: 1 is singular. */
      summary.textContent = !items.length ? message("no-results", "No results")
        : items.length === 1 ? message("results-one", "1\u2013{shown} of 1 result", { shown: shown })
        : message("results-other", "1\u2013{shown} of {total} results", { shown: shown, total: items.length });
    }
    list.textContent = "";
    byId("offline-zero").hidden = items.length > 0;
    more.addEventListener("click", showMore);
    showMore();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var input = byId("q-page");
    var data = window.WPSKB_INDEX;
    if (!data || !window.MiniSearch) {
      byId("offline-summary").textContent = message("index-missing",
        "The search index did not load: search-index.js is missing from this folder.");
      return;
    }
    var query = "";
    try { query = (new URLSearchParams(window.location.search).get("q") || "").trim().slice(0, 500); } catch (e) { query = ""; }
    if (input) input.value = query;
    if (query) run(data, createEngine(data), buildNames(data), query);
  });
})();
