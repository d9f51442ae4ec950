'use strict';
// Nodes: the registry's table, polled every second so that a node going suspect shows within a heartbeat interval.
(() => {
  const {el, badge, age, replaceChildren, getJson, register} = Onex;
  // expired and offline instances stay in the registry's view for ever; past 10 minutes they are history, not news
  const GONE_AFTER_SECONDS = 600;
  const gone = n => (n.status === 'expired' || n.status === 'offline') && n.silentSeconds > GONE_AFTER_SECONDS;

  function breakers(map) {
    const names = Object.keys(map || {});
    if (names.length === 0) return el('span', {class: 'empty'}, '-');
    return el('span', {}, ...names.map(n => el('span', {class: 'breaker'}, n + ' ', badge(map[n]), ' ')));
  }

  async function refresh() {
    const view = await getJson('/dashboard/api/nodes');
    replaceChildren(document.getElementById('instances'), view.instances.map(i =>
      el('span', {class: 'chip', 'data-name': i.name}, i.name + ': ' + i.live + ' live / ' + i.known)));
    const all = document.getElementById('nodes-all').checked;
    const shown = view.nodes.filter(n => all || !gone(n));
    const hidden = view.nodes.length - shown.length;
    document.getElementById('nodes-hidden').textContent = hidden ? '(' + hidden + ' hidden)' : '';
    const rows = shown.map(n => el('tr', {class: 'row-' + n.status, 'data-node-id': n.nodeId,
        'data-status': n.status},
      el('td', {}, badge(n.status, {'data-role': 'status'}), el('span', {class: 'age'}, age(n.silentSeconds))),
      el('td', {}, n.name),
      el('td', {class: 'mono'}, n.nodeId),
      el('td', {}, n.type),
      el('td', {}, n.version || '-'),
      el('td', {}, n.health ? badge(n.health) : '-'),
      el('td', {}, breakers(n.breakers)),
      el('td', {class: 'num'}, n.heartbeatSeconds + ' s')));
    replaceChildren(document.querySelector('#nodes-table tbody'), rows);
    document.getElementById('nodes-empty').hidden = rows.length > 0;
  }

  document.getElementById('nodes-all').addEventListener('change', () => refresh());
  register('nodes', refresh, 1000);
})();
