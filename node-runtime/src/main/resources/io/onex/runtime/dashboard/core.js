// The dashboard's shared pieces. Everything that came from the cluster is put into the page as text
// (textContent, createTextNode), never as markup: a payload is untrusted input.
'use strict';

const Onex = (() => {
  const KNOWN_STATES = new Set(['active', 'suspect', 'expired', 'offline', 'healthy', 'degraded', 'recovering',
    'unhealthy', 'critical', 'ok', 'warning', 'completed', 'failed', 'skipped', 'cancelled', 'processing',
    'closed', 'open', 'half_open', 'stable', 'rebalancing', 'empty', 'dead', 'pending']);

  /** An element with attributes and children; string children become text nodes. */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== undefined && v !== null) e.setAttribute(k, String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return e;
  }

  /** The CSS class of a state word: only known words make a class, anything else is 'unknown'. */
  function stateClass(word) {
    const w = String(word || '').toLowerCase();
    return KNOWN_STATES.has(w) ? 'st-' + w : 'st-unknown';
  }

  function badge(word, extraAttrs) {
    return el('span', Object.assign({class: 'badge ' + stateClass(word)}, extraAttrs || {}), String(word || '?'));
  }

  function age(seconds) {
    if (seconds < 60) return seconds + 's ago';
    if (seconds < 3600) return Math.floor(seconds / 60) + 'm ago';
    if (seconds < 86400) return Math.floor(seconds / 3600) + 'h ago';
    return Math.floor(seconds / 86400) + 'd ago';
  }

  function duration(ms) {
    if (ms < 1000) return ms + ' ms';
    if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
    return Math.floor(ms / 60000) + 'm ' + Math.floor((ms % 60000) / 1000) + 's';
  }

  function time(epochMillis) {
    return new Date(epochMillis).toLocaleTimeString();
  }

  function replaceChildren(parent, children) {
    parent.replaceChildren(...children);
  }

  const statusLine = () => document.getElementById('status');

  async function getJson(path) {
    const r = await fetch(path, {cache: 'no-store', headers: {'Accept': 'application/json'}});
    const body = await r.json();
    if (!r.ok) throw new Error(body && body.error ? body.error : r.status + ' ' + r.statusText);
    return body;
  }

  async function postJson(path, body, action) {
    const r = await fetch(path, {method: 'POST', cache: 'no-store',
      headers: {'Content-Type': 'application/json', 'X-Onex-Action': action}, body: JSON.stringify(body)});
    const answer = await r.json();
    if (!r.ok) throw new Error(answer && answer.error ? answer.error : r.status + ' ' + r.statusText);
    return answer;
  }

  // Pages: each registers a refresh function and a period; only the visible page polls.
  const pages = {};
  let current = null;
  let timer = null;

  function register(name, refresh, periodMs) {
    pages[name] = {refresh, periodMs};
  }

  async function tick() {
    const page = pages[current];
    if (!page) return;
    try {
      await page.refresh();
      statusLine().textContent = 'updated ' + new Date().toLocaleTimeString();
      statusLine().className = 'status';
    } catch (e) {
      statusLine().textContent = 'cannot update: ' + e.message;
      statusLine().className = 'status error';
    }
    timer = setTimeout(tick, page.periodMs);
  }

  function show(name) {
    if (!pages[name]) name = 'nodes';
    current = name;
    for (const s of document.querySelectorAll('section.page')) s.hidden = s.id !== 'page-' + name;
    for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.page === name);
    clearTimeout(timer);
    tick();
  }

  window.addEventListener('hashchange', () => show(location.hash.slice(1)));
  window.addEventListener('DOMContentLoaded', () => show(location.hash.slice(1)));

  return {el, badge, stateClass, age, duration, time, replaceChildren, getJson, postJson, register};
})();
