// Induction pack checklists: ticks persist in this browser (localStorage, never sent anywhere),
// and the pack's contents page shows progress. Without this script the checklists are plain,
// printable checkboxes.
(function () {
  'use strict';
  var PREFIX = 'ithub:checklist:';

  function load(pack) {
    try {
      var v = JSON.parse(localStorage.getItem(PREFIX + pack) || '[]');
      return Array.isArray(v) ? v : [];
    } catch (e) {
      return [];
    }
  }

  function store(pack, ticked) {
    try {
      if (ticked.length) localStorage.setItem(PREFIX + pack, JSON.stringify(ticked));
      else localStorage.removeItem(PREFIX + pack);
      return true;
    } catch (e) {
      return false;
    }
  }

  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  // ---- Section pages and the one-page pack: the checklists themselves ----

  var lists = document.querySelectorAll('[data-pack] fieldset[data-checklist]');
  lists.forEach(function (fs) {
    var pack = fs.closest('[data-pack]').getAttribute('data-pack');
    var boxes = fs.querySelectorAll('input[type=checkbox]');
    var progress = document.createElement('p');
    progress.className = 'checklist-progress';
    // Polite and atomic: one short sentence after each tick, not a running commentary.
    progress.setAttribute('aria-live', 'polite');
    progress.setAttribute('aria-atomic', 'true');
    fs.append(progress);

    function show(ticked) {
      var done = 0;
      boxes.forEach(function (b) {
        b.checked = ticked.indexOf(b.name) >= 0;
        if (b.checked) done++;
      });
      progress.textContent = done + ' of ' + plural(boxes.length, 'item', 'items') + ' done. Your ticks are saved in this browser.';
    }

    fs.addEventListener('change', function (e) {
      var b = e.target;
      var ticked = load(pack).filter(function (id) { return id !== b.name; });
      if (b.checked) ticked.push(b.name);
      if (!store(pack, ticked)) {
        progress.textContent = 'This browser is not letting the page save your ticks.';
        return;
      }
      show(ticked);
    });
    // Another tab (the section page and the one-page pack, say) changed the same pack.
    window.addEventListener('storage', function (e) {
      if (e.key === PREFIX + pack || e.key === null) show(load(pack));
    });
    show(load(pack));
  });

  // ---- The pack's contents page: progress per section and for the whole pack ----

  var contents = document.querySelector('ol.pack-contents[data-pack]');
  if (!contents) return;
  var pack = contents.getAttribute('data-pack');
  var summary = document.querySelector('[data-pack-progress]');
  var reset = document.querySelector('[data-pack-reset]');

  function showContents() {
    var ticked = load(pack);
    var done = 0, total = 0;
    contents.querySelectorAll('li[data-section]').forEach(function (li) {
      var n = Number(li.getAttribute('data-count')) || 0;
      if (!n) return;
      // Item ids are PACK-SECTION-N, so a section's ticks are those with its prefix and a number.
      var prefix = pack + '-' + li.getAttribute('data-section') + '-';
      var mine = ticked.filter(function (id) {
        return id.indexOf(prefix) === 0 && /^\d+$/.test(id.slice(prefix.length)) && Number(id.slice(prefix.length)) <= n;
      }).length;
      done += mine;
      total += n;
      var badge = li.querySelector('.section-progress');
      if (!badge) {
        badge = document.createElement('span');
        badge.className = 'section-progress';
        li.querySelector('a').after(badge);
      }
      badge.textContent = mine === n ? 'Checklist done (' + n + ' of ' + n + ')' : 'Checklist: ' + mine + ' of ' + n + ' done';
      badge.classList.toggle('complete', mine === n);
    });
    if (summary && total) {
      summary.hidden = false;
      summary.querySelector('[data-progress-text]').textContent =
        'You have ticked ' + done + ' of ' + plural(total, 'checklist item', 'checklist items') + ' in this pack.';
      var bar = summary.querySelector('progress');
      bar.max = total;
      bar.value = done;
      if (reset) reset.hidden = done === 0;
    }
  }

  if (reset) {
    reset.addEventListener('click', function () {
      if (!window.confirm('Untick every checklist item in this pack?')) return;
      store(pack, []);
      showContents();
      summary.querySelector('[data-progress-text]').focus();
    });
  }
  window.addEventListener('storage', function (e) {
    if (e.key === PREFIX + pack || e.key === null) showContents();
  });
  showContents();
})();
