'use strict';
// Groups: lag per group and partition, the verdict of `onex groups`, and each group's total lag over the last minutes.
(() => {
  const {el, badge, replaceChildren, getJson, register} = Onex;
  const charts = new Map();
  const WINDOW_SECONDS = 600; // the server keeps ten minutes of samples
  let now = Date.now() / 1000;

  function chartOf(group) {
    const xs = group.history.map(p => p.at / 1000);
    const ys = group.history.map(p => p.lag);
    let entry = charts.get(group.groupId);
    if (!entry) {
      const box = el('div', {class: 'chart'});
      const plot = new uPlot({width: 360, height: 110, legend: {show: false},
        scales: {x: {time: true, range: () => [now - WINDOW_SECONDS, now]},
          y: {range: (u, min, max) => [0, Math.max(10, max * 1.1)]}},
        axes: [{}, {size: 50}],
        series: [{}, {label: 'lag', stroke: '#0969da', width: 1.5, fill: 'rgba(9,105,218,0.08)'}]},
        [xs, ys], box);
      entry = {box, plot};
      charts.set(group.groupId, entry);
    } else {
      entry.plot.setData([xs, ys]);
    }
    return entry.box;
  }

  function partitions(group) {
    return el('table', {class: 'partitions'},
      el('thead', {}, el('tr', {}, ...['Topic', 'Partition', 'Owner', 'Committed', 'End', 'Lag']
        .map(h => el('th', {}, h)))),
      el('tbody', {}, ...group.partitions.map(p => el('tr', {},
        el('td', {class: 'mono'}, p.topic), el('td', {class: 'num'}, p.partition),
        el('td', {class: 'mono'}, p.owner || '-'), el('td', {class: 'num'}, p.committed === null ? '-' : p.committed),
        el('td', {class: 'num'}, p.end), el('td', {class: 'num'}, p.lag === null ? '-' : p.lag)))));
  }

  async function refresh() {
    const view = await getJson('/dashboard/api/groups');
    now = view.now / 1000;
    const cards = view.groups.map(g => el('div', {class: 'card', 'data-group': g.groupId},
      el('h3', {}, el('span', {class: 'mono'}, g.groupId), badge(g.verdict, {'data-role': 'verdict'}),
        el('span', {class: 'reason'}, g.reason), badge(g.state),
        el('span', {class: 'reason'}, g.members + ' member(s)')),
      chartOf(g), partitions(g)));
    replaceChildren(document.getElementById('groups'), cards);
    document.getElementById('groups-empty').hidden = cards.length > 0;
  }

  register('groups', refresh, 3000);
})();
