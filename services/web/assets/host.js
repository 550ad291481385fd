// The livestream host's console: the lineup with pins, pin/unpin, the "presenting now"
// pointer, the audience and the intents — refreshed from the session's live feed. The staff
// token is kept in this tab, sent in the header, never in an address.
import { api, data, h, signIn, word, yuan } from './common.js';

const id = data.livestreamId;
const lineup = document.getElementById('lineup');
const status = document.getElementById('host-status');
let token = '';
let session = null;
let shown = '';

async function change(patch) {
  status.textContent = '…';
  try {
    session = await api('PATCH', `/v1/livestreams/${id}/host`, {
      token,
      body: { ...patch, version: session.version },
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    status.textContent = '';
  } catch (err) {
    status.textContent = err.problem?.detail ?? err.problem?.title ?? word('failed');
  }
  await load();
}

let asked = 0;
async function load() {
  const mine = ++asked;
  const [live, list, stats] = await Promise.all([
    api('GET', `/v1/livestreams/${id}`, { token }),
    api('GET', `/v1/livestreams/${id}/lineup?limit=50`),
    api('GET', `/v1/livestreams/${id}/stats`),
  ]);
  // Of two reads in flight, only the later one's answer is shown.
  if (mine !== asked) return;
  // Never back to an older version than the one a change just answered: it would be refused.
  if (!session || live.version >= session.version) session = live;
  document.getElementById('viewers').textContent = String(stats.viewers);
  document.getElementById('intents').textContent = String(stats.intents);
  // The same lineup again (the feed's echo of the host's own change) leaves the buttons as they are.
  const signature = JSON.stringify([session.version, list.items.map((i) => [i.vacancy.id, i.presenting])]);
  if (signature === shown) return;
  shown = signature;
  lineup.replaceChildren(
    ...list.items.map((item) => {
      const v = item.vacancy;
      const pinned = session.pinnedVacancyIds.includes(v.id);
      return h(
        'li',
        { class: item.presenting ? 'presenting' : '', 'data-vacancy': v.id },
        h('span', { class: 'booth' }, `${item.position}.`),
        h('span', { class: 'title' }, v.title),
        ' · ',
        h('span', { class: 'wage' }, yuan(v.monthlyWage.monthlyMin, v.monthlyWage.monthlyMax)),
        item.presenting ? h('strong', {}, ` · ${word('host.presenting')}`) : null,
        h(
          'span',
          { class: 'actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              onclick: () =>
                change({
                  pinnedVacancyIds: pinned
                    ? session.pinnedVacancyIds.filter((p) => p !== v.id)
                    : [...session.pinnedVacancyIds, v.id],
                }),
            },
            pinned ? word('host.unpin') : word('host.pin'),
          ),
          h(
            'button',
            { type: 'button', disabled: item.presenting, onclick: () => change({ presentingVacancyId: v.id }) },
            word('host.present'),
          ),
        ),
      );
    }),
  );
}

signIn('duijie.staffToken', async (value) => {
  token = value;
  document.getElementById('host').hidden = false;
  await load().catch((err) => {
    status.textContent = err.problem?.detail ?? word('failed');
  });
  const feed = new EventSource(`/v1/feeds/livestreams/${id}`);
  let timer = null;
  const again = () => {
    clearTimeout(timer);
    timer = setTimeout(() => load().catch(() => {}), 300);
  };
  feed.addEventListener('livestream.lineup_changed', again);
  feed.addEventListener('livestream.intent_recorded', again);
});
