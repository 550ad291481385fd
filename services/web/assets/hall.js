// The hall's big screen (1920×1080, no input, no token): the fair's figures and its latest
// intents from the live feed, which carries employer names, job titles and running counts —
// never a person. The browser's EventSource reconnects by itself with Last-Event-ID; if the
// feed refuses (the gateway restarting), it is opened again from the last event seen.
import { api, data, h, word } from './common.js';

const fairId = data.fairId;
const figures = {
  checkedIn: document.getElementById('fig-checkedIn'),
  intents: document.getElementById('fig-intents'),
  employers: document.getElementById('fig-employers'),
  posts: document.getElementById('fig-posts'),
};
const latest = document.getElementById('latest');
const sought = document.getElementById('sought');
const conn = document.getElementById('conn');
const booths = new Map();
const tally = new Map();
let lastId = 0;
let replaying = true;

const fmt = (n) => Number(n).toLocaleString();
const setFigure = (key, value) => {
  if (value !== undefined && figures[key]) figures[key].textContent = fmt(value);
};

async function refreshStats() {
  const stats = await api('GET', `/v1/fairs/${fairId}/stats`);
  setFigure('posts', stats.posts);
  setFigure('employers', stats.employers);
  if (lastId === 0) {
    setFigure('checkedIn', stats.seekersCheckedIn);
    setFigure('intents', stats.intents);
  }
}

function showSought() {
  const top = [...tally.values()].sort((a, b) => b.count - a.count).slice(0, 8);
  sought.replaceChildren(
    ...top.map((s) =>
      h(
        'li',
        {},
        h('span', { class: 'count' }, `${s.count} ${word('hall.intentsCount')}`),
        `${s.title} · ${s.employer}`,
      ),
    ),
  );
}

function onIntent(event) {
  const title = event.vacancyTitle ?? '';
  const employer = event.employerName ?? '';
  const booth = booths.get(event.employerId);
  latest.querySelector('.muted')?.remove();
  const item = h(
    'li',
    { class: replaying ? '' : 'new', 'data-n': event.n },
    h('span', { class: 'booth' }, booth ? `${word('hall.booth')} ${booth}` : ''),
    `${employer} · ${title}`,
  );
  latest.prepend(item);
  while (latest.children.length > 8) latest.lastElementChild.remove();
  const key = event.vacancyId;
  const entry = tally.get(key) ?? { title, employer, count: 0 };
  entry.count++;
  tally.set(key, entry);
  showSought();
}

let refreshTimer = null;
function handle(type, event) {
  lastId = Math.max(lastId, event.n);
  if (event.counts) {
    setFigure('checkedIn', event.counts.checkedIn);
    setFigure('intents', event.counts.intents);
    setFigure('employers', event.counts.employers);
  }
  if (type === 'fair.booth_joined') {
    booths.set(event.employerId, event.booth);
    // Open places change with the booths: counted by the fair's stats, at most once a second.
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => refreshStats().catch(() => {}), 1000);
  }
  if (type === 'fair.intent_recorded') onIntent(event);
}

function connect() {
  const source = new EventSource(`/v1/feeds/fairs/${fairId}${lastId ? `?after=${lastId}` : ''}`);
  for (const type of ['fair.checked_in', 'fair.intent_recorded', 'fair.booth_joined']) {
    source.addEventListener(type, (e) => handle(type, JSON.parse(e.data)));
  }
  source.addEventListener('open', () => {
    conn.textContent = `● ${word('hall.live')}`;
    conn.classList.remove('down');
    // What was missed arrives at once after opening; what comes later is new.
    setTimeout(() => {
      replaying = false;
    }, 500);
  });
  source.addEventListener('error', () => {
    conn.textContent = word('hall.reconnecting');
    conn.classList.add('down');
    if (source.readyState === EventSource.CLOSED) setTimeout(connect, 3000);
  });
}

try {
  const fair = await api('GET', `/v1/fairs/${fairId}`);
  document.getElementById('fair-name').textContent = fair.name;
  document.title = `${fair.name} · ${word('hall.title')}`;
  const list = await api('GET', `/v1/fairs/${fairId}/booths`);
  for (const b of list.items ?? list) booths.set(b.employerId, b.booth);
  await refreshStats();
} catch {
  conn.textContent = word('hall.reconnecting');
}
connect();
