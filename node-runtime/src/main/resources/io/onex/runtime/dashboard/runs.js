'use strict';
// Workflow runs: the recent runs from the workflow events, and the selected run's steps drawn as its graph: columns by
// depth (a step sits right of every step it depends on; a parallel step's nested steps right of it), plain SVG.
(() => {
  const {el, badge, stateClass, duration, time, replaceChildren, getJson, register} = Onex;
  const SVG = 'http://www.w3.org/2000/svg';
  const BOX_W = 170, BOX_H = 46, COL = 220, ROW = 62, PAD = 12;
  let selected = null;

  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** Column of each step: after its dependencies (and their nested steps), nested steps after their parent. */
  function depths(steps) {
    const byName = new Map(steps.map(s => [s.name, s]));
    const children = new Map();
    for (const s of steps) if (s.parent) (children.get(s.parent) || children.set(s.parent, []).get(s.parent)).push(s);
    const memo = new Map();
    const depth = (s, seen) => {
      if (memo.has(s.name)) return memo.get(s.name);
      if (seen.has(s.name)) return 0; // a cycle cannot come from a valid workflow; draw it flat rather than hang
      seen.add(s.name);
      let d = 0;
      if (s.parent && byName.has(s.parent)) d = depth(byName.get(s.parent), seen) + 1;
      for (const dep of s.dependsOn) if (byName.has(dep)) d = Math.max(d, end(byName.get(dep), seen) + 1);
      memo.set(s.name, d);
      return d;
    };
    const end = (s, seen) => Math.max(depth(s, seen), ...(children.get(s.name) || []).map(c => depth(c, seen)));
    steps.forEach(s => depth(s, new Set()));
    return memo;
  }

  function dag(run) {
    const depthOf = depths(run.steps);
    const columns = [];
    for (const s of run.steps) (columns[depthOf.get(s.name)] = columns[depthOf.get(s.name)] || []).push(s);
    const at = new Map();
    columns.forEach((col, c) => (col || []).forEach((s, r) => at.set(s.name, {x: PAD + c * COL, y: PAD + r * ROW})));
    const rows = Math.max(1, ...columns.map(c => (c || []).length));
    const root = svg('svg', {class: 'dag', width: PAD * 2 + Math.max(1, columns.length) * COL - (COL - BOX_W),
      height: PAD * 2 + rows * ROW - (ROW - BOX_H), 'data-role': 'dag'});
    const children = name => run.steps.filter(c => c.parent === name).map(c => c.name);
    const line = (fromName, toStep, nested) => {
      const f = at.get(fromName), t = at.get(toStep.name);
      if (!f) return;
      root.appendChild(svg('line', {x1: f.x + BOX_W, y1: f.y + BOX_H / 2, x2: t.x, y2: t.y + BOX_H / 2,
        class: nested ? 'nested' : ''}));
    };
    for (const s of run.steps) {
      if (s.parent) line(s.parent, s, true);
      // a parallel step ends when its nested steps do: the arrows leave from them
      for (const d of s.dependsOn) {
        const nested = children(d);
        (nested.length ? nested : [d]).forEach(from => line(from, s, false));
      }
    }
    for (const s of run.steps) {
      const p = at.get(s.name);
      const g = svg('g', {'data-step': s.name, 'data-status': s.status});
      g.appendChild(svg('rect', {x: p.x, y: p.y, width: BOX_W, height: BOX_H, class: stateClass(s.status)}));
      g.appendChild(svg('text', {x: p.x + 8, y: p.y + 18, class: 'step-name'}, s.name));
      g.appendChild(svg('text', {x: p.x + 8, y: p.y + 36}, s.status + ' · ' + duration(s.durationMs)));
      const tip = svg('title', {}, s.name + ' (' + s.type + (s.node ? ', node ' + s.node : '') + '): ' + s.status
        + ' in ' + duration(s.durationMs) + (s.error ? '\n' + s.error : ''));
      g.appendChild(tip);
      root.appendChild(g);
    }
    return root;
  }

  function detail(run) {
    return el('div', {class: 'card', 'data-run': run.workflowId},
      el('h3', {}, el('span', {}, run.workflowType + ' ' + run.workflowVersion), badge(run.status),
        el('span', {class: 'reason mono'}, run.workflowId), el('span', {class: 'reason'}, duration(run.durationMs))),
      run.error ? el('p', {class: 'error-text'}, run.error) : null,
      dag(run),
      el('table', {class: 'steps'},
        el('thead', {}, el('tr', {}, ...['Step', 'Type', 'Node', 'Status', 'Time', 'Depends on', 'Error']
          .map(h => el('th', {}, h)))),
        el('tbody', {}, ...run.steps.map(s => el('tr', {'data-step': s.name},
          el('td', {}, s.name), el('td', {}, s.type), el('td', {}, s.node || '-'), el('td', {}, badge(s.status)),
          el('td', {class: 'num'}, duration(s.durationMs)),
          el('td', {}, (s.parent ? ['in ' + s.parent] : []).concat(s.dependsOn).join(', ') || '-'),
          el('td', {class: 'error-text'}, s.error))))));
  }

  async function refresh() {
    const view = await getJson('/dashboard/api/runs');
    const rows = view.runs.map(r => {
      const tr = el('tr', {class: 'selectable' + (r.workflowId === selected ? ' selected' : ''),
          'data-run': r.workflowId, 'data-status': r.status},
        el('td', {}, time(r.startedAt)), el('td', {}, r.workflowType + ' ' + r.workflowVersion),
        el('td', {}, badge(r.status)), el('td', {class: 'num'}, duration(r.durationMs)),
        el('td', {class: 'num'}, r.steps.length + (r.stepCount ? ' / ' + r.stepCount : '')),
        el('td', {class: 'error-text'}, r.error));
      tr.addEventListener('click', () => { selected = r.workflowId; refresh(); });
      return tr;
    });
    replaceChildren(document.querySelector('#runs-table tbody'), rows);
    document.getElementById('runs-empty').hidden = rows.length > 0;
    const run = view.runs.find(r => r.workflowId === selected);
    replaceChildren(document.getElementById('run-detail'), run ? [detail(run)] : []);
  }

  register('runs', refresh, 2000);
})();
