/* WPS knowledge base: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  function announce(text) {
    var live = document.getElementById("live");
    if (!live) return;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  /* Suggestions as you type: fill the input's <datalist> from /api/suggest. */
  function setUpSuggest(input) {
    var list = document.getElementById(input.getAttribute("data-suggest"));
    if (!list || !window.fetch) return;
    var timer = null, last = "";
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2 || q === last) return;
      timer = window.setTimeout(function () {
        last = q;
        fetch("/api/suggest?q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) {
            list.textContent = "";
            (data.suggestions || []).forEach(function (s) {
              var option = document.createElement("option");
              option.value = s;
              list.appendChild(option);
            });
          })
          .catch(function () { /* offline: the form still submits */ });
      }, 150);
    });
  }

  /* Copy-citation buttons: shown only when scripting works; keyboard and screen-reader friendly. */
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  /* Words the script shows, in the page's language: the server puts them on <body data-msg-...>. */
  function message(name, fallback) {
    return (document.body && document.body.getAttribute("data-msg-" + name)) || fallback;
  }

  function setUpCopy(button) {
    var label = button.firstChild.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-copy");
      copyText(text).then(function () {
        button.classList.add("copied");
        button.firstChild.textContent = message("copied", "Copied");
        announce(message("copied-citation", "Copied: {citation}").replace("{citation}", text));
        window.setTimeout(function () {
          button.firstChild.textContent = label;
          button.classList.remove("copied");
        }, 2000);
      }, function () {
        announce(message("copy-failed", "Copy failed; select the citation text instead."));
      });
    });
  }

  /* Glossary tooltips: Escape hides the one being shown (WCAG 1.4.13). */
  function setUpTooltips() {
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var shown = document.querySelectorAll(".gl:hover, .gl:focus-within");
      Array.prototype.forEach.call(shown, function (el) { el.classList.add("dismissed"); });
    });
    function reset(event) {
      var gl = event.target.closest && event.target.closest(".gl");
      if (gl) gl.classList.remove("dismissed");
    }
    document.addEventListener("focusin", reset);
    document.addEventListener("mouseover", reset);
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest]"), setUpSuggest);
    Array.prototype.forEach.call(document.querySelectorAll("button.copy[data-copy]"), setUpCopy);
    setUpTooltips();
    /* On a phone the filters come first but closed, so results stay on the first screen. */
    if (window.matchMedia && window.matchMedia("(max-width: 59.99rem)").matches) {
      Array.prototype.forEach.call(document.querySelectorAll("details.collapse-narrow"), function (d) { d.open = false; });
    }
  });

  /* Offline use in the field: pages seen once stay readable without a network. */
  /* Not in the offline pack (wpskb export --offline): it has no server to register with. */
  if ("serviceWorker" in navigator && location.protocol !== "file:" && !document.documentElement.hasAttribute("data-offline")) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js").catch(function () { /* optional */ });
    });
  }
})();
