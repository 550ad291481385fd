// The seeker's phone page behind a message's link: the job, the monthly wage, the place, the
// employer, the benefits, "我有意向", and the opt-out page. The link's code is all it needs.
import { ApiError, api, data, h, problemText, word, yuan } from './common.js';

const article = document.getElementById('job');
const base = `/v1/notifications/l/${data.code}`;
const UNITS = { hour: '元/小时', day: '元/天', week: '元/周', month: '元/月', year: '元/年', piece: '元/件' };

function show(...children) {
  article.replaceChildren(...children.filter((c) => c !== null && c !== undefined));
  article.removeAttribute('aria-busy');
}

function render(view) {
  const job = view.job;
  if (!job) {
    show(h('p', { class: 'status' }, word('job.notFound')));
    return;
  }
  const offered =
    job.wage.unit === 'month'
      ? null
      : `${word('job.wageOffered')}: ${job.wage.min}${job.wage.max && job.wage.max !== job.wage.min ? `–${job.wage.max}` : ''} ${UNITS[job.wage.unit] ?? job.wage.unit}`;
  const benefits = [
    job.housingProvided && word('job.housing'),
    job.mealsProvided && word('job.meals'),
    job.socialInsurance && word('job.insurance'),
  ].filter(Boolean);
  const button = h('button', { type: 'button', class: 'interest', id: 'interest' }, word('job.interest'));
  const done = h('p', { class: 'done', id: 'interest-done', role: 'status' });
  const markDone = () => {
    button.disabled = true;
    button.setAttribute('aria-pressed', 'true');
    done.textContent = word('job.interested');
  };
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api('PUT', `${base}/interest`);
      markDone();
    } catch (err) {
      button.disabled = false;
      done.textContent = problemText(err);
    }
  });
  show(
    h('h2', { class: 'job-title' }, job.title),
    h('p', { class: 'job-employer' }, job.employerName),
    h('p', { class: 'job-wage' }, yuan(job.monthlyWage.min, job.monthlyWage.max)),
    offered ? h('p', { class: 'muted' }, offered) : null,
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, word('job.place')),
      h('dd', {}, job.place),
      h('dt', {}, word('job.employer')),
      h('dd', {}, job.employerName),
      h('dt', {}, word('job.headcount')),
      h('dd', {}, String(job.headcount)),
      h('dt', {}, word('job.benefits')),
      h(
        'dd',
        {},
        benefits.length
          ? h(
              'ul',
              { class: 'chips' },
              benefits.map((b) => h('li', {}, b)),
            )
          : word('job.none'),
      ),
    ),
    view.reason ? h('p', {}, h('strong', {}, `${word('job.reason')}: `), view.reason) : null,
    job.description ? h('p', {}, h('strong', {}, `${word('job.description')}: `), job.description) : null,
    job.open ? button : h('p', { class: 'notice' }, word('job.notOpen')),
    done,
  );
  if (view.interestedAt) markDone();
}

try {
  const view = await api('GET', `${base}/view`);
  render(view);
  if (view.unsubscribeUrl) {
    const p = document.getElementById('unsubscribe');
    // The opt-out page of this system (its path only: the page is this origin's).
    p.querySelector('a').href = new URL(view.unsubscribeUrl, location.href).pathname;
    p.hidden = false;
  }
} catch (err) {
  show(
    h(
      'p',
      { class: 'status' },
      err instanceof ApiError && err.status === 404 ? word('job.notFound') : problemText(err),
    ),
  );
}
