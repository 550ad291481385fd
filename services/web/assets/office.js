// The officer's workspace (a laptop, 1280×800): the staff token pasted once and kept in this
// tab; the region's seekers, searched by part of the name or by place, a page at a time; one
// seeker's masked record and ranked jobs, each factor drawn as a bar, with the skills lacking;
// a seeker registered with the short form; a sheet uploaded and its row report; the month's
// summary and its XLSX, fetched with the token in the header and saved through a blob: URL.
import {
  ApiError,
  api,
  apiFile,
  askedOnce,
  credential,
  employerName,
  h,
  lang,
  personOf,
  problemText,
  showFieldErrors,
  signIn,
  suggest,
  suggestForPerson,
  word,
  yuan,
} from './common.js';

const TOKEN = 'duijie.staffToken';
const $ = (id) => document.getElementById(id);
let token = '';
const tokenOf = () => token;

/** A status line's words, marked as an error or not. */
function tell(id, text, error = false) {
  $(id).textContent = text;
  $(id).classList.toggle('error', error);
}

/** Words in the page's language from the API's pair ({zh, en}). */
const inLang = (pair) => pair?.[lang] ?? pair?.zh ?? '';
const percent = (value) => `${Math.round(value * 100)}%`;

/** A refused token (401) or one without the officer's rights (403, a fair desk's): back to the sign-in form, saying so. */
function refused(err) {
  if (!(err instanceof ApiError) || (err.status !== 401 && err.status !== 403)) return false;
  credential.clear(TOKEN);
  token = '';
  $('office').hidden = true;
  $('signin').hidden = false;
  tell('signin-status', word(err.status === 401 ? 'office.invalid' : 'office.forbidden'), true);
  return true;
}

// A place's name by its code: the county's full path, asked once each.
const countyName = askedOnce((county) =>
  api('GET', `/v1/vocabularies/places?q=${county}&limit=1`, { token }).then(
    (found) => found.items?.[0]?.path ?? county,
    () => county,
  ),
);
const placeName = (code) => countyName(code.slice(0, 6));

// The region's seekers: the API masks ID numbers and phones; a page at a time, "more" for the next.
let next = null;
async function listSeekers(more = false) {
  const params = new URLSearchParams({ limit: '20' });
  const name = $('s-name').value.trim();
  const region = $('s-region').value.trim();
  if (name) params.set('name', name);
  if (region) params.set('region', region);
  if (more && next) params.set('cursor', next);
  try {
    const page = await api('GET', `/v1/seekers?${params}`, { token });
    next = page.nextCursor;
    const items = page.items.map((s) =>
      h(
        'li',
        {},
        h(
          'button',
          { type: 'button', class: 'pick', onclick: () => openSeeker(s.id) },
          h('span', { class: 'employer' }, s.name),
          h('span', { class: 'masked' }, [s.idNumber, s.phone].filter(Boolean).join(' · ')),
          h('span', { class: 'reason' }, s.skills.map((k) => k.name).join('、')),
        ),
      ),
    );
    if (more) $('seekers').append(...items);
    else $('seekers').replaceChildren(...items);
    tell('list-status', $('seekers').children.length ? '' : word('office.noSeekers'));
    $('more').hidden = !next;
    return true;
  } catch (err) {
    if (!refused(err)) tell('list-status', problemText(err), true);
    return false;
  }
}
$('search').addEventListener('submit', (event) => {
  event.preventDefault();
  listSeekers();
});
$('more').addEventListener('click', () => listSeekers(true));
suggest($('s-region'), 'places', tokenOf);

// One seeker: the masked record, then the ranked jobs with each factor as a bar and the gaps.
const wageOf = (wage) =>
  wage.unit === 'month'
    ? yuan(wage.min, wage.max ?? wage.min)
    : `${wage.min}${wage.max ? `–${wage.max}` : ''} (${wage.unit})`;

async function recordOf(s) {
  const rows = [
    ['desk.idNumber', s.idNumber],
    ['desk.phone', s.phone ?? '–'],
    ['desk.residence', await placeName(s.residenceRegionCode)],
    ['office.status', word(`status.${s.employmentStatus}`)],
    ['office.skills', s.skills.map((k) => (k.years ? `${k.name}（${k.years}）` : k.name)).join('、') || '–'],
    ['office.certificates', s.certificates.join('、') || '–'],
    ['office.expected', s.demand.expectedWage ? wageOf(s.demand.expectedWage) : '–'],
    ['office.registeredAt', new Date(s.registeredAt).toLocaleDateString(lang === 'en' ? 'en' : 'zh-CN')],
  ];
  return rows.flatMap(([key, value]) => [h('dt', {}, word(key)), h('dd', {}, value)]);
}

/** One factor of a match as a bar: its name, a meter (read out with its value) and the value as text. */
function factorBar(f) {
  const key = `office.factor.${f.factor}`;
  const name = word(key) === key ? f.factor : word(key);
  return h(
    'li',
    { class: 'factor' },
    h('span', { class: 'factor-name' }, name),
    h('meter', { min: 0, max: 1, value: f.value, 'aria-label': `${name} ${percent(f.value)}` }, percent(f.value)),
    h('span', { class: 'factor-value' }, percent(f.value)),
    h('span', { class: 'factor-reason' }, inLang(f.reason)),
  );
}

async function matchItem({ vacancy, match }) {
  const gaps = match.skillGaps ?? [];
  return h(
    'li',
    { class: 'match' },
    h(
      'p',
      { class: 'match-head' },
      h('span', { class: 'title' }, vacancy.title),
      ' · ',
      h('span', { class: 'employer' }, await employerName(vacancy.employerId)),
      ' · ',
      h('span', { class: 'wage' }, yuan(vacancy.monthlyWage.monthlyMin, vacancy.monthlyWage.monthlyMax)),
      h('span', { class: 'score' }, `${word('office.score')} ${percent(match.score)}`),
    ),
    h('p', { class: 'reason' }, inLang(match.reason)),
    h('ul', { class: 'factors' }, match.breakdown.map(factorBar)),
    gaps.length
      ? h(
          'p',
          { class: 'gaps' },
          h('span', { class: 'gaps-label' }, word('office.gaps')),
          gaps.map((g) => h('span', { class: 'gap' }, g.name)),
        )
      : h('p', { class: 'gaps muted' }, word('office.noGaps')),
  );
}

async function openSeeker(id) {
  tell('seeker-status', '…');
  try {
    const [seeker, matches] = await Promise.all([
      api('GET', `/v1/seekers/${id}`, { token }),
      api('GET', `/v1/seekers/${id}/matches?limit=10`, { token }),
    ]);
    $('seeker-name').textContent = seeker.name;
    $('seeker-name').hidden = false;
    $('record').replaceChildren(...(await recordOf(seeker)));
    $('record').hidden = false;
    const items = await Promise.all(matches.items.map(matchItem));
    $('matches').replaceChildren(...(items.length ? items : [h('li', { class: 'muted' }, word('office.noMatches'))]));
    $('matches-title').hidden = false;
    tell('seeker-status', '');
  } catch (err) {
    if (!refused(err)) tell('seeker-status', problemText(err), true);
  }
}

// A seeker registered with the short form: a field the API refuses is named under it.
suggestForPerson('r', tokenOf);
$('register').addEventListener('submit', async (event) => {
  event.preventDefault();
  const { person, expectedWage } = personOf('r');
  try {
    const s = await api('POST', '/v1/seekers', {
      token,
      body: { ...person, ...(expectedWage ? { demand: { expectedWage } } : {}) },
    });
    showFieldErrors('r', null);
    tell('register-status', `${word(s.existing ? 'office.updated' : 'office.registered')}: ${s.name}`);
    event.target.reset();
    await Promise.all([listSeekers(), openSeeker(s.id), loadSummary()]);
  } catch (err) {
    if (!refused(err)) tell('register-status', showFieldErrors('r', err), true);
  }
});

// A sheet: stored at once (its row report) or, when large, as a job that is asked again until done.
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function showReport(report) {
  tell(
    'import-status',
    `${word('office.stored')}: ${report.stored} ${word('office.rows')}` +
      ` (${word('office.created')} ${report.created}, ${word('office.updatedRows')} ${report.updated}) · ` +
      `${word('office.refused')}: ${report.failedCount} ${word('office.rows')}`,
    report.failedCount > 0,
  );
  const rows = report.failed.flatMap((f) =>
    f.errors.map((e) => h('tr', {}, h('td', {}, String(f.row)), h('td', {}, e.field), h('td', {}, e.message))),
  );
  $('import-report').replaceChildren(
    ...(rows.length
      ? [
          h(
            'table',
            { class: 'report' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['office.row', 'office.field', 'office.reason'].map((k) => h('th', { scope: 'col' }, word(k))),
              ),
            ),
            h('tbody', {}, rows),
          ),
        ]
      : []),
  );
}

$('import').addEventListener('submit', async (event) => {
  event.preventDefault();
  const [file] = $('sheet').files;
  if (!file) return;
  const form = new FormData();
  form.append('file', file, file.name);
  tell('import-status', word('office.importing'));
  $('import-report').replaceChildren();
  try {
    let answer = await api('POST', '/v1/seekers/import', { token, body: form });
    while (answer.kind && answer.status === 'running') {
      await pause(1000);
      answer = await api('GET', `/v1/imports/${answer.id}`, { token });
    }
    if (answer.kind && answer.status === 'failed') return tell('import-status', answer.error ?? word('failed'), true);
    showReport(answer.kind ? answer.report : answer);
    await Promise.all([listSeekers(), loadSummary()]);
  } catch (err) {
    // Nothing stored: the 422's body is the row report itself.
    if (err instanceof ApiError && Array.isArray(err.problem?.failed)) showReport(err.problem);
    else if (!refused(err)) tell('import-status', problemText(err), true);
  }
});

// The month's summary (this month until a month is chosen) and its XLSX.
const METRICS = [
  'registered',
  'intents',
  'placements',
  'stable90',
  'followUpsDue',
  'followUpsDone',
  'fairsHeld',
  'vacanciesOffered',
  'postsOffered',
  'notificationsSent',
];

/** The period's query: the chosen month, to the first of the next (exclusive); none for this month. */
function period() {
  const month = $('month').value;
  if (!month) return '';
  const [y, m] = month.split('-').map(Number);
  const to = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return `from=${month}-01&to=${to}`;
}

async function loadSummary() {
  tell('report-status', '…');
  try {
    const report = await api('GET', `/v1/reports/summary?${period()}`, { token });
    $('month').value = report.from.slice(0, 7);
    const columns = [...report.rows, { ...report.total, name: `${word('office.total')}（${report.total.name}）` }];
    $('report').replaceChildren(
      h(
        'table',
        { class: 'report' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, word('office.metric')),
            columns.map((c) => h('th', { scope: 'col' }, c.name)),
          ),
        ),
        h(
          'tbody',
          {},
          METRICS.map((k) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, word(`metric.${k}`)),
              columns.map((c) => h('td', {}, String(c[k]))),
            ),
          ),
        ),
      ),
    );
    // `to` is the first day after the period.
    const last = new Date(Date.parse(`${report.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    tell('report-status', `${report.from} – ${last}`);
  } catch (err) {
    if (!refused(err)) tell('report-status', problemText(err), true);
  }
}
$('report-form').addEventListener('submit', (event) => {
  event.preventDefault();
  loadSummary();
});
$('download').addEventListener('click', async () => {
  try {
    const { blob, name } = await apiFile(`/v1/reports/summary?${period()}&format=xlsx`, { token });
    const url = URL.createObjectURL(blob);
    const link = h('a', { href: url, download: name ?? 'summary.xlsx', hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    if (!refused(err)) tell('report-status', problemText(err), true);
  }
});

signIn(TOKEN, async (value) => {
  token = value;
  tell('signin-status', '');
  $('office').hidden = false;
  if (await listSeekers()) loadSummary();
});
