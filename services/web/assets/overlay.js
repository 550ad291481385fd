// The broadcast overlay (OBS's browser source, transparent): the job being presented, moved
// by the host's console through the session's live feed. No token, no one's data.
import { api, data, yuan } from './common.js';

const id = data.livestreamId;
const box = document.getElementById('overlay');

let asked = 0;
/**
 * Shows the job presented now; of two reads in flight, only the later one's answer is shown.
 * Answers the id shown (null: none), or undefined when a later read took over.
 */
async function show() {
  const mine = ++asked;
  const list = await api('GET', `/v1/livestreams/${id}/lineup?limit=100`);
  if (mine !== asked) return undefined;
  const item = list.items.find((i) => i.presenting) ?? null;
  box.hidden = !item;
  if (!item) return null;
  const v = item.vacancy;
  document.getElementById('o-title').textContent = v.title;
  const employer = await api('GET', `/v1/employers/${v.employerId}`).catch(() => null);
  if (mine !== asked) return;
  document.getElementById('o-detail').textContent = [
    employer?.name,
    yuan(v.monthlyWage.monthlyMin, v.monthlyWage.monthlyMax),
  ]
    .filter(Boolean)
    .join(' · ');
  return v.id;
}

/**
 * Shows the job the feed says is presented: a read served by a replica whose cache has not
 * caught up yet shows the one before, so it is asked again, a little later each time (at
 * most every 2 s, for a minute), until a later event takes over.
 */
async function showPresenting(expected, tries = 0) {
  const shown = await show().catch(() => null);
  if (shown === undefined || shown === expected || tries >= 40) return;
  setTimeout(() => showPresenting(expected, tries + 1), Math.min(250 * 2 ** tries, 2000));
}

await show().catch(() => {});
const feed = new EventSource(`/v1/feeds/livestreams/${id}`);
feed.addEventListener('livestream.lineup_changed', (event) => {
  const expected = JSON.parse(event.data).presentingVacancyId ?? null;
  showPresenting(expected);
});
// Back after a dropped connection: what is on now may have changed meanwhile.
feed.addEventListener('open', () => show().catch(() => {}));
