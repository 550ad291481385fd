// A livestream viewer's phone page (the stream's short link or QR code): register with the
// least the ranking needs — where they live, what they can do, the wage — then their own list
// of the session's jobs, explained, and "我有意向" on each. The viewer token the registration
// hands out is kept on this phone (localStorage, per session) and sent as X-Viewer-Token.
import { ApiError, api, data, employerName, h, lang, problemText, word, yuan } from './common.js';

const id = data.livestreamId;
const KEPT = `duijie.viewer.${id}`;
const form = document.getElementById('viewer-form');
const formStatus = document.getElementById('viewer-status');
const choices = document.getElementById('place-choices');
const section = document.getElementById('viewer-jobs');
const list = document.getElementById('jobs');
const listStatus = document.getElementById('jobs-status');

/** The platform's id for this viewer: `?uid=` when the platform's link gives it, else one of this phone's. */
function platformUserId() {
  const given = new URLSearchParams(location.search).get('uid');
  if (given) return given;
  let mine = localStorage.getItem('duijie.viewer.uid');
  if (!mine) {
    mine = `web-${crypto.randomUUID()}`;
    localStorage.setItem('duijie.viewer.uid', mine);
  }
  return mine;
}

/** The viewer this phone registered in this session, or null (a damaged entry counts as none). */
const kept = () => {
  try {
    const mine = JSON.parse(localStorage.getItem(KEPT) ?? 'null');
    return typeof mine?.viewerId === 'string' && typeof mine?.token === 'string' ? mine : null;
  } catch {
    return null;
  }
};

async function jobItem(viewer, { vacancy, match }) {
  const button = h('button', { type: 'button', class: 'interest' }, word('job.interest'));
  const done = h('p', { class: 'done', role: 'status' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api('POST', `/v1/livestreams/${id}/intents`, {
        body: { viewerId: viewer.viewerId, vacancyId: vacancy.id },
        headers: { 'x-viewer-token': viewer.token },
      });
      button.setAttribute('aria-pressed', 'true');
      done.textContent = word('job.interested');
    } catch (err) {
      button.disabled = false;
      done.textContent = problemText(err);
    }
  });
  const gaps = match.skillGaps.map((s) => s.name ?? s.code).filter(Boolean);
  return h(
    'li',
    { class: 'viewer-job' },
    h('h3', { class: 'job-title' }, vacancy.title),
    h('p', { class: 'job-employer' }, await employerName(vacancy.employerId)),
    h('p', { class: 'job-wage' }, yuan(vacancy.monthlyWage.monthlyMin, vacancy.monthlyWage.monthlyMax)),
    h('p', {}, h('strong', {}, `${word('job.reason')}: `), match.reason[lang] ?? match.reason.zh),
    gaps.length ? h('p', { class: 'muted' }, `${word('live.gaps')}: ${gaps.join('、')}`) : null,
    button,
    done,
  );
}

async function showJobs(viewer) {
  form.hidden = true;
  section.hidden = false;
  listStatus.textContent = word('loading');
  try {
    const jobs = await api('GET', `/v1/livestreams/${id}/viewers/${viewer.viewerId}/jobs?limit=20`, {
      headers: { 'x-viewer-token': viewer.token },
    });
    const items = await Promise.all(jobs.items.map((item) => jobItem(viewer, item)));
    listStatus.textContent = items.length ? '' : word('live.none');
    list.replaceChildren(...items);
  } catch (err) {
    // A token this session no longer knows (the session ended, or another phone's): start again.
    if (err instanceof ApiError && (err.status === 401 || err.status === 404)) {
      localStorage.removeItem(KEPT);
      section.hidden = true;
      form.hidden = false;
    }
    listStatus.textContent = problemText(err);
  }
}

/** An ambiguous place: the places it could be, one button each; choosing one sends its code. */
function offerPlaces(candidates, retry) {
  choices.replaceChildren(
    h('p', {}, word('live.whichPlace')),
    ...candidates.map((c) =>
      h('button', { type: 'button', class: 'secondary', onclick: () => retry(c.code, c.name) }, c.name),
    ),
  );
  choices.hidden = false;
}

async function register(regionCode) {
  const value = (name) => form.elements[name].value.trim();
  const phone = value('phone');
  const body = {
    platformUserId: platformUserId(),
    ...(regionCode ? { regionCode } : { region: value('region') }),
    skills: value('skills')
      .split(/[,，、;；\s]+/)
      .filter(Boolean),
    ...(value('wage') ? { expectedMonthlyWage: Number(value('wage')) } : {}),
    ...(phone ? { callback: { phone, consent: form.elements.consent.checked } } : {}),
  };
  formStatus.textContent = '';
  try {
    const viewer = await api('POST', `/v1/livestreams/${id}/viewers`, { body });
    if (!viewer.viewerToken) {
      // Registered before on this platform id, elsewhere: the token went to that phone.
      formStatus.textContent = word('live.elsewhere');
      return;
    }
    const mine = { viewerId: viewer.id, token: viewer.viewerToken };
    localStorage.setItem(KEPT, JSON.stringify(mine));
    choices.hidden = true;
    if (viewer.unknownSkills.length) {
      document.getElementById('unknown-skills').textContent =
        `${word('live.unknownSkills')}: ${viewer.unknownSkills.join('、')}`;
    }
    await showJobs(mine);
  } catch (err) {
    if (err instanceof ApiError && err.problem?.candidates?.length) {
      offerPlaces(err.problem.candidates, (code, name) => {
        form.elements.region.value = name;
        register(code);
      });
    }
    formStatus.textContent = problemText(err);
  }
}

form.elements.phone.addEventListener('input', () => {
  form.elements.consent.required = form.elements.phone.value.trim() !== '';
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  register();
});

try {
  const session = await api('GET', `/v1/livestreams/${id}`);
  document.getElementById('live-title').textContent = session.title;
  document.getElementById('live-host').textContent = `${session.host} · ${session.platform}`;
} catch (err) {
  document.getElementById('live-title').textContent =
    err instanceof ApiError && err.status === 404 ? word('live.notFound') : problemText(err);
  form.hidden = true;
}
const mine = kept();
if (mine && !form.hidden) await showJobs(mine);
