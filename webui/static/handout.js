/* Trainer handouts, with scripting: the selection kept in this browser, "Add to handout" toggles,
   and in-page reordering (links, arrow keys on the grip, dragging the grip) that keeps the URL in step.
   Every part also works without this file: the selection then travels in /handout?item=... links. */
(function () {
  "use strict";
  var KEY = "wpskb.handout";
  var MAX = 50;
  var forEach = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  /* Words this script shows, in the page's language: the server puts them on <body data-msg-...>
     (templates/base.html and handout.html); the English here is the fallback. {name} is filled in. */
  function message(name, fallback, values) {
    var text = (document.body && document.body.getAttribute("data-msg-" + name)) || fallback;
    Object.keys(values || {}).forEach(function (key) { text = text.split("{" + key + "}").join(String(values[key])); });
    return text;
  }

  /* The default title, in English and in the page's language: neither is kept as a custom title. */
  function isDefaultTitle(title) { return title === "Handout" || title === message("handout", "Handout"); }

  function announce(text) {
    var live = document.getElementById("live");
    if (!live) return;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function load() {
    try {
      var data = JSON.parse(window.localStorage.getItem(KEY) || "null");
      if (data && Array.isArray(data.items)) {
        return {
          items: data.items.filter(function (i) { return typeof i === "string" && i.length <= 200; }).slice(0, MAX),
          title: typeof data.title === "string" ? data.title.slice(0, 120) : ""
        };
      }
    } catch (e) { /* storage off or corrupt: start afresh */ }
    return { items: [], title: "" };
  }

  function save(selection) {
    try { window.localStorage.setItem(KEY, JSON.stringify(selection)); } catch (e) { /* private mode */ }
  }

  /* The same encoding as webui/handout_model.py: slashes in ids stay readable. */
  function encode(text) {
    return encodeURIComponent(text).replace(/%2F/g, "/").replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  function handoutUrl(selection) {
    var parts = selection.items.map(function (id) { return "item=" + encode(id); });
    if (selection.title && !isDefaultTitle(selection.title)) parts.push("title=" + encode(selection.title));
    return "/handout" + (parts.length ? "?" + parts.join("&") : "");
  }

  /* Header link and toggles reflect the stored selection. */
  function refresh(selection) {
    forEach(document.querySelectorAll("a.handout-nav"), function (link) {
      link.href = handoutUrl(selection);
      var count = link.querySelector(".handout-count");
      if (count) count.textContent = selection.items.length ? " (" + selection.items.length + ")" : "";
    });
    forEach(document.querySelectorAll("button.handout-add"), function (button) {
      var on = selection.items.indexOf(button.getAttribute("data-handout-item")) >= 0;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.firstChild.textContent = on ? message("added-to-handout", "Added \u2713")
                                         : message("add-to-handout", "Add to handout");
    });
  }

  function addButton(id, label) {
    var button = document.createElement("button");
    var text = document.createElement("span");
    var hidden = document.createElement("span");
    button.type = "button";
    button.className = "handout-add";
    button.setAttribute("data-handout-item", id);
    text.textContent = message("add-to-handout", "Add to handout");
    hidden.className = "visually-hidden";
    hidden.textContent = ": " + label;
    button.appendChild(text);
    button.appendChild(hidden);
    button.addEventListener("click", function () {
      var selection = load();
      var at = selection.items.indexOf(id);
      if (at >= 0) {
        selection.items.splice(at, 1);
        announce(message("handout-removed", "Removed from the handout: {label}", { label: label }));
      } else if (selection.items.length >= MAX) {
        announce(message("handout-full", "A handout holds at most {max} items.", { max: MAX }));
        return;
      } else {
        selection.items.push(id);
        announce(message("handout-added", "Added to the handout ({count}): {label}",
                         { count: selection.items.length, label: label }));
      }
      save(selection);
      refresh(selection);
    });
    return button;
  }

  /* Links rendered by the server become toggles. */
  function setUpAdd(link) {
    var button = addButton(link.getAttribute("data-handout-item"),
                           link.getAttribute("data-handout-label") || link.getAttribute("data-handout-item"));
    link.parentNode.replaceChild(button, link);
  }

  /* A document's passages get their toggles here only: one link per passage would make long documents heavy. */
  function setUpDocument(body) {
    var documentId = body.getAttribute("data-handout-doc");
    forEach(body.querySelectorAll(".passage[id]"), function (passage) {
      var text = passage.querySelector(".passage-text");
      var words = (text ? text.textContent : "").replace(/\s+/g, " ").trim();
      var label = "\u201c" + (words.length > 60 ? words.slice(0, 60) + "\u2026" : words) + "\u201d";
      var button = addButton(documentId + "/" + passage.id, label);
      if (text && text.nextSibling) passage.insertBefore(button, text.nextSibling); else passage.appendChild(button);
    });
  }

  /* The handout page itself. */
  function setUpHandout(page) {
    var list = page.querySelector("ol.handout-items");
    var titleInput = document.getElementById("handout-title");
    var linkInput = document.getElementById("handout-link");
    var heading = document.getElementById("handout-h1");
    var dragged = null;

    function items() { return list ? Array.prototype.slice.call(list.querySelectorAll("li.handout-item")) : []; }
    function current() {
      var ids = items().map(function (li) { return li.getAttribute("data-id"); });
      forEach(page.querySelectorAll(".handout-missing li[data-id]"), function (li) { ids.push(li.getAttribute("data-id")); });
      var title = titleInput ? titleInput.value.replace(/\s+/g, " ").trim() : "";
      return { items: ids, title: isDefaultTitle(title) ? "" : title };
    }
    function reorderLabel(position, count, label) {
      return message("reorder-item", "Reorder item {position} of {count}, {label}: arrow up or down",
                     { position: position, count: count, label: label });
    }
    function moved(ids, from, to) {
      var copy = ids.slice();
      copy.splice(to, 0, copy.splice(from, 1)[0]);
      return copy;
    }
    function link(className, href, text, label) {
      var a = document.createElement("a");
      var hidden = document.createElement("span");
      a.className = className;
      a.href = href;
      a.textContent = text;
      hidden.className = "visually-hidden";
      hidden.textContent = ": " + label;
      a.appendChild(hidden);
      return a;
    }

    /* Numbers, controls, hidden form fields, share link and storage, from the order on screen. */
    function apply() {
      var selection = current();
      var url = handoutUrl(selection);
      var rows = items();
      rows.forEach(function (li, index) {
        var label = li.getAttribute("data-label");
        var controls = li.querySelector(".handout-controls");
        var others = function (ids) { return handoutUrl({ items: ids, title: selection.title }); };
        li.id = "item-" + (index + 1);
        li.querySelector(".handout-no").textContent = (index + 1) + ".";
        li.querySelector(".handout-grip").setAttribute("aria-label", reorderLabel(index + 1, rows.length, label));
        controls.textContent = "";
        if (index > 0) controls.appendChild(link("handout-up", others(moved(selection.items, index, index - 1)), "\u2191 " + message("move-up", "Move up"), label));
        if (index < rows.length - 1) controls.appendChild(link("handout-down", others(moved(selection.items, index, index + 1)), "\u2193 " + message("move-down", "Move down"), label));
        controls.appendChild(link("handout-remove", others(selection.items.filter(function (id) {
          return id !== li.getAttribute("data-id"); })), "\u2715 " + message("remove", "Remove"), label));
      });
      forEach(document.querySelectorAll(".handout-title-form, .handout-more form"), function (form) {
        forEach(form.querySelectorAll("input[type=hidden][name=item]"), function (input) { form.removeChild(input); });
        selection.items.forEach(function (id) {
          var input = document.createElement("input");
          input.type = "hidden";
          input.name = "item";
          input.value = id;
          form.insertBefore(input, form.firstChild);
        });
      });
      var absolute = window.location.origin + url;
      window.history.replaceState(null, "", url);
      if (linkInput) linkInput.value = absolute;
      forEach(page.querySelectorAll(".handout-self"), function (el) { el.textContent = absolute; });
      var shownTitle = selection.title || message("handout", "Handout");
      heading.textContent = shownTitle;
      document.title = shownTitle + " \u00b7 " + message("site", "WPS Knowledge Base");
      save(selection);
      refresh(selection);
    }

    function move(li, offset, focusClass) {
      var rows = items();
      var from = rows.indexOf(li);
      var to = Math.max(0, Math.min(rows.length - 1, from + offset));
      if (to === from) return;
      list.insertBefore(li, offset < 0 ? rows[to] : rows[to].nextSibling);
      apply();
      var focus = li.querySelector("." + focusClass) || li.querySelector(".handout-up, .handout-down");
      if (focus) focus.focus();
      announce(message("moved", "Moved to position {position} of {count}.", { position: to + 1, count: rows.length }));
    }

    if (list) {
      list.classList.add("reorderable");
      items().forEach(function (li) {
        var grip = document.createElement("button");
        var glyph = document.createElement("span");
        grip.type = "button";
        grip.className = "handout-grip";
        grip.title = message("drag-hint", "Drag to reorder, or focus and press the arrow keys");
        glyph.setAttribute("aria-hidden", "true");
        glyph.textContent = "\u2807\u2807";
        grip.appendChild(glyph);
        li.insertBefore(grip, li.firstChild);
        grip.setAttribute("aria-label", reorderLabel(items().indexOf(li) + 1, items().length, li.getAttribute("data-label")));
        grip.addEventListener("keydown", function (event) {
          if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
          event.preventDefault();
          move(li, event.key === "ArrowUp" ? -1 : 1, "handout-grip");
        });
      });
      list.addEventListener("click", function (event) {
        var a = event.target.closest && event.target.closest("a.handout-up, a.handout-down, a.handout-remove");
        if (!a) return;
        var li = a.closest("li.handout-item");
        event.preventDefault();
        if (a.classList.contains("handout-remove")) {
          var next = li.nextElementSibling || li.previousElementSibling;
          list.removeChild(li);
          if (!items().length) { save(current()); window.location.assign(handoutUrl(current())); return; }
          apply();
          (next.querySelector(".handout-remove") || heading).focus();
          announce(message("removed", "Removed: {label}", { label: li.getAttribute("data-label") }));
          return;
        }
        move(li, a.classList.contains("handout-up") ? -1 : 1, a.classList.contains("handout-up") ? "handout-up" : "handout-down");
      });
      /* Dragging by the grip, with pointer events so touch screens work too. */
      list.addEventListener("pointerdown", function (event) {
        var grip = event.target.closest && event.target.closest("button.handout-grip");
        if (!grip || event.button !== 0) return;
        dragged = grip.closest("li.handout-item");
        dragged.classList.add("dragging");
        grip.setPointerCapture(event.pointerId);
        event.preventDefault();
      });
      list.addEventListener("pointermove", function (event) {
        if (!dragged) return;
        var under = document.elementFromPoint(event.clientX, event.clientY);
        var over = under && under.closest && under.closest("li.handout-item");
        if (!over || over === dragged || over.parentNode !== list) return;
        var box = over.getBoundingClientRect();
        list.insertBefore(dragged, event.clientY < box.top + box.height / 2 ? over : over.nextSibling);
      });
      var drop = function () {
        if (!dragged) return;
        var li = dragged;
        li.classList.remove("dragging");
        dragged = null;
        apply();
        li.querySelector("button.handout-grip").focus();
        announce(message("moved", "Moved to position {position} of {count}.",
                         { position: items().indexOf(li) + 1, count: items().length }));
      };
      list.addEventListener("pointerup", drop);
      list.addEventListener("pointercancel", drop);
    }

    /* Removing an item the index no longer holds: keep the stored selection in step, then reload. */
    forEach(page.querySelectorAll(".handout-missing a.handout-remove"), function (a) {
      a.addEventListener("click", function () {
        var gone = a.closest("li").getAttribute("data-id");
        var selection = current();
        selection.items = selection.items.filter(function (id) { return id !== gone; });
        save(selection);
        a.href = handoutUrl(selection);
      });
    });

    if (titleInput) {
      titleInput.addEventListener("input", apply);
      titleInput.form.addEventListener("submit", function (event) {
        event.preventDefault();
        apply();
        announce(message("title-set", "Title set."));
      });
    }

    var copy = page.querySelector("button.handout-copy");
    if (copy && linkInput) {
      var copyLabel = copy.textContent;
      copy.hidden = false;
      copy.addEventListener("click", function () {
        var done = function () {
          announce(message("link-copied", "Link copied"));
          copy.textContent = message("link-copied", "Link copied");
          window.setTimeout(function () { copy.textContent = copyLabel; }, 2000);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(linkInput.value).then(done, function () { linkInput.select(); });
        } else {
          linkInput.select();
          try { if (document.execCommand("copy")) done(); } catch (e) { /* selected: the reader copies */ }
        }
      });
    }
    var print = page.querySelector("button.handout-print");
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }

    /* Opening a handout makes it this browser's selection, unless that would drop items saved here. */
    var stored = load();
    var shown = current();
    var covers = stored.items.every(function (id) { return shown.items.indexOf(id) >= 0; });
    if (covers) {
      save(shown);
    } else {
      var notice = page.querySelector(".handout-notice");
      var adopt = document.createElement("button");
      var open = document.createElement("a");
      notice.textContent = (stored.items.length === 1
        ? message("other-handout-one", "This browser holds another handout (1 item).")
        : message("other-handout-other", "This browser holds another handout ({count} items).",
                  { count: stored.items.length })) + " ";
      open.href = handoutUrl(stored);
      open.textContent = message("open-it", "Open it");
      adopt.type = "button";
      adopt.textContent = message("keep-this-one", "Keep this one instead");
      adopt.addEventListener("click", function () { save(current()); refresh(current()); notice.hidden = true; });
      notice.appendChild(open);
      notice.appendChild(document.createTextNode(" " + message("or", "or") + " "));
      notice.appendChild(adopt);
      notice.hidden = false;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    forEach(document.querySelectorAll("a.handout-add[data-handout-item]"), setUpAdd);
    forEach(document.querySelectorAll("[data-handout-doc]"), setUpDocument);
    var page = document.querySelector("body.handout-page");
    if (page) setUpHandout(page);
    refresh(load());
  });

  window.addEventListener("storage", function (event) { if (event.key === KEY) refresh(load()); });
})();
