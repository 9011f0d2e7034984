// Instant filters on the case-study list and its facet pages. Without this script the static
// facet pages (one page per board, zone, component, topic and year) do the same job by links.
(function () {
  'use strict';
  var box = document.querySelector('[data-filters][data-index]');
  if (!box || !window.fetch || !window.URLSearchParams || !history.replaceState) return;

  var root = box.getAttribute('data-root') || '';
  var nav = box.querySelector('nav.facets');
  var main = box.querySelector('.list-main');
  var count = document.querySelector('[data-count]');
  var heading = document.querySelector('main h1');
  var facetEls = Array.prototype.slice.call(box.querySelectorAll('[data-facet]'));
  var facets = facetEls.map(function (el) {
    return { key: el.getAttribute('data-facet'), label: el.querySelector('summary').textContent.trim() };
  });

  // The facet this static page stands for (board/lothian/ → board = lothian), if any.
  var pageFacet = null;
  facetEls.forEach(function (el) {
    var cur = el.querySelector('a[aria-current][data-value]');
    if (cur) pageFacet = { key: el.getAttribute('data-facet'), value: cur.getAttribute('data-value') };
  });

  function fromUrl() {
    var q = new URLSearchParams(location.search);
    var state = {};
    var any = facets.some(function (f) { return q.has(f.key); });
    facets.forEach(function (f) { state[f.key] = any ? q.get(f.key) || '' : ''; });
    if (!any && pageFacet) state[pageFacet.key] = pageFacet.value;
    return state;
  }

  // What the static page shows: its heading is right for this state only.
  function pageState() {
    var s = {};
    facets.forEach(function (f) { s[f.key] = pageFacet && pageFacet.key === f.key ? pageFacet.value : ''; });
    return s;
  }

  function same(a, b) {
    return facets.every(function (f) { return (a[f.key] || '') === (b[f.key] || ''); });
  }

  function toQuery(state) {
    var q = new URLSearchParams();
    facets.forEach(function (f) { if (state[f.key]) q.set(f.key, state[f.key]); });
    var s = q.toString();
    if (same(state, pageState())) return '';
    // On a facet page an empty query would mean the page's own facet, so say "any" explicitly.
    if (!s && pageFacet) return '?' + pageFacet.key + '=';
    return s ? '?' + s : '';
  }

  function matches(item, state, skip) {
    return facets.every(function (f) {
      return f.key === skip || !state[f.key] || (item[f.key] || []).indexOf(state[f.key]) >= 0;
    });
  }

  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === 'text') e.textContent = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    (kids || []).forEach(function (c) { e.append(c); });
    return e;
  }

  function start(index) {
    var names = index.facets || {};
    var items = index.items || [];
    var initial = heading ? heading.textContent : '';

    var form = el('form', { class: 'filter-form', 'data-filter-form': '' });
    var selects = {};
    facets.forEach(function (f) {
      var id = 'filter-' + f.key;
      var sel = el('select', { id: id, name: f.key });
      var keys = Object.keys(names[f.key] || {});
      keys.sort(function (a, b) {
        // Newest year first; everything else alphabetically by the name people see.
        return f.key === 'year' ? b.localeCompare(a) : names[f.key][a].localeCompare(names[f.key][b]);
      });
      sel.append(el('option', { value: '' }));
      keys.forEach(function (k) { sel.append(el('option', { value: k })); });
      selects[f.key] = sel;
      form.append(el('p', { class: 'filter' }, [el('label', { for: id, text: f.label }), sel]));
    });
    var clear = el('button', { type: 'button', class: 'secondary', text: 'Clear filters' });
    form.append(el('p', {}, [clear]));
    form.addEventListener('submit', function (e) { e.preventDefault(); });

    // The static facet links and pagination stay in the page for no-JS use; with the
    // script the form and one list of every match replace them.
    Array.prototype.forEach.call(nav.children, function (c) { if (!c.matches('h2')) c.hidden = true; });
    // On a narrow screen the filters start closed, in a disclosure that says how many are
    // active, so the results are on the first screen; on a wide one they start open.
    var summary = el('summary', {});
    var disclosure = el('details', { class: 'filter-disclosure' }, [summary, form]);
    disclosure.open = !window.matchMedia || window.matchMedia('(min-width: 48rem)').matches;
    nav.append(disclosure);
    Array.prototype.forEach.call(main.children, function (c) { c.hidden = true; });
    var results = el('div', { 'data-results': '' });
    main.append(results);
    count.setAttribute('aria-live', 'polite');
    count.setAttribute('aria-atomic', 'true');

    function current() {
      var s = {};
      facets.forEach(function (f) { s[f.key] = selects[f.key].value; });
      return s;
    }

    function render(state) {
      facets.forEach(function (f) {
        var sel = selects[f.key];
        sel.value = state[f.key] || '';
        // A value from a shared link that no longer exists falls back to "any".
        if (sel.value !== (state[f.key] || '')) { state[f.key] = ''; sel.value = ''; }
        Array.prototype.forEach.call(sel.options, function (o) {
          var n = items.filter(function (it) {
            return matches(it, state, f.key) && (!o.value || (it[f.key] || []).indexOf(o.value) >= 0);
          }).length;
          o.textContent = (o.value ? names[f.key][o.value] : 'Any ' + f.label.toLowerCase()) + ' (' + n + ')';
        });
      });

      var found = items.filter(function (it) { return matches(it, state); });
      results.textContent = '';
      if (found.length) {
        results.append(el('h2', { class: 'visually-hidden', text: 'Results' }));
        results.append(el('ul', { class: 'cards' }, found.map(card)));
      } else {
        results.append(el('p', { text: 'No case studies match these filters. Try removing one.' }));
      }
      var chosen = facets.filter(function (f) { return state[f.key]; });
      var n = found.length + ' case ' + (found.length === 1 ? 'study' : 'studies');
      count.textContent = chosen.length ? n + ' match' + (found.length === 1 ? 'es' : '') + ' your filters.' : n + '.';
      if (heading) heading.textContent = same(state, pageState()) ? initial
        : 'Case studies' + (chosen.length ? ': ' + chosen.map(function (f) { return names[f.key][state[f.key]]; }).join(', ') : '');
      clear.disabled = !chosen.length;
    }

    function card(it) {
      var board = (it.board || []).map(function (b) { return names.board[b] || b; }).join(', ');
      return el('li', { class: 'card' }, [
        el('h3', { class: 'card-title' }, [el('a', { href: root + it.url, text: it.title })]),
        el('p', { class: 'card-meta' }, [
          it.cluster + ' · ' + board + ' · ',
          el('time', { datetime: it.published, text: it.published }),
        ]),
        el('p', { text: it.summary }),
      ]);
    }

    function countActive(state) {
      var n = facets.filter(function (f) { return state[f.key]; }).length;
      summary.textContent = 'Filters (' + (n ? n + ' active' : 'none active') + ')';
    }

    function changed(state) {
      countActive(state);
      // Keep the path (relative links depend on it); the query carries the filters.
      history.replaceState(null, '', location.pathname + toQuery(state) + location.hash);
      render(state);
    }

    form.addEventListener('change', function () { changed(current()); });
    clear.addEventListener('click', function () {
      var s = {};
      facets.forEach(function (f) { s[f.key] = ''; });
      changed(s);
      selects[facets[0].key].focus();
    });
    countActive(fromUrl());
    render(fromUrl());
  }

  fetch(box.getAttribute('data-index'))
    .then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    })
    .then(start)
    .catch(function () { /* The static page still works; nothing to do. */ });
})();
