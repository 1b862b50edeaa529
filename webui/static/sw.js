/* Offline cache: network first, the last copy seen when there is no network. */
"use strict";
var CACHE = "wpskb-v1";
var PRECACHE = ["/", "/glossary", "/resolutions", "/static/style.css", "/static/app.js"];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(PRECACHE); }).catch(function () {}));
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
      return caches.match(request).then(function (hit) {
        return hit || caches.match(url.pathname) || new Response(
          "<!doctype html><html lang=en><meta charset=utf-8><title>Offline</title><p>You are offline and this page was not saved yet. <a href=\"/glossary\">Glossary</a>",
          { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
      });
    })
  );
});
