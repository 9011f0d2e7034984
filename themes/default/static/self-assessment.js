// Self-assessment on a roadmap page. The page without this script is a printable worksheet;
// this script turns it into a tool: answers saved in the browser (localStorage, never sent
// anywhere), ratings, actions, a summary, a radar chart, export/import and comparison.
(function () {
  'use strict';
  var form = document.querySelector('form.worksheet[data-roadmap]');
  if (!form || !window.JSON || !document.createElementNS) return;

  var roadmap = form.getAttribute('data-roadmap');
  var STORE = 'ithub:self-assessment:' + roadmap;
  var FORMAT = 'ithub-self-assessment';
  var RAGS = ['red', 'amber', 'green'];
  var SVG = 'http://www.w3.org/2000/svg';
  var CSV_HEAD = ['roadmap', 'completed_by', 'component', 'component_name', 'item', 'question', 'answer', 'owner', 'by_when'];

  // The roadmap as rendered: everything the script needs is already in the worksheet.
  var components = Array.prototype.map.call(form.querySelectorAll('section[data-component]'), function (el) {
    var descriptors = {};
    el.querySelectorAll('tr[data-stage]').forEach(function (tr) {
      descriptors[tr.getAttribute('data-stage')] = text(tr.querySelector('.descriptor'));
    });
    return {
      key: el.getAttribute('data-component'),
      name: el.getAttribute('data-name'),
      el: el,
      descriptors: descriptors,
      questions: Array.prototype.map.call(el.querySelectorAll('li[data-question]'), function (li) {
        return { id: li.getAttribute('data-question'), text: text(li.querySelector('legend')) };
      }),
    };
  });
  if (!components.length) return;
  var stages = Array.prototype.map.call(components[0].el.querySelectorAll('tr[data-stage]'), function (tr) {
    return { key: tr.getAttribute('data-stage'), name: text(tr.querySelector('label')) };
  });
  var byKey = {};
  components.forEach(function (c) { byKey[c.key] = c; });

  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var who = $('#sa-who');
  var results = $('.sa-results');
  var status = $('[data-sa-status]');
  var saved = $('[data-sa-saved]');
  var rowTemplate = $('#sa-action-row');
  var uid = 0;
  var compared = [];

  function text(el) { return el ? el.textContent.replace(/\s+/g, ' ').trim() : ''; }

  function h(tag, attrs) {
    var el = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === 'text') el.textContent = attrs[k];
      else if (k === 'class') el.className = attrs[k];
      else el.setAttribute(k, attrs[k]);
    }
    for (var i = 2; i < arguments.length; i++) {
      if (arguments[i] != null) el.append(arguments[i]);
    }
    return el;
  }

  function stageName(key) {
    for (var i = 0; i < stages.length; i++) if (stages[i].key === key) return stages[i].name;
    return '';
  }
  function stageIndex(key) {
    for (var i = 0; i < stages.length; i++) if (stages[i].key === key) return i;
    return -1;
  }
  function cap(s) { return s ? s.charAt(0).toUpperCase() + s.slice(1) : ''; }

  function emptyState() {
    var s = { who: '', components: {} };
    components.forEach(function (c) {
      s.components[c.key] = { stage: '', rag: {}, notes: '', actions: [] };
    });
    return s;
  }

  function isEmpty(state) {
    return !state.who && components.every(function (c) {
      var a = state.components[c.key];
      return !a.stage && !a.notes && !a.actions.length && !Object.keys(a.rag).length;
    });
  }

  // ---- The worksheet is the single source of truth: read it, or write a state into it. ----

  function read() {
    var s = emptyState();
    s.who = who.value.trim();
    components.forEach(function (c) {
      var a = s.components[c.key];
      var st = c.el.querySelector('input[name="' + c.key + '-stage"]:checked');
      a.stage = st ? st.value : '';
      c.questions.forEach(function (q) {
        var r = c.el.querySelector('input[name="' + q.id + '-rag"]:checked');
        if (r) a.rag[q.id] = r.value;
      });
      a.notes = c.el.querySelector('textarea').value;
      c.el.querySelectorAll('.action-row').forEach(function (row) {
        var act = {};
        ['what', 'owner', 'due'].forEach(function (f) { act[f] = row.querySelector('[data-field=' + f + ']').value; });
        a.actions.push(act);
      });
    });
    return s;
  }

  function apply(state) {
    who.value = state.who;
    components.forEach(function (c) {
      var a = state.components[c.key];
      c.el.querySelectorAll('input[type=radio]').forEach(function (r) {
        if (r.name === c.key + '-stage') r.checked = r.value === a.stage;
        else r.checked = a.rag[r.name.replace(/-rag$/, '')] === r.value;
      });
      c.el.querySelector('textarea').value = a.notes;
      var list = c.el.querySelector('[data-action-list]');
      list.textContent = '';
      a.actions.forEach(function (act) { addAction(c, act); });
    });
  }

  function addAction(c, act) {
    var list = c.el.querySelector('[data-action-list]');
    var row = rowTemplate.content.firstElementChild.cloneNode(true);
    var id = c.key + '-action-' + (++uid);
    row.querySelectorAll('[data-field]').forEach(function (input) {
      var f = input.getAttribute('data-field');
      input.id = id + '-' + f;
      input.name = id + '-' + f;
      input.value = (act && act[f]) || '';
      row.querySelector('label[data-for=' + f + ']').htmlFor = input.id;
    });
    list.append(row);
    renumber(c);
    return row;
  }

  function renumber(c) {
    c.el.querySelectorAll('.action-row').forEach(function (row, i) {
      row.querySelectorAll('[data-n]').forEach(function (n) { n.textContent = String(i + 1); });
    });
  }

  // ---- Saving ----

  function load() {
    try {
      var raw = localStorage.getItem(STORE);
      return raw ? normalise(JSON.parse(raw)) : null;
    } catch (e) {
      return null;
    }
  }

  function save(state) {
    try {
      if (isEmpty(state)) localStorage.removeItem(STORE);
      else localStorage.setItem(STORE, JSON.stringify(exportObject(state)));
      saved.textContent = isEmpty(state) ? '' : 'Saved in this browser at ' + new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) + '.';
    } catch (e) {
      saved.textContent = 'This browser is not letting the page save your answers. Export them to keep a copy.';
    }
  }

  // Imported files come from anywhere: keep only what fits this roadmap.
  function normalise(obj) {
    if (!obj || typeof obj !== 'object' || obj.format !== FORMAT) {
      throw new Error('it is not a self-assessment export from this hub');
    }
    if (obj.roadmap && obj.roadmap !== roadmap) {
      throw new Error('it is for a different roadmap (' + obj.roadmap + ')');
    }
    var s = emptyState();
    s.who = typeof obj.who === 'string' ? obj.who : '';
    var src = obj.components && typeof obj.components === 'object' ? obj.components : {};
    components.forEach(function (c) {
      var a = src[c.key];
      if (!a || typeof a !== 'object') return;
      var out = s.components[c.key];
      if (stageIndex(a.stage) >= 0) out.stage = a.stage;
      c.questions.forEach(function (q) {
        if (a.rag && RAGS.indexOf(a.rag[q.id]) >= 0) out.rag[q.id] = a.rag[q.id];
      });
      if (typeof a.notes === 'string') out.notes = a.notes;
      if (Array.isArray(a.actions)) {
        a.actions.forEach(function (act) {
          if (!act || typeof act !== 'object') return;
          var due = typeof act.due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(act.due) ? act.due : '';
          out.actions.push({ what: String(act.what || ''), owner: String(act.owner || ''), due: due });
        });
      }
    });
    return s;
  }

  function exportObject(state) {
    return {
      format: FORMAT, version: 1, roadmap: roadmap,
      title: text($('h1')), who: state.who, exported: new Date().toISOString(),
      stages: stages.map(function (s) { return s.key; }),
      components: state.components,
    };
  }

  // ---- CSV (RFC 4180), one row per answer so it reads well in a spreadsheet ----

  // A cell starting with = + - @ would run as a formula in a spreadsheet: quote it with '.
  function cell(v) {
    v = String(v == null ? '' : v);
    if (/^[=+\-@\t\r]/.test(v)) v = "'" + v;
    return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function uncell(v) { return /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v; }

  function toCsv(state) {
    var rows = [CSV_HEAD];
    components.forEach(function (c) {
      var a = state.components[c.key];
      var row = function (item, question, answer, owner, due) {
        rows.push([roadmap, state.who, c.key, c.name, item, question, answer, owner || '', due || '']);
      };
      row('stage', '', a.stage);
      c.questions.forEach(function (q) { row(q.id, q.text, a.rag[q.id] || ''); });
      row('notes', '', a.notes);
      a.actions.forEach(function (act) { row('action', '', act.what, act.owner, act.due); });
    });
    return rows.map(function (r) { return r.map(cell).join(','); }).join('\r\n') + '\r\n';
  }

  function parseCsv(src) {
    var rows = [], row = [], field = '', quoted = false;
    src = src.replace(/^\uFEFF/, '');
    for (var i = 0; i < src.length; i++) {
      var ch = src[i];
      if (quoted) {
        if (ch === '"' && src[i + 1] === '"') { field += '"'; i++; }
        else if (ch === '"') quoted = false;
        else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') { row.push(field); field = ''; }
      else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && src[i + 1] === '\n') i++;
        row.push(field); rows.push(row); row = []; field = '';
      } else field += ch;
    }
    if (field || row.length) { row.push(field); rows.push(row); }
    return rows.filter(function (r) { return r.length > 1 || r[0]; });
  }

  function fromCsv(src) {
    var rows = parseCsv(src);
    var head = rows.shift() || [];
    var col = {};
    head.forEach(function (name, i) { col[name.trim()] = i; });
    ['component', 'item', 'answer'].forEach(function (n) {
      if (!(n in col)) throw new Error('it has no “' + n + '” column');
    });
    var get = function (r, n) { return n in col ? uncell(r[col[n]] || '') : ''; };
    var obj = { format: FORMAT, who: '', components: {} };
    rows.forEach(function (r) {
      var key = get(r, 'component');
      if (get(r, 'roadmap')) obj.roadmap = get(r, 'roadmap');
      if (get(r, 'completed_by')) obj.who = get(r, 'completed_by');
      var a = obj.components[key] = obj.components[key] || { stage: '', rag: {}, notes: '', actions: [] };
      var item = get(r, 'item'), answer = get(r, 'answer');
      if (item === 'stage') a.stage = answer;
      else if (item === 'notes') a.notes = answer;
      else if (item === 'action') a.actions.push({ what: answer, owner: get(r, 'owner'), due: get(r, 'by_when') });
      else if (answer) a.rag[item] = answer.toLowerCase();
    });
    return obj;
  }

  function parseFile(name, src) {
    var trimmed = src.replace(/^\uFEFF/, '').trim();
    var obj;
    if (trimmed.charAt(0) === '{') {
      try { obj = JSON.parse(trimmed); } catch (e) { throw new Error('it is not valid JSON'); }
    } else {
      obj = fromCsv(trimmed);
    }
    return normalise(obj);
  }

  function readFiles(input, done) {
    var files = Array.prototype.slice.call(input.files || []);
    Promise.all(files.map(function (f) {
      return f.text().then(function (src) {
        try { return { name: f.name, state: parseFile(f.name, src) }; }
        catch (e) { return { name: f.name, error: e.message }; }
      });
    })).then(function (got) {
      input.value = '';
      done(got);
    });
  }

  function download(name, type, body) {
    var url = URL.createObjectURL(new Blob([body], { type: type }));
    var a = h('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function fileName(state, ext) {
    var person = state.who.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    return ['self-assessment', roadmap, person, new Date().toISOString().slice(0, 10)].filter(Boolean).join('-') + '.' + ext;
  }

  function announce(msg) {
    // Clear first so the same message twice is still announced.
    status.textContent = '';
    setTimeout(function () { status.textContent = msg; }, 50);
  }

  // ---- Rendering the results ----

  function radar(series, id) {
    var W = 640, H = 470, cx = W / 2, cy = H / 2, R = 160, n = components.length, max = stages.length;
    var svg = document.createElementNS(SVG, 'svg');
    var el = function (tag, attrs, parent) {
      var e = document.createElementNS(SVG, tag);
      for (var k in attrs) e.setAttribute(k, attrs[k]);
      (parent || svg).append(e);
      return e;
    };
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('class', 'radar-chart');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-labelledby', id + '-title ' + id + '-desc');
    el('title', { id: id + '-title' }).textContent = 'Radar chart of the stage chosen for each component';
    el('desc', { id: id + '-desc' }).textContent = series.map(function (s) {
      return (series.length > 1 ? s.label + ': ' : '') + components.map(function (c) {
        return c.name + ' ' + (stageName(s.state.components[c.key].stage) || 'not chosen');
      }).join(', ');
    }).join('. ') + '.';
    var at = function (i, r) {
      var a = -Math.PI / 2 + (2 * Math.PI * i) / n;
      return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
    };
    for (var ring = 1; ring <= max; ring++) {
      var pts = components.map(function (c, i) { return at(i, (R * ring) / max).join(','); }).join(' ');
      el('polygon', { points: pts, class: 'radar-ring' });
      // Ring names sit between the first two axes, clear of the component labels.
      var lp = at(0.5, (R * ring) / max);
      el('text', { x: lp[0], y: lp[1] - 3, class: 'radar-stage', 'text-anchor': 'middle' }).textContent = stages[ring - 1].name;
    }
    components.forEach(function (c, i) {
      var end = at(i, R), lab = at(i, R + 14);
      el('line', { x1: cx, y1: cy, x2: end[0], y2: end[1], class: 'radar-axis' });
      var dx = lab[0] - cx;
      el('text', {
        x: lab[0], y: lab[1] + 4, class: 'radar-label',
        'text-anchor': Math.abs(dx) < 1 ? 'middle' : dx > 0 ? 'start' : 'end',
      }).textContent = c.name;
    });
    series.forEach(function (s, k) {
      var pts = components.map(function (c, i) {
        return at(i, (R * (stageIndex(s.state.components[c.key].stage) + 1)) / max);
      });
      el('polygon', { points: pts.map(function (p) { return p.join(','); }).join(' '), class: 'radar-area series-' + (k % 5) });
      pts.forEach(function (p) { el('circle', { cx: p[0], cy: p[1], r: 4, class: 'radar-point series-' + (k % 5) }); });
    });
    return svg;
  }

  function legend(series) {
    var ul = h('ul', { class: 'radar-legend' });
    series.forEach(function (s, k) {
      var sw = document.createElementNS(SVG, 'svg');
      sw.setAttribute('viewBox', '0 0 30 10');
      sw.setAttribute('class', 'radar-swatch');
      sw.setAttribute('aria-hidden', 'true');
      var line = document.createElementNS(SVG, 'line');
      ['x1', 0, 'y1', 5, 'x2', 30, 'y2', 5, 'class', 'radar-area series-' + (k % 5)].forEach(function (v, i, a) {
        if (i % 2 === 0) line.setAttribute(v, a[i + 1]);
      });
      sw.append(line);
      ul.append(h('li', null, sw, ' ' + s.label));
    });
    return ul;
  }

  function counts(c, a) {
    var n = { red: 0, amber: 0, green: 0, none: 0 };
    c.questions.forEach(function (q) { n[a.rag[q.id] || 'none']++; });
    return n;
  }

  function nextStep(c, a) {
    var box = c.el.querySelector('[data-next-step]');
    // The box is a live region: rebuild it only when the stage changes, or every keystroke
    // in the notes would announce it again.
    if (box.getAttribute('data-for') === a.stage) return;
    box.setAttribute('data-for', a.stage);
    var i = stageIndex(a.stage);
    box.textContent = '';
    box.hidden = false;
    if (i < 0) {
      box.append(h('p', { text: 'Choose a stage to see your next step.' }));
      return;
    }
    var links = h('ul', { class: 'component-links' });
    c.el.querySelectorAll('[data-links] a').forEach(function (a) { links.append(h('li', null, a.cloneNode(true))); });
    if (i + 1 < stages.length) {
      var next = stages[i + 1];
      box.append(
        h('h3', { text: 'Next step: ' + next.name }),
        h('p', { text: c.descriptors[next.key] }),
        h('p', { text: 'See how other clusters got there:' }),
        links
      );
    } else {
      box.append(
        h('h3', { text: 'Next step: keep it going' }),
        h('p', { text: 'You chose the last stage, ' + stages[i].name + '. Keep it up and share what works with other clusters.' }),
        links
      );
    }
  }

  function render(state) {
    var body = $('[data-summary] tbody');
    body.textContent = '';
    var plan = $('[data-plan]');
    plan.textContent = '';
    var planned = 0;
    components.forEach(function (c) {
      var a = state.components[c.key];
      var n = counts(c, a);
      var i = stageIndex(a.stage);
      body.append(h('tr', null,
        h('th', { scope: 'row', text: c.name }),
        h('td', { text: i < 0 ? 'Not chosen' : stages[i].name + ' (' + (i + 1) + ' of ' + stages.length + ')' }),
        h('td', { text: String(n.red) }), h('td', { text: String(n.amber) }), h('td', { text: String(n.green) }),
        h('td', { text: String(n.none) }), h('td', { text: String(a.actions.length) })
      ));
      nextStep(c, a);
      c.el.querySelector('.actions-print').hidden = a.actions.length > 0;

      if (i < 0 && !a.actions.length && !a.notes) return;
      planned++;
      var item = h('div', { class: 'plan-item' }, h('h4', { text: c.name }));
      if (i >= 0) {
        var next = stages[i + 1];
        item.append(h('p', null, 'Now: ', h('strong', { text: stages[i].name }), '. ',
          next ? 'Next stage, ' + next.name + ': ' + c.descriptors[next.key] : 'This is the last stage.'));
      }
      if (a.notes) item.append(h('p', { class: 'plan-notes', text: 'Notes: ' + a.notes }));
      if (a.actions.length) {
        var tb = h('tbody');
        a.actions.slice().sort(function (x, y) { return (x.due || '9999').localeCompare(y.due || '9999'); })
          .forEach(function (act) {
            tb.append(h('tr', null, h('td', { text: act.what || '—' }), h('td', { text: act.owner || '—' }), h('td', { text: act.due || '—' })));
          });
        item.append(h('table', { class: 'plan-actions' },
          h('caption', { text: 'Actions for ' + c.name.toLowerCase() }),
          h('thead', null, h('tr', null, h('th', { scope: 'col', text: 'What' }), h('th', { scope: 'col', text: 'Owner' }), h('th', { scope: 'col', text: 'By when' }))),
          tb));
      }
      plan.append(item);
    });
    if (!planned) plan.append(h('p', { text: 'Choose stages and add actions above to build your action plan.' }));

    var chart = $('[data-radar]');
    chart.textContent = '';
    chart.append(radar([{ label: state.who || 'You', state: state }], 'radar-own'));
    $('[data-print-who]').textContent = 'Completed by ' + (state.who || '____________________') + ' on ' + new Date().toLocaleDateString('en-GB') + '.';
  }

  function renderCompare() {
    var box = $('[data-compare]');
    var people = compared.slice();
    var mine = read();
    var includeMine = $('#sa-compare-mine');
    if (includeMine && includeMine.checked && !isEmpty(mine)) people.unshift({ label: 'You' + (mine.who ? ' (' + mine.who + ')' : ''), state: mine });
    box.hidden = !people.length;
    if (!people.length) return;

    var table = $('[data-compare-table]');
    var head = table.querySelector('thead');
    head.textContent = '';
    table.querySelectorAll('tbody').forEach(function (t) { t.remove(); });
    var tr = h('tr', null, h('th', { scope: 'col', text: 'Component and question' }));
    people.forEach(function (p) { tr.append(h('th', { scope: 'col', text: p.label })); });
    tr.append(h('th', { scope: 'col', text: 'Agreement' }));
    head.append(tr);

    var differ = { stages: 0, questions: 0 };
    var row = function (label, values, show, kind, cls) {
      var given = values.filter(Boolean);
      var distinct = given.filter(function (v, i) { return given.indexOf(v) === i; });
      var differs = distinct.length > 1;
      if (differs) differ[kind]++;
      var r = h('tr', { class: cls + (differs ? ' differs' : '') }, h('th', { scope: 'row', text: label }));
      values.forEach(function (v) { r.append(h('td', { class: v ? 'answer-' + v : '', text: v ? show(v) : '—' })); });
      r.append(h('td', null, differs ? h('strong', { text: 'Differs' }) : given.length > 1 ? 'Same' : '—'));
      return r;
    };
    // One tbody per component keeps each component's rows together for screen readers and print.
    components.forEach(function (c) {
      var tb = h('tbody');
      tb.append(row(c.name + ': stage', people.map(function (p) { return p.state.components[c.key].stage; }), stageName, 'stages', 'compare-stage'));
      c.questions.forEach(function (q) {
        tb.append(row(q.text, people.map(function (p) { return p.state.components[c.key].rag[q.id] || ''; }), cap, 'questions', 'compare-question'));
      });
      table.append(tb);
    });

    var nq = components.reduce(function (n, c) { return n + c.questions.length; }, 0);
    var summary = people.length + (people.length === 1 ? ' person' : ' people') + ' compared. They differ on ' +
      differ.stages + ' of ' + components.length + ' stages and ' + differ.questions + ' of ' + nq + ' questions.';
    $('[data-compare-summary]').textContent = summary;
    var chart = $('[data-compare-radar]');
    chart.textContent = '';
    chart.append(radar(people, 'radar-compare'), legend(people));
    return summary;
  }

  function update() {
    var state = read();
    save(state);
    render(state);
    if (compared.length) renderCompare();
  }

  // ---- Wiring ----

  document.querySelectorAll('[data-sa-only]').forEach(function (el) { el.hidden = false; });
  form.classList.add('enhanced');
  // The worksheet is not sent anywhere: Enter in a text field must not reload the page.
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  who.addEventListener('input', update);

  form.addEventListener('click', function (e) {
    var add = e.target.closest('[data-add-action]');
    var remove = e.target.closest('[data-remove-action]');
    if (add) {
      var c = byKey[add.closest('section[data-component]').getAttribute('data-component')];
      addAction(c).querySelector('input').focus();
      update();
    } else if (remove) {
      var row = remove.closest('.action-row');
      var comp = byKey[row.closest('section[data-component]').getAttribute('data-component')];
      var neighbour = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumber(comp);
      // Keep focus nearby so keyboard users do not lose their place.
      (neighbour ? neighbour.querySelector('input') : comp.el.querySelector('[data-add-action]')).focus();
      update();
      announce('Action removed from ' + comp.name.toLowerCase() + '.');
    }
  });

  results.addEventListener('click', function (e) {
    var t = e.target.closest('button');
    if (!t) return;
    var state = read();
    if (t.hasAttribute('data-export')) {
      var kind = t.getAttribute('data-export');
      if (kind === 'json') download(fileName(state, 'json'), 'application/json', JSON.stringify(exportObject(state), null, 2) + '\n');
      else download(fileName(state, 'csv'), 'text/csv;charset=utf-8', toCsv(state));
      announce('Exported your answers as ' + kind.toUpperCase() + '.');
    } else if (t.hasAttribute('data-clear')) {
      if (!window.confirm('Clear all your answers from this browser? Export them first if you want to keep a copy.')) return;
      apply(emptyState());
      update();
      announce('All your answers have been cleared.');
    } else if (t.hasAttribute('data-print-results')) {
      document.body.classList.add('print-results');
      window.print();
    } else if (t.hasAttribute('data-compare-clear')) {
      compared = [];
      renderCompare();
      $('[data-compare]').hidden = true;
      $('#sa-compare').focus();
      announce('Comparison cleared.');
    }
  });
  // Printing the results is a one-off: the page's own print view is the whole worksheet.
  window.addEventListener('afterprint', function () { document.body.classList.remove('print-results'); });

  $('#sa-import').addEventListener('change', function (e) {
    readFiles(e.target, function (got) {
      var f = got[0];
      if (!f) return;
      if (f.error) return announce('Could not import ' + f.name + ': ' + f.error + '.');
      apply(f.state);
      update();
      announce('Imported the answers in ' + f.name + (f.state.who ? ', completed by ' + f.state.who : '') + '.');
    });
  });

  $('#sa-compare').addEventListener('change', function (e) {
    readFiles(e.target, function (got) {
      var errors = [];
      got.forEach(function (f) {
        if (f.error) return errors.push('Could not read ' + f.name + ': ' + f.error + '.');
        compared.push({ label: f.state.who || f.name, state: f.state });
      });
      var summary = compared.length ? renderCompare() : '';
      announce(errors.concat(summary ? [summary] : []).join(' '));
    });
  });

  var mineBox = $('#sa-compare-mine');
  if (mineBox) mineBox.addEventListener('change', function () { if (compared.length) announce(renderCompare()); });

  var stored = load();
  if (stored) {
    apply(stored);
    saved.textContent = 'Your answers were restored from this browser.';
  }
  render(stored || emptyState());
})();
