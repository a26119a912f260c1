// Status page: polls the validator's read-only GET /api/v1/status and renders it. Plain DOM, no framework; every
// value goes in through textContent, never as HTML. ?refresh=N sets the polling period in seconds (default 5).
(function () {
  'use strict';
  const params = new URLSearchParams(window.location.search);
  const everyS = Math.max(1, Number.parseInt(params.get('refresh') || '5', 10) || 5);
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  $('every').textContent = String(everyS);

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function badge(node, text, good, warn) {
    node.textContent = text;
    node.className = 'badge ' + (good ? 'ok' : warn ? 'warn' : 'bad');
  }
  function age(ms) {
    if (ms === null || ms === undefined || ms < 0) return '—';
    if (ms < 1000) return ms + ' ms ago';
    if (ms < 120000) return (ms / 1000).toFixed(1) + ' s ago';
    if (ms < 7200000) return Math.round(ms / 60000) + ' min ago';
    return Math.round(ms / 3600000) + ' h ago';
  }
  const pct = (r) => ((r - 1) * 100).toFixed(2) + ' %';
  const pctOf = (x) => (x * 100).toFixed(2) + ' %';
  const utc = (ms) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
  // every cell carries its column's name, for the phone layout (a card per row)
  function fill(tbody, rows, columns, emptyText) {
    const labels = Array.from(tbody.parentElement.tHead.rows[0].cells).map((c) => c.textContent);
    rows.forEach((r) => Array.from(r.cells).forEach((c, i) => { c.dataset.label = labels[i] || ''; }));
    tbody.replaceChildren();
    if (rows.length === 0) {
      const tr = el('tr');
      const td = el('td', emptyText, 'empty');
      td.colSpan = columns;
      tr.appendChild(td);
      tbody.appendChild(tr);
    }
    rows.forEach((r) => tbody.appendChild(r));
  }
  function facts(dl, pairs) {
    dl.replaceChildren();
    pairs.forEach(([k, v]) => { dl.appendChild(el('dt', k)); dl.appendChild(el('dd', v)); });
  }

  // drawdown over time, 0 at the top; the dashed line is the elimination limit
  function chart(points, current, limit) {
    const w = 180, h = 44, pad = 3;
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'chart');
    svg.setAttribute('width', w);
    svg.setAttribute('height', h);
    svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
    svg.setAttribute('role', 'img');
    const series = points.map((p) => p.drawdown).concat([current]);
    const top = Math.max(limit * 1.2, ...series, 0.0001);
    const y = (d) => pad + (h - 2 * pad) * Math.min(d, top) / top;
    const x = (i) => series.length === 1 ? w - pad : pad + (w - 2 * pad) * i / (series.length - 1);
    const title = document.createElementNS(SVG, 'title');
    title.textContent = 'drawdown ' + pctOf(current) + ' now, limit ' + pctOf(limit) + ', ' + points.length + ' earlier point(s)';
    svg.appendChild(title);
    const lim = document.createElementNS(SVG, 'line');
    lim.setAttribute('class', 'limit');
    lim.setAttribute('x1', 0); lim.setAttribute('x2', w);
    lim.setAttribute('y1', y(limit)); lim.setAttribute('y2', y(limit));
    svg.appendChild(lim);
    if (series.length > 1) {
      const line = document.createElementNS(SVG, 'polyline');
      line.setAttribute('class', 'line');
      line.setAttribute('points', series.map((d, i) => x(i).toFixed(1) + ',' + y(d).toFixed(1)).join(' '));
      svg.appendChild(line);
    }
    const dot = document.createElementNS(SVG, 'circle');
    dot.setAttribute('class', 'dot');
    dot.setAttribute('cx', x(series.length - 1));
    dot.setAttribute('cy', y(current));
    dot.setAttribute('r', 2.5);
    svg.appendChild(dot);
    return svg;
  }

  function render(s) {
    $('updated').textContent = 'updated ' + utc(s.generatedAtMs) + ' UTC';
    // price service, as it reports itself
    const ps = s.priceService;
    badge($('price-status'), ps.status, ps.status === 'UP');
    const detail = [];
    if (!ps.reachable) detail.push(ps.error);
    if (ps.openPairs !== null && ps.openPairs !== undefined) detail.push(ps.freshPairs + ' of ' + ps.openPairs + ' open pairs fresh');
    ps.checks.filter((c) => c.status !== 'UP').forEach((c) => detail.push('check ' + c.name + ' ' + c.status));
    $('price-detail').textContent = detail.join(' · ');
    fill($('providers').tBodies[0], ps.providers.map((p) => {
      const tr = el('tr');
      tr.dataset.provider = p.name;
      tr.appendChild(el('td', p.name));
      const st = el('td');
      const b = el('span');
      badge(b, p.state || '?', p.state === 'CONNECTED' || p.state === 'STREAMING', p.state === 'STANDBY' || p.state === 'STARTING');
      st.appendChild(b);
      tr.appendChild(st);
      tr.appendChild(el('td', p.freshPairs, 'num'));
      tr.appendChild(el('td', age(p.lastEventAgeMs)));
      tr.appendChild(el('td', p.streamsConnected || '—'));
      tr.appendChild(el('td', p.rest || '—'));
      return tr;
    }), 6, ps.reachable ? 'no provider reported' : 'no data: no health answer from the price service');

    // the validator's side of prices (its live-price-service health check)
    const pr = s.prices;
    badge($('prices-status'), pr.status, pr.status === 'UP');
    facts($('prices-facts'), [
      ['circuit', pr.circuit + ' (batch ' + pr.batchCircuit + ')'],
      ['tick stream', pr.streamEnabled ? (pr.streamConnected ? 'connected' : 'disconnected') + ', last event ' + age(pr.streamLastEventAgeMs) : 'disabled'],
      ['stream reconnects', pr.streamReconnects],
      ['cached pairs', pr.cachedPairs + ', newest ' + age(pr.cacheNewestAgeMs)],
      ['last HTTP success', age(pr.lastSuccessMsAgo)],
    ]);

    const r = s.risk;
    const outcome = r.lastOutcome || 'no round yet';
    badge($('risk-status'), outcome, r.lastOutcome === 'COMPLETED' || r.lastOutcome === 'IDLE', r.lastOutcome === null);
    facts($('risk-facts'), [
      ['last round', r.lastRoundAgeMs === null ? '—' : age(r.lastRoundAgeMs) + (r.roundRunning ? ' (one running)' : '')],
      ['interval', r.interval],
      ['elimination limit', pctOf(r.maxDrawdown) + ' below the high-water mark'],
      ['skipped pairs', r.skippedPairs.length ? r.skippedPairs.join(', ') : 'none'],
      ['store', (s.store.ready ? 'ready' : 'NOT READY') + ', ' + s.store.queued + ' queued, ' + s.store.eliminations + ' elimination(s)'],
    ]);

    $('miner-count').textContent = s.minerCount + (s.minerCount > s.miners.length ? ' (showing ' + s.miners.length + ')' : '');
    fill($('miners').tBodies[0], s.miners.map((m) => {
      const tr = el('tr', null, m.eliminated ? 'eliminated' : '');
      tr.dataset.hotkey = m.hotkey;
      const name = el('td');
      name.appendChild(el('span', m.hotkey));
      if (m.eliminated) { name.appendChild(document.createTextNode(' ')); const b = el('span'); badge(b, 'ELIMINATED', false); name.appendChild(b); }
      tr.appendChild(name);
      tr.appendChild(el('td', pct(m.portfolioReturn), 'num'));
      tr.appendChild(el('td', pctOf(m.drawdown), 'num'));
      tr.appendChild(el('td', pct(m.highWaterMark), 'num'));
      tr.appendChild(el('td', m.openPositions, 'num'));
      const c = el('td');
      c.appendChild(chart(m.history, m.drawdown, r.maxDrawdown));
      tr.appendChild(c);
      return tr;
    }), 6, 'no miner has traded yet');

    fill($('orders').tBodies[0], s.latestOrders.map((o) => {
      const tr = el('tr');
      tr.dataset.order = o.orderUuid;
      tr.appendChild(el('td', utc(o.processedMs)));
      tr.appendChild(el('td', o.minerHotkey));
      tr.appendChild(el('td', o.tradePair));
      tr.appendChild(el('td', o.orderType));
      tr.appendChild(el('td', o.leverage, 'num'));
      tr.appendChild(el('td', o.fillPrice, 'num'));
      tr.appendChild(el('td', o.priceSource || '—'));
      return tr;
    }), 7, 'no order yet');
  }

  async function refresh() {
    try {
      const res = await fetch('/api/v1/status', { cache: 'no-store', headers: { Accept: 'application/json' } });
      if (!res.ok) throw new Error('HTTP ' + res.status);
      render(await res.json());
      $('unreachable').hidden = true;
    } catch (e) {
      $('unreachable').hidden = false;
    } finally {
      window.setTimeout(refresh, everyS * 1000);
    }
  }
  refresh();
})();
