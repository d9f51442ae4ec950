'use strict';
// Dead letters: per DLQ topic the counts by original topic and error type, the latest records with their error and
// original envelope (as text), and a replay button behind a confirmation when the dashboard allows actions.
(() => {
  const {el, replaceChildren, getJson, postJson, register, time} = Onex;
  const open = new Set(); // records whose envelope the user unfolded stay unfolded across refreshes
  const results = new Map(); // what a replay said, by record, shown instead of its button from then on
  const keyOf = letter => letter.topic + '/' + letter.partition + '@' + letter.offset;

  function envelope(letter) {
    const key = keyOf(letter);
    const shown = letter.raw ? letter.raw : JSON.stringify({event_id: letter.eventId, event_type: letter.eventType,
      correlation_id: letter.correlationId, source: letter.source, payload: letter.payload}, null, 2);
    const details = el('details', {}, el('summary', {}, 'original envelope'), el('pre', {'data-role': 'envelope'},
      shown));
    details.open = open.has(key);
    details.addEventListener('toggle', () => details.open ? open.add(key) : open.delete(key));
    return details;
  }

  function replayButton(letter) {
    const done = results.get(keyOf(letter));
    if (done) return el('span', {class: done.ok ? 'reason' : 'error-text', 'data-role': 'replayed'}, done.text);
    const b = el('button', {'data-role': 'replay'}, 'Replay');
    b.addEventListener('click', async () => {
      const where = letter.originalTopic || 'its original topic';
      if (!window.confirm('Replay ' + letter.topic + '[' + letter.partition + ']@' + letter.offset + ' to ' + where
          + '?')) return;
      b.disabled = true;
      try {
        const answer = await postJson('/dashboard/api/dlq/replay',
          {topic: letter.topic, partition: letter.partition, offset: letter.offset}, 'replay');
        results.set(keyOf(letter), {ok: true, text: answer.result});
      } catch (e) {
        results.set(keyOf(letter), {ok: false, text: 'replay failed: ' + e.message});
      }
      b.replaceWith(replayButton(letter));
    });
    return b;
  }

  function topicCard(t, actions) {
    const counts = el('table', {class: 'counts'},
      el('thead', {}, el('tr', {}, el('th', {}, 'Original topic'), el('th', {}, 'Error type'), el('th', {}, 'Count'))),
      el('tbody', {}, ...t.counts.map(c => el('tr', {}, el('td', {class: 'mono'}, c.originalTopic || '?'),
        el('td', {class: 'mono'}, c.errorType || '?'), el('td', {class: 'num', 'data-role': 'count'}, c.count)))));
    const records = el('table', {class: 'letters'},
      el('thead', {}, el('tr', {}, ...['Time', 'At', 'Origin', 'Error', 'Original', ''].map(h => el('th', {}, h)))),
      el('tbody', {}, ...t.records.map(r => el('tr', {'data-offset': r.offset},
        el('td', {}, time(r.deadLetteredAt)), el('td', {class: 'mono'}, r.partition + '@' + r.offset),
        el('td', {class: 'mono'}, r.origin), el('td', {class: 'error-text', 'data-role': 'error'}, r.errorType + ': ' + r.errorMessage
          + (r.replayCount ? ' (replayed ' + r.replayCount + 'x)' : '')),
        el('td', {}, envelope(r)), el('td', {}, actions ? replayButton(r) : '')))));
    return el('div', {class: 'card', 'data-topic': t.topic},
      el('h3', {}, el('span', {class: 'mono'}, t.topic),
        el('span', {class: 'reason', 'data-role': 'total'}, t.total + ' record(s)')),
      counts, t.records.length ? records : el('p', {class: 'empty'}, 'empty'));
  }

  async function refresh() {
    const view = await getJson('/dashboard/api/dlq');
    replaceChildren(document.getElementById('dlq'), view.topics.map(t => topicCard(t, view.actions)));
    document.getElementById('dlq-empty').hidden = view.topics.length > 0;
  }

  register('dlq', refresh, 2000);
})();
