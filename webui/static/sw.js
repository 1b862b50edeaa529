/* Offline cache: network first, the last copy seen when there is no network. */
"use strict";
var CACHE = "wpskb-v3";
var PRECACHE = ["/", "/glossary", "/resolutions", "/static/style.css", "/static/app.js"];

/* Every glossary term and every resolution page, so an officer in the field can read them offline. */
function fieldPages() {
  return Promise.all([
    fetch("/api/glossary").then(function (r) { return r.json(); }).then(function (g) {
      return g.letters.reduce(function (urls, l) { return urls.concat(l.terms.map(function (t) { return t.url; })); }, []);
    }),
    fetch("/api/resolutions").then(function (r) { return r.json(); }).then(function (rs) {
      return rs.map(function (r) { return r.url; });
    })
  ]).then(function (lists) { return lists[0].concat(lists[1]); });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(PRECACHE).then(function () {
      return fieldPages().then(function (urls) { return cache.addAll(urls); });
    });
  }).catch(function () { /* a partial cache is still useful */ }));
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.indexOf("/api/") === 0) return;
  event.respondWith(
    fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    }).catch(function () {
      /* ignoreVary: pages vary on Accept-Language and Cookie; offline, the copy seen last is the one to show. */
      return caches.match(request, { ignoreVary: true }).then(function (hit) {
        return hit || caches.match(url.pathname, { ignoreVary: true });
      }).then(function (hit) {
        return hit || new Response(
          "<!doctype html><html lang=en><meta charset=utf-8><title>Offline</title>" +
          "<p>You are offline and this page was not saved on this device yet. " +
          "<a href=\"/glossary\">The glossary</a> and <a href=\"/resolutions\">the resolutions</a> are.",
          { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
      });
    })
  );
});
