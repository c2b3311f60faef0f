// The instructor's page: follows the room through Server-Sent Events and draws one row per learner.
// Every learner-given text (names, labels, shared output) goes into the page with textContent, never as
// HTML; the page's Content-Security-Policy allows no inline script either. No library: nothing to fetch.
'use strict';

const key = new URLSearchParams(location.hash.slice(1)).get('key') || '';
const rows = new Map(); // learner id -> row view from the server
let serverSkew = 0; // server clock minus ours, so "for how long" uses the server's clock

const $ = (id) => document.getElementById(id);

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function duration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

const serverNow = () => Date.now() + serverSkew;

// Raised hands first (the longest raised first), then the stuck (the longest stuck first), then by name.
function roomOrder(a, b) {
  if (a.hand && b.hand) return a.hand.since - b.hand.since;
  if (a.hand || b.hand) return a.hand ? -1 : 1;
  if (a.stuck && b.stuck) return a.stuck.since - b.stuck.since;
  if (a.stuck || b.stuck) return a.stuck ? -1 : 1;
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

function stuckText(row) {
  if (!row.stuck) return '';
  const how = row.stuck.reason === 'failing-check' ? `failing ${row.failing ? row.failing.times : ''}×` : 'on this step';
  return `${how}${row.stuck.check ? `: ${row.stuck.check}` : ''} for ${duration(serverNow() - row.stuck.since)}`;
}

function nowText(row) {
  if (row.left) return 'left the room';
  if (row.step) return `step ${row.step.index + 1}/${row.step.total} ${row.step.title} (${duration(serverNow() - row.step.since)})`;
  if (row.lessonStatus) return `lesson ${row.lessonStatus}`;
  return 'joined';
}

function drawRow(row) {
  const tr = element('tr');
  tr.dataset.learner = row.id;
  tr.dataset.events = String(row.events);
  if (row.hand) tr.classList.add('hand');
  if (row.stuck) tr.classList.add('stuck');
  if (row.left) tr.classList.add('left');
  tr.append(element('td', 'hand-cell', row.hand ? `✋ ${duration(serverNow() - row.hand.since)}` : ''));
  tr.append(element('td', 'name', row.name));
  tr.append(element('td', 'lesson', row.lessonTitle || row.lessonId || ''));
  const cells = element('div', 'cells');
  for (const step of row.steps) {
    const cell = element('span', `cell ${row.cells[step.id] || 'todo'}`);
    if (row.step && row.step.id === step.id) cell.classList.add('current');
    cell.title = `${step.title}: ${row.cells[step.id] || 'not started'}`;
    cells.append(cell);
  }
  const stepsTd = element('td');
  stepsTd.append(cells);
  tr.append(stepsTd);
  tr.append(element('td', 'now', nowText(row)));
  tr.append(element('td', 'stuck-cell', stuckText(row)));
  tr.append(element('td', 'help', `${row.hints} hints, ${row.solutions} solutions, ${row.withHelp} done with help`));
  const sharedTd = element('td');
  if (row.shared) {
    const button = element('button', 'open-shared', `open: ${row.shared.label}`);
    button.type = 'button';
    button.addEventListener('click', () => openFailure(row.id));
    sharedTd.append(button);
  }
  tr.append(sharedTd);
  return tr;
}

function drawRoom() {
  const sorted = [...rows.values()].sort(roomOrder);
  $('rows').replaceChildren(...sorted.map(drawRow));
  $('empty').hidden = sorted.length > 0;
  const hands = sorted.filter((row) => row.hand).length;
  const stuck = sorted.filter((row) => row.stuck).length;
  $('count').textContent = `${sorted.length} learners, ${hands} hands up, ${stuck} stuck`;
}

let drawPending = false;
function drawSoon() {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => {
    drawPending = false;
    drawRoom();
  });
}

function take(data) {
  serverSkew = data.now - Date.now();
  for (const row of data.rows) rows.set(row.id, row);
  drawSoon();
}

function showAnnouncement(announcement) {
  $('announcement').textContent = announcement ? announcement.text : 'nothing yet';
}

async function instructorFetch(route, init) {
  const response = await fetch(route, { ...init, headers: { 'x-instructor-key': key, 'content-type': 'application/json', ...(init && init.headers) } });
  if (!response.ok) throw new Error(`${route}: ${response.status}`);
  return response.json();
}

async function openFailure(learnerId) {
  const shared = await instructorFetch(`/instructor/shared?learner=${encodeURIComponent(learnerId)}`);
  const row = rows.get(learnerId);
  $('panel-title').textContent = `${row ? row.name : learnerId}: ${shared.lessonId} / ${shared.stepId}`;
  $('panel-check').textContent = `check: ${shared.label}`;
  $('panel-expected').textContent = shared.expected;
  $('panel-actual').textContent = shared.actual;
  $('panel-output').textContent = shared.output;
  $('panel').hidden = false;
}

function follow() {
  if (!key) {
    $('connection').textContent = 'no instructor key: open the address the server printed (it ends in #key=…)';
    return;
  }
  const stream = new EventSource(`/instructor/stream?key=${encodeURIComponent(key)}`);
  stream.addEventListener('open', () => {
    $('connection').textContent = 'live';
    $('connection').className = 'connection live';
  });
  stream.addEventListener('error', () => {
    $('connection').textContent = 'connection lost; reconnecting…';
    $('connection').className = 'connection lost';
  });
  stream.addEventListener('room', (message) => {
    const data = JSON.parse(message.data);
    rows.clear();
    take(data);
    showAnnouncement(data.announcement);
  });
  stream.addEventListener('rows', (message) => take(JSON.parse(message.data)));
  stream.addEventListener('announcement', (message) => showAnnouncement(JSON.parse(message.data)));
}

function announce(body, form) {
  instructorFetch('/instructor/announce', { method: 'POST', body: JSON.stringify(body) })
    .then((announcement) => {
      showAnnouncement(announcement);
      form.reset();
    })
    .catch((error) => {
      $('announcement').textContent = `not sent (${error.message})`;
    });
}

document.addEventListener('DOMContentLoaded', () => {
  $('message-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('message').value.trim();
    if (text) announce({ text }, event.target);
  });
  $('where-form').addEventListener('submit', (event) => {
    event.preventDefault();
    announce({ lesson: Number($('where-lesson').value), step: Number($('where-step').value) }, event.target);
  });
  $('panel-close').addEventListener('click', () => {
    $('panel').hidden = true;
  });
  // Durations ("for 4m 10s") move on between updates.
  setInterval(drawRoom, 1000);
  follow();
});
