// Injected into pages by `ithub serve` only: reloads the page when a rebuild finishes, and swaps
// stylesheets in place when only CSS changed, so the reader keeps their scroll position.
(function () {
  'use strict';
  if (!window.EventSource) return;
  // The page shown goes with the subscription: after an edit, the server renders it first.
  var source = new EventSource('/__ithub/events?page=' + encodeURIComponent(location.pathname));
  source.addEventListener('reload', function () { location.reload(); });
  source.addEventListener('css', function (e) {
    var moved = JSON.parse(e.data).assets;
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var href = link.getAttribute('href');
      Object.keys(moved).forEach(function (name) {
        var stem = name.replace(/\.css$/, '');
        var m = href.match(new RegExp('^(.*)assets/' + stem + '\\.[0-9a-f]+\\.css$'));
        if (m) link.setAttribute('href', m[1] + moved[name]);
      });
    });
  });
})();
