// Ledgerstream credits dashboard: a static page over the admin API (SPEC 7). The token stays in
// this page's memory: it is never stored, and when given in the URL it is read from the fragment
// (#token=…&community=…), which browsers never send to a server. Every value from the API is put
// into the page as text (textContent), never as markup. Money is handled as BigInt micro-credits;
// floating point is used only to scale chart bars.
'use strict';

const MICRO_PER_CREDIT = 1000000n;
const state = { token: '', community: '', role: null, rows: null, pages: 1 };

/** Rows per page of a long list: the fragment's `rows` (1–500), else the list's own default. */
function pageSize(byDefault) {
  return state.rows || byDefault;
}

function $(selector) {
  return document.querySelector(selector);
}

function element(tag, attributes, text) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value !== null && value !== undefined) {
      node.setAttribute(name, String(value));
    }
  });
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  return node;
}

function svg(tag, attributes) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, String(value)));
  return node;
}

/** "4250000" → "4.250000 cr"; exact, whatever the size. */
function credits(micro) {
  const value = BigInt(micro);
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const whole = (magnitude / MICRO_PER_CREDIT).toLocaleString('en-US');
  const fraction = (magnitude % MICRO_PER_CREDIT).toString().padStart(6, '0');
  return (negative ? '−' : '') + whole + '.' + fraction + ' cr';
}

function shortTime(instant) {
  return instant ? instant.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC') : '—';
}

/** The claims of a JWT, for display only: the server verifies every request. */
function claimsOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload + '='.repeat((4 - payload.length % 4) % 4)));
  } catch (e) {
    return {};
  }
}

async function api(path) {
  const response = await fetch(path, { headers: { Authorization: 'Bearer ' + state.token }, cache: 'no-store' });
  if (!response.ok) {
    let detail = response.status + ' ' + response.statusText;
    try {
      const problem = await response.json();
      detail = response.status + ' ' + (problem.title || '') + ': ' + (problem.detail || '');
    } catch (e) {
      // not a problem document; the status says enough
    }
    throw new Error(path.split('?')[0] + ' answered ' + detail);
  }
  return response.json();
}

async function apiPost(path, body) {
  const response = await fetch(path, {
    method: 'POST', cache: 'no-store', body: JSON.stringify(body),
    headers: { Authorization: 'Bearer ' + state.token, 'Content-Type': 'application/json' },
  });
  const answer = await response.json().catch(() => ({}));
  if (response.status !== 202) {
    throw new Error(response.status + ' ' + (answer.title || '') + ': ' + (answer.detail || ''));
  }
  return answer;
}

/** "5.25" credits → "5250000" micro, exactly; null for anything else. */
function microOf(creditsText) {
  const match = /^([0-9]+)(?:\.([0-9]{1,6}))?$/.exec(creditsText.trim());
  if (!match) {
    return null;
  }
  return (BigInt(match[1]) * MICRO_PER_CREDIT + BigInt((match[2] || '').padEnd(6, '0'))).toString();
}

/**
 * An operator's action (SPEC 5.5) through POST /api/v1/admin/actions. The idempotency key is made
 * once per intended action, so that a second click after an unclear failure sends the same action.
 */
async function act(body, done) {
  const status = $('[data-testid="action-status"]');
  status.textContent = 'Sending ' + body.kind + '…';
  try {
    const accepted = await apiPost('/api/v1/admin/actions', body);
    status.textContent = body.kind + ' accepted (action ' + accepted.action_id.slice(0, 12)
      + '…); the ledger applies it within seconds: reload to see it.';
    done();
  } catch (error) {
    status.textContent = body.kind + ' failed: ' + error.message;
  }
}

/** A random idempotency key (crypto.getRandomValues works outside secure contexts too). */
function newKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), byte => byte.toString(16).padStart(2, '0')).join('');
}

function resolveButton(payment, kind) {
  const button = element('button', { type: 'button', 'data-action': kind }, kind === 'release' ? 'Release' : 'Dismiss');
  const key = kind + '-' + payment.payment_id + '-' + newKey();
  button.addEventListener('click', () => {
    const reason = window.prompt((kind === 'release' ? 'Release (mint the lot of)' : 'Dismiss')
      + ' payment ' + payment.payment_id + ': why?');
    if (reason && reason.trim()) {
      act({ kind, payment_id: payment.payment_id, reason: reason.trim(), idempotency_key: key },
        () => { button.disabled = true; });
    }
  });
  return button;
}

let grantKey = newKey();

function grant(event) {
  event.preventDefault();
  const amount = microOf($('#grant-credits').value);
  if (amount === null || amount === '0') {
    $('[data-testid="action-status"]').textContent = 'Grant: give a positive number of credits, e.g. 5.25.';
    return;
  }
  const expires = $('#grant-expires').value;
  const body = { kind: 'grant', community_id: state.community, amount_micro: amount,
    reason: $('#grant-reason').value.trim(), idempotency_key: 'grant-' + grantKey };
  if (expires) {
    body.expires_at = new Date(expires).toISOString();
  }
  act(body, () => {
    grantKey = newKey();
    $('#grant').reset();
  });
}

let modeKey = newKey();

/** Sets the charging and minting modes of this community or of every community (SPEC 5.5). */
function setMode(event) {
  event.preventDefault();
  const body = { kind: 'set_charging_mode', charging: $('#mode-charging').value, minting: $('#mode-minting').value,
    reason: $('#mode-reason').value.trim(), idempotency_key: 'mode-' + modeKey };
  if ($('#mode-scope').value === 'community') {
    body.community_id = state.community;
  }
  act(body, () => {
    modeKey = newKey();
    $('#mode').reset();
  });
}

function modeText(mode) {
  return 'charging ' + mode.charging + ', minting ' + mode.minting
    + (mode.actor ? ' (set by ' + mode.actor + ' ' + shortTime(mode.requested_at) + ': ' + mode.reason + ')' : '');
}

/** The modes in force (platform admins only: the section stays hidden for a community admin). */
function renderModes(modes) {
  $('#mode-section').hidden = modes === null;
  if (modes === null) {
    return;
  }
  const own = modes.communities.find(mode => mode.community_id === state.community);
  $('[data-testid="mode-global"]').textContent = modeText(modes.global);
  $('[data-testid="mode-community"]').textContent = own ? modeText(own) : 'charging live, minting live';
}

function communityPath(endpoint) {
  return '/api/v1/admin/community/' + encodeURIComponent(state.community) + '/' + endpoint;
}

async function load() {
  document.body.dataset.state = 'loading';
  $('#status').textContent = 'Loading…';
  try {
    const [billing, usage, payments, conservation] = await Promise.all([
      api(communityPath('billing')),
      api(communityPath('usage')),
      api(communityPath('payments?attention=true&limit=' + pageSize(100))),
      api(communityPath('conservation')),
    ]);
    const quarantine = state.role === 'admin' ? await api('/api/v1/admin/quarantine?limit=' + pageSize(50)) : null;
    const actions = state.role === 'admin' ? await api('/api/v1/admin/actions?limit=20') : null;
    const modes = state.role === 'admin' ? await api('/api/v1/admin/charging-mode') : null;
    renderBalance(billing, usage);
    renderSpend(usage);
    renderLots(billing);
    renderPayments(payments, quarantine);
    renderActions(actions);
    renderModes(modes);
    renderConservation(conservation);
    await openPages();
    $('#dashboard').hidden = false;
    $('#status').textContent = '';
    document.body.dataset.state = 'ready';
  } catch (error) {
    $('#status').textContent = error.message;
    document.body.dataset.state = 'error';
  }
}

async function loadCommunities() {
  if (state.role !== 'admin') {
    return;
  }
  try {
    const page = await api('/api/v1/admin/communities?limit=500');
    const list = $('#communities');
    list.replaceChildren(...page.items.map(community => element('option', { value: community.community_id },
      credits(community.balance_micro))));
  } catch (error) {
    // The picker is a convenience; typing the id still works.
  }
}

function setAmount(testId, micro) {
  const node = document.querySelector('[data-testid="' + testId + '"]');
  node.dataset.micro = micro;
  node.textContent = credits(micro);
}

function renderBalance(billing, usage) {
  setAmount('balance', billing.balance_micro);
  setAmount('burn-rate', billing.burn_rate_micro_per_day);
  $('[data-testid="burn-rate"]').textContent += ' / day';
  $('[data-testid="burn-window-days"]').textContent = billing.burn_window_days;
  const depletion = $('[data-testid="depletion-date"]');
  depletion.textContent = billing.projected_depletion_date || 'no burn: not projected';
  depletion.dataset.date = billing.projected_depletion_date || '';
  setAmount('spend-total', usage.total_spend_micro);
}

/** Every UTC day of the usage window, so that days without spend show as gaps. */
function daysOf(usage) {
  const days = [];
  const last = new Date(usage.to);
  last.setUTCMilliseconds(last.getUTCMilliseconds() - 1);
  for (let day = new Date(usage.from.slice(0, 10) + 'T00:00:00Z'); day <= last; day.setUTCDate(day.getUTCDate() + 1)) {
    days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

function renderSpend(usage) {
  const pools = usage.by_pool.map(pool => pool.pool_id);
  const colour = pool => 'pool-' + Math.min(pools.indexOf(pool), 5);
  const byDay = new Map(usage.by_day.map(day => [day.day, day]));
  const days = daysOf(usage);
  const max = usage.by_day.reduce((most, day) => (BigInt(day.amount_micro) > most ? BigInt(day.amount_micro) : most), 0n);
  const width = 720;
  const height = 180;
  const slot = width / Math.max(days.length, 1);
  const chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + (height + 20), width: '100%', role: 'img',
    'aria-label': 'spend per day by pool' });
  days.forEach((day, index) => {
    const entry = byDay.get(day);
    let top = height;
    if (entry) {
      Object.entries(entry.by_pool).forEach(([pool, micro]) => {
        const barHeight = max === 0n ? 0 : Number(BigInt(micro) * 1000n / max) / 1000 * height;
        top -= barHeight;
        const bar = svg('rect', { x: index * slot + 1, y: top, width: Math.max(slot - 2, 1), height: barHeight,
          class: colour(pool), 'data-day': day, 'data-pool': pool, 'data-micro': micro });
        const title = svg('title', {});
        title.textContent = day + ' ' + pool + ': ' + credits(micro);
        bar.appendChild(title);
        chart.appendChild(bar);
      });
    }
    const lastDay = index === days.length - 1;
    if (index % 7 === 0 || lastDay) {
      const label = svg('text', lastDay ? { x: width, y: height + 14, 'text-anchor': 'end' }
        : { x: index * slot, y: height + 14 });
      label.textContent = day.slice(5);
      chart.appendChild(label);
    }
  });
  $('#spend-chart').replaceChildren(chart);
  $('#spend-legend').replaceChildren(...usage.by_pool.map(pool => {
    const item = element('li', { 'data-pool': pool.pool_id, 'data-micro': pool.amount_micro });
    item.appendChild(element('span', { class: 'swatch ' + colour(pool.pool_id) }));
    item.appendChild(document.createTextNode(pool.pool_id + ': ' + credits(pool.amount_micro) + ' (' + pool.events
      + ' events)'));
    return item;
  }));
}

function cell(text, attributes) {
  return element('td', attributes, text);
}

function renderLots(billing) {
  const rows = billing.lots.filter(lot => BigInt(lot.remaining_micro) > 0n).map(lot => {
    const row = element('tr', { 'data-lot-id': lot.lot_id, 'data-remaining-micro': lot.remaining_micro });
    row.append(cell(lot.lot_id), cell(lot.source + ' ' + (lot.payment_id || lot.grant_id || '')),
      cell(shortTime(lot.created_at)), cell(shortTime(lot.expires_at)),
      cell(credits(lot.minted_micro), { class: 'amount' }), cell(credits(lot.remaining_micro), { class: 'amount' }),
      cell(lot.status));
    return row;
  });
  if (rows.length === 0) {
    rows.push(element('tr', {}, 'No lot has credit left.'));
  }
  $('[data-testid="lots"] tbody').replaceChildren(...rows);
}

function paymentRow(payment) {
  const row = element('tr', { 'data-payment-id': payment.payment_id });
  row.append(cell(payment.payment_id), cell(payment.status), cell(payment.mint_outcome || '—'),
    cell(payment.price_amount + ' ' + payment.price_currency), cell(credits(payment.credited_micro), { class: 'amount' }),
    cell(payment.attention.join(', ')), cell(shortTime(payment.first_seen_at)));
  const actions = element('td', { class: 'actions' });
  if (state.role === 'admin' && !payment.resolution
      && payment.attention.some(reason => reason !== 'partially_paid' && reason !== 'refunded_after_spending')) {
    if (payment.status === 'finished' && payment.mint_outcome && payment.mint_outcome.startsWith('held_')) {
      actions.append(resolveButton(payment, 'release'));
    }
    actions.append(resolveButton(payment, 'dismiss'));
  }
  row.append(actions);
  return row;
}

function quarantineRow(item) {
  const row = element('tr', { 'data-quarantine-id': item.kind + ':' + item.id });
  row.append(cell(item.kind), cell(item.id), cell(item.payment_id || '—'), cell(item.reason || '—'),
    cell(shortTime(item.at)));
  return row;
}

/**
 * A long list's "More" button, after its table: shown while the API has a next page (its
 * `next_cursor` in `data-next-cursor`); a click reads that page and appends its rows.
 */
function pager(testId, nextCursor, path, rowOf) {
  const table = $('[data-testid="' + testId + '"]');
  let more = $('[data-testid="' + testId + '-more"]');
  if (!more) {
    more = element('button', { type: 'button', 'data-testid': testId + '-more' }, 'More');
    table.after(more);
  }
  more.onclick = () => nextPage(table, more, path, rowOf);
  setCursor(more, nextCursor);
}

/** Reads the page after the button's cursor and appends its rows; the button then carries the next cursor. */
async function nextPage(table, more, path, rowOf) {
  if (!more.dataset.nextCursor) {
    return;
  }
  more.disabled = true;
  try {
    const page = await api(path + (path.includes('?') ? '&' : '?') + 'cursor='
      + encodeURIComponent(more.dataset.nextCursor));
    table.querySelector('tbody').append(...page.items.map(rowOf));
    setCursor(more, page.next_cursor);
  } catch (error) {
    $('#status').textContent = error.message;
  }
  more.disabled = false;
}

/** The fragment's `pages`: every long list opens with that many pages, as if More had been pressed. */
async function openPages() {
  for (let page = 1; page < state.pages; page++) {
    for (const more of document.querySelectorAll('[data-testid$="-more"]')) {
      if (more.dataset.nextCursor) {
        await more.onclick();
      }
    }
  }
}

function setCursor(more, nextCursor) {
  more.dataset.nextCursor = nextCursor || '';
  more.hidden = !nextCursor;
}

function renderPayments(payments, quarantine) {
  $('[data-testid="attention-payments"] tbody').replaceChildren(...payments.items.map(paymentRow));
  pager('attention-payments', payments.next_cursor, communityPath('payments?attention=true&limit=' + pageSize(100)),
    paymentRow);
  $('#grant').hidden = state.role !== 'admin';
  $('[data-testid="quarantine-note"]').hidden = quarantine !== null;
  const items = quarantine ? quarantine.items : [];
  $('[data-testid="quarantine"] tbody').replaceChildren(...items.map(quarantineRow));
  pager('quarantine', quarantine ? quarantine.next_cursor : null, '/api/v1/admin/quarantine?limit=' + pageSize(50),
    quarantineRow);
}

/** What the latest operators' actions did, with why when they did not apply (platform admins only). */
function renderActions(actions) {
  $('[data-testid="actions-note"]').hidden = actions !== null;
  const items = actions ? actions.items : [];
  $('[data-testid="actions"] tbody').replaceChildren(...items.map(action => {
    const row = element('tr', { 'data-action-id': action.action_id, 'data-result': action.result });
    const mode = action.kind === 'set_charging_mode';
    row.append(cell(shortTime(action.requested_at)), cell(action.kind),
      cell(action.payment_id ? 'payment ' + action.payment_id : action.community_id || 'every community'),
      cell(action.result + (action.detail ? ': ' + action.detail : '')),
      mode ? cell('charging ' + action.charging + ', minting ' + action.minting)
        : cell(credits(action.amount_micro), { class: 'amount' }),
      cell(action.actor), cell(action.reason));
    return row;
  }));
}

function violationRow(violation) {
  const row = element('tr', { 'data-violation-id': violation.violation_id });
  row.append(cell(shortTime(violation.detected_at)), cell(violation.invariant),
    cell(JSON.stringify(violation.details)));
  return row;
}

function renderConservation(conservation) {
  const status = $('[data-testid="conservation-status"]');
  status.textContent = conservation.status;
  status.className = 'status-' + conservation.status;
  $('[data-testid="conservation-failures"]').textContent = conservation.failures;
  $('[data-testid="conservation-checks"]').replaceChildren(...conservation.checks.map(check =>
    element('li', { class: check.result, 'data-invariant': check.invariant, 'data-result': check.result,
      title: check.description }, check.invariant + ' ' + check.result)));
  $('[data-testid="violations"] tbody').replaceChildren(...conservation.recent_violations.map(violationRow));
  pager('violations', conservation.violations_next_cursor, communityPath('violations?limit=' + pageSize(20)),
    violationRow);
}

function start(event) {
  if (event) {
    event.preventDefault();
  }
  state.token = $('#token').value.trim();
  state.community = $('#community').value.trim().toLowerCase();
  const claims = claimsOf(state.token);
  state.role = claims.role || null;
  if (!state.community && claims.community_id) {
    state.community = claims.community_id;
    $('#community').value = state.community;
  }
  if (!state.token || !state.community) {
    $('#status').textContent = 'Paste a token and pick a community.';
    return;
  }
  loadCommunities();
  load();
}

function fromFragment() {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  if (fragment.get('token')) {
    $('#token').value = fragment.get('token');
    $('#community').value = fragment.get('community') || '';
    const rows = Number.parseInt(fragment.get('rows') || '', 10);
    state.rows = rows >= 1 && rows <= 500 ? rows : null;
    const pages = Number.parseInt(fragment.get('pages') || '', 10);
    state.pages = pages >= 1 && pages <= 20 ? pages : 1;
    // The token should not stay visible in the address bar or the history.
    history.replaceState(null, '', window.location.pathname + window.location.search);
    start();
  }
}

$('#access').addEventListener('submit', start);
$('#grant').addEventListener('submit', grant);
$('#mode').addEventListener('submit', setMode);
fromFragment();
