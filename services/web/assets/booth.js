// A booth (phone or laptop): the employer's API key (or a booth code typed, exchanged for a key
// good at that fair's booth only, which names the fair) kept in this tab; the checked-in seekers
// who fit its vacancies at the fair, masked, best first, refreshed as people check in; one
// tap records an intent. The key acts for its own employer only.
import { api, askedOnce, h, isFairCode, problemText, signIn, word } from './common.js';

const KEY = 'duijie.employerKey';
const FAIR = 'duijie.boothFair';
const list = document.getElementById('candidates');
const status = document.getElementById('booth-status');
const fairInput = document.getElementById('booth-fair');
let key = '';
let feed = null;
const titleOf = askedOnce((vacancyId) =>
  api('GET', `/v1/vacancies/${vacancyId}`).then(
    (v) => v.title,
    () => '',
  ),
);

async function load(fairId) {
  try {
    const found = await api('GET', `/v1/fairs/${fairId}/candidates?limit=50`, { token: key });
    status.textContent = '';
    const items = await Promise.all(
      found.items.map(async (c) => {
        const button = h('button', { type: 'button' }, word('booth.record'));
        button.addEventListener('click', async () => {
          button.disabled = true;
          try {
            await api('POST', `/v1/fairs/${fairId}/intents`, {
              token: key,
              body: { seekerId: c.seeker.id, vacancyId: c.vacancyId },
            });
            button.textContent = word('booth.recorded');
          } catch (err) {
            button.disabled = false;
            status.textContent = problemText(err);
          }
        });
        return h(
          'li',
          {},
          h('span', { class: 'employer' }, c.seeker.name),
          c.seeker.age ? ` · ${c.seeker.age}` : '',
          ' · ',
          h('span', { class: 'title' }, await titleOf(c.vacancyId)),
          h('span', { class: 'reason' }, c.match.reason?.zh ?? ''),
          h('span', { class: 'actions' }, button),
        );
      }),
    );
    list.replaceChildren(...(items.length ? items : [h('li', { class: 'muted' }, word('booth.none'))]));
  } catch (err) {
    status.textContent = problemText(err);
    list.replaceChildren();
  }
}

function open() {
  const fairId = fairInput.value.trim();
  if (!fairId) return;
  sessionStorage.setItem(FAIR, fairId);
  feed?.close();
  load(fairId);
  // Live: a check-in (or an intent) at the fair refreshes the list.
  feed = new EventSource(`/v1/feeds/fairs/${fairId}`);
  let timer = null;
  const again = () => {
    clearTimeout(timer);
    timer = setTimeout(() => load(fairId), 500);
  };
  feed.addEventListener('fair.checked_in', again);
  feed.addEventListener('fair.booth_joined', again);
}

// A booth code from the fair's staff: a key for this booth, and the fair it is at.
const boothCode = async (value) => {
  if (value.startsWith('dj_') || !isFairCode(value)) return null;
  const booth = await api('POST', '/v1/employers/booth-code', { body: { code: value } });
  sessionStorage.setItem(FAIR, booth.fairId);
  return booth.key;
};

document.getElementById('booth-open').addEventListener('click', open);
signIn(
  KEY,
  (value) => {
    key = value;
    document.getElementById('booth').hidden = false;
    const kept = sessionStorage.getItem(FAIR);
    if (kept) {
      fairInput.value = kept;
      open();
    }
  },
  boothCode,
);
