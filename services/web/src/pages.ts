import { esc, page, say } from './html.ts';
import type { Lang, StringKey } from './strings.ts';

const t = (lang: Lang, key: StringKey) => esc(say(lang, key));

/** A form that opens a screen for an id (`/hall?id=` redirects to `/hall/<id>`). */
const idForm = (lang: Lang, action: string, label: StringKey, name: string) =>
  `<form class="id-form" method="get" action="/${action}">` +
  `<label for="${name}">${t(lang, label)}</label>` +
  `<input id="${name}" name="id" required pattern="[a-z]{3}_[0-9a-f]{32}" autocomplete="off" spellcheck="false">` +
  `${lang === 'en' ? '<input type="hidden" name="lang" value="en">' : ''}` +
  `<button type="submit">${t(lang, 'open')}</button></form>`;

const card = (lang: Lang, title: StringKey, about: StringKey, inner: string) =>
  `<section class="card"><h2>${t(lang, title)}</h2><p>${t(lang, about)}</p>${inner}</section>`;

export function landingPage(lang: Lang, notFound = false): string {
  const suffix = lang === 'en' ? '?lang=en' : '';
  const body =
    (notFound ? `<p class="notice" role="alert">${lang === 'zh' ? '没有这个页面。' : 'No such page.'}</p>` : '') +
    `<p class="intro">${t(lang, 'landing.intro')}</p><div class="cards">` +
    card(
      lang,
      'landing.office',
      'landing.office.about',
      `<a class="button" href="/office${suffix}">${t(lang, 'open')}</a>`,
    ) +
    card(lang, 'landing.desk', 'landing.desk.about', `<a class="button" href="/desk${suffix}">${t(lang, 'open')}</a>`) +
    card(lang, 'landing.hall', 'landing.hall.about', idForm(lang, 'hall', 'landing.fairId', 'hall-fair')) +
    card(
      lang,
      'landing.booth',
      'landing.booth.about',
      `<a class="button" href="/booth${suffix}">${t(lang, 'open')}</a>`,
    ) +
    card(
      lang,
      'landing.host',
      'landing.host.about',
      idForm(lang, 'host', 'landing.livestreamId', 'host-livestream') +
        `<h3>${t(lang, 'landing.overlay')}</h3>` +
        idForm(lang, 'overlay', 'landing.livestreamId', 'overlay-livestream'),
    ) +
    card(
      lang,
      'landing.phone',
      'landing.phone.about',
      `<p><code>/m/{code}</code></p><h3>${t(lang, 'live.title')}</h3>` +
        idForm(lang, 'live', 'landing.livestreamId', 'live-livestream'),
    ) +
    `</div><p class="docs"><a href="/docs">${t(lang, 'landing.docs')}</a> · <a href="/docs/json">OpenAPI</a></p>`;
  return page({ name: 'landing', lang, title: 'landing.title', body, noScript: true });
}

/** The seeker's phone page behind a message's link: filled in by its script from the link's job. */
export function jobPage(lang: Lang, code: string): string {
  const body =
    `<article id="job" aria-busy="true"><p class="status" role="status">${t(lang, 'loading')}</p></article>` +
    `<p class="unsubscribe" id="unsubscribe" hidden><a href="#">${t(lang, 'job.unsubscribe')}</a></p>`;
  return page({
    name: 'job',
    lang,
    title: 'job.title',
    body,
    data: { code },
    words: [
      'job.wage',
      'job.wageOffered',
      'job.yuanMonth',
      'job.place',
      'job.employer',
      'job.benefits',
      'job.headcount',
      'job.description',
      'job.reason',
      'job.interest',
      'job.interested',
      'job.notOpen',
      'job.notFound',
      'job.housing',
      'job.meals',
      'job.insurance',
      'job.none',
      'failed',
    ],
  });
}

/** A livestream viewer's phone page: register with the least the ranking needs, then their own explained list. */
export function livePage(lang: Lang, livestreamId: string): string {
  const body =
    `<h2 id="live-title" class="job-title">${t(lang, 'loading')}</h2><p id="live-host" class="job-employer"></p>` +
    `<form id="viewer-form"><p class="help">${t(lang, 'live.about')}</p>` +
    `<label for="v-region">${t(lang, 'desk.residence')}</label>` +
    `<input id="v-region" name="region" required autocomplete="off" placeholder="${t(lang, 'live.regionExample')}">` +
    `<div id="place-choices" class="choices" hidden></div>` +
    `<label for="v-skills">${t(lang, 'live.skills')}</label>` +
    `<input id="v-skills" name="skills" autocomplete="off" placeholder="${t(lang, 'live.skillsExample')}">` +
    `<label for="v-wage">${t(lang, 'desk.expectedWage')}</label>` +
    `<input id="v-wage" name="wage" type="number" min="0" step="100" inputmode="numeric">` +
    `<label for="v-phone">${t(lang, 'live.phone')}</label>` +
    `<input id="v-phone" name="phone" inputmode="tel" autocomplete="tel">` +
    `<label class="check"><input type="checkbox" name="consent"> ${t(lang, 'live.consent')}</label>` +
    `<button type="submit" class="interest">${t(lang, 'live.show')}</button>` +
    `<p id="viewer-status" class="error" role="status"></p></form>` +
    `<section id="viewer-jobs" hidden><h2>${t(lang, 'live.jobs')}</h2><p id="unknown-skills" class="muted"></p>` +
    `<p id="jobs-status" role="status"></p><ol id="jobs" class="viewer-jobs"></ol></section>`;
  return page({
    name: 'live',
    lang,
    title: 'live.title',
    body,
    data: { livestreamId },
    words: [
      'job.interest',
      'job.interested',
      'job.reason',
      'job.yuanMonth',
      'live.gaps',
      'live.none',
      'live.whichPlace',
      'live.elsewhere',
      'live.unknownSkills',
      'live.notFound',
      'loading',
      'failed',
    ],
  });
}

export function hallPage(lang: Lang, fairId: string): string {
  const figure = (key: string, label: StringKey) =>
    `<div class="figure"><span class="value" id="fig-${key}">–</span><span class="label">${t(lang, label)}</span></div>`;
  const body =
    `<header class="hall-head"><h1 id="fair-name">${t(lang, 'hall.title')}</h1>` +
    `<p class="conn" id="conn" role="status">${t(lang, 'loading')}</p></header>` +
    `<section class="figures" aria-label="${t(lang, 'hall.title')}">` +
    figure('checkedIn', 'hall.checkedIn') +
    figure('intents', 'hall.intents') +
    figure('employers', 'hall.employers') +
    figure('posts', 'hall.posts') +
    `</section><div class="hall-lists">` +
    `<section><h2>${t(lang, 'hall.latest')}</h2><ol id="latest" class="latest"><li class="muted">${t(lang, 'hall.waiting')}</li></ol></section>` +
    `<section><h2>${t(lang, 'hall.sought')}</h2><ol id="sought" class="sought"></ol></section></div>`;
  return page({
    name: 'hall',
    lang,
    title: 'hall.title',
    body,
    bare: true,
    data: { fairId },
    words: ['hall.live', 'hall.reconnecting', 'hall.booth', 'hall.intentsCount', 'hall.title'],
  });
}

/** What the gateway's configuration changes on the screens. */
export type ScreenOptions = {
  /** Staff may sign in through the province's identity platform (OIDC): the staff pages offer it. */
  oidcSignIn?: boolean;
};

const tokenForm = (lang: Lang, id: string, label: StringKey, help: StringKey, screens: ScreenOptions = {}) =>
  `<form id="${id}" class="signin">` +
  `<label for="${id}-input">${t(lang, label)}</label>` +
  `<p class="help" id="${id}-help">${t(lang, help)}</p>` +
  `<textarea id="${id}-input" name="credential" rows="3" required autocomplete="off" spellcheck="false" aria-describedby="${id}-help"></textarea>` +
  `<p id="${id}-error" class="error" role="alert"></p>` +
  `<button type="submit">${t(lang, 'desk.signIn')}</button>` +
  // The platform's sign-in comes back to a page that keeps the token in this tab and opens the desk.
  (screens.oidcSignIn
    ? `<p class="oidc">${t(lang, 'signin.or')} <a class="button secondary" href="/v1/staff/oidc/start">${t(lang, 'signin.oidc')}</a></p>`
    : '') +
  `</form>`;

/**
 * A person's short registration form (the desk's walk-in, the office's new seeker): name, ID
 * number, phone, home place and trade (each suggested from the vocabularies as one types),
 * expected wage. The fields are `<prefix>-name` … `<prefix>-wage`; common.js's `personOf` reads them.
 */
const personFields = (lang: Lang, prefix: string) => {
  const field = (name: string, label: StringKey, attrs: string, after = '') =>
    `<label for="${prefix}-${name}">${t(lang, label)}</label>` +
    `<input id="${prefix}-${name}" ${attrs} autocomplete="off" aria-describedby="${prefix}-${name}-error">` +
    `<p class="field-error" id="${prefix}-${name}-error" hidden></p>${after}`;
  return (
    field('name', 'desk.name', 'required') +
    field('id', 'desk.idNumber', 'required') +
    field('phone', 'desk.phone', 'inputmode="tel"') +
    field(
      'region',
      'desk.residence',
      `required list="${prefix}-places"`,
      `<datalist id="${prefix}-places"></datalist>`,
    ) +
    field('trade', 'desk.trade', `required list="${prefix}-trades"`, `<datalist id="${prefix}-trades"></datalist>`) +
    field('wage', 'desk.expectedWage', 'type="number" min="0" step="100" inputmode="numeric"')
  );
};

export function deskPage(lang: Lang, screens: ScreenOptions = {}): string {
  const body =
    tokenForm(lang, 'signin', 'desk.tokenOrCode', 'desk.tokenOrCodeHelp', screens) +
    `<div id="desk" hidden>` +
    `<div class="bar"><label for="fair">${t(lang, 'desk.fair')}</label><select id="fair"></select>` +
    `<a id="hall-link" class="button secondary" href="#">${t(lang, 'desk.hall')}</a>` +
    `<button type="button" id="signout" class="secondary">${t(lang, 'desk.signOut')}</button></div>` +
    `<div class="desk-grid"><section class="panel">` +
    `<form id="checkin"><fieldset><legend>${t(lang, 'desk.by')}</legend>` +
    `<div class="tabs" role="radiogroup">` +
    `<label><input type="radio" name="by" value="phone" checked> ${t(lang, 'desk.phone')}</label>` +
    `<label><input type="radio" name="by" value="idNumber"> ${t(lang, 'desk.idNumber')}</label>` +
    `<label><input type="radio" name="by" value="qr"> ${t(lang, 'desk.qr')}</label></div></fieldset>` +
    `<label for="checkin-value" id="checkin-label">${t(lang, 'desk.phone')}</label>` +
    `<input id="checkin-value" name="value" required autocomplete="off" inputmode="tel">` +
    `<div class="row"><button type="submit">${t(lang, 'desk.checkIn')}</button>` +
    `<button type="button" id="scan" class="secondary" hidden>${t(lang, 'desk.scan')}</button></div></form>` +
    `<video id="camera" hidden muted playsinline></video>` +
    `<details id="walkin-box"><summary>${t(lang, 'desk.walkIn')}</summary><form id="walkin">` +
    personFields(lang, 'w') +
    `<button type="submit">${t(lang, 'desk.register')}</button></form></details>` +
    `</section><section class="panel" aria-live="polite"><h2>${t(lang, 'desk.best')}</h2>` +
    `<p id="result-status" role="status"></p><ol id="results" class="results"></ol>` +
    `<button type="button" id="slip" hidden>${t(lang, 'desk.slip')}</button></section></div></div>`;
  return page({
    name: 'desk',
    lang,
    title: 'desk.title',
    body,
    words: [
      'desk.phone',
      'desk.idNumber',
      'desk.qr',
      'desk.again',
      'desk.none',
      'desk.checkedIn',
      'desk.noFairs',
      'desk.noCamera',
      'desk.chooseFair',
      'hall.booth',
      'job.yuanMonth',
      'failed',
    ],
  });
}

/**
 * The officer's workspace: the region's seekers (searched, a page at a time), one seeker's
 * record and ranked jobs with each factor as a bar and the skills lacking, a seeker registered
 * by the short form, a sheet uploaded with its row report, the month's summary and its XLSX.
 */
export function officePage(lang: Lang, screens: ScreenOptions = {}): string {
  const panel = (id: string, title: StringKey, inner: string) =>
    `<section class="panel" id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${t(lang, title)}</h2>${inner}</section>`;
  const seekers =
    `<form id="search" class="search" role="search">` +
    `<div><label for="s-name">${t(lang, 'office.nameSearch')}</label><input id="s-name" name="name" maxlength="40" autocomplete="off"></div>` +
    `<div><label for="s-region">${t(lang, 'office.region')}</label><input id="s-region" name="region" list="s-places" autocomplete="off"><datalist id="s-places"></datalist></div>` +
    `<button type="submit">${t(lang, 'office.search')}</button></form>` +
    `<p id="list-status" role="status"></p><ol id="seekers" class="results seekers"></ol>` +
    `<button type="button" id="more" class="secondary" hidden>${t(lang, 'office.more')}</button>`;
  const seeker =
    `<p id="seeker-status" role="status">${t(lang, 'office.choose')}</p>` +
    `<h3 id="seeker-name" hidden></h3><dl id="record" class="record" hidden></dl>` +
    `<h3 id="matches-title" hidden>${t(lang, 'office.matches')}</h3><ol id="matches" class="results matches" aria-labelledby="matches-title"></ol>`;
  const register =
    `<form id="register">${personFields(lang, 'r')}<button type="submit">${t(lang, 'office.registerButton')}</button></form>` +
    `<p id="register-status" role="status"></p>`;
  const upload =
    `<p class="help">${t(lang, 'office.importHelp')} <a href="/v1/seekers/import/template" class="inline">${t(lang, 'office.template')}</a></p>` +
    `<form id="import"><label for="sheet">${t(lang, 'office.sheet')}</label>` +
    `<input id="sheet" name="file" type="file" required accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">` +
    `<button type="submit">${t(lang, 'office.upload')}</button></form>` +
    `<p id="import-status" role="status"></p><div id="import-report"></div>`;
  const summary =
    `<form id="report-form" class="bar"><label for="month">${t(lang, 'office.month')}</label><input id="month" type="month">` +
    `<button type="submit">${t(lang, 'office.show')}</button>` +
    `<button type="button" id="download" class="secondary">${t(lang, 'office.download')}</button></form>` +
    `<p id="report-status" role="status"></p><div id="report" class="table-wrap" tabindex="0" role="region" aria-labelledby="summary-title"></div>`;
  const body =
    tokenForm(lang, 'signin', 'desk.token', 'office.tokenHelp', screens) +
    `<p id="signin-status" class="error" role="alert"></p>` +
    `<div id="office" hidden><div class="bar"><span class="spacer"></span>` +
    `<button type="button" id="signout" class="secondary">${t(lang, 'desk.signOut')}</button></div>` +
    `<div class="office-grid">${panel('list', 'office.seekers', seekers)}${panel('seeker', 'office.seeker', seeker)}</div>` +
    `<div class="office-grid halves">${panel('new', 'office.register', register)}${panel('upload', 'office.import', upload)}</div>` +
    panel('summary', 'office.summary', summary) +
    `</div>`;
  return page({
    name: 'office',
    lang,
    title: 'office.title',
    body,
    words: [
      'office.forbidden',
      'office.invalid',
      'office.noSeekers',
      'office.noMatches',
      'office.score',
      'office.gaps',
      'office.noGaps',
      'office.factor.skills',
      'office.factor.location',
      'office.factor.wage',
      'office.factor.extras',
      'office.status',
      'office.skills',
      'office.certificates',
      'office.expected',
      'office.registeredAt',
      'status.unemployed',
      'status.employed',
      'status.flexible',
      'status.self_employed',
      'status.in_training',
      'status.not_seeking',
      'office.registered',
      'office.updated',
      'office.importing',
      'office.stored',
      'office.created',
      'office.updatedRows',
      'office.refused',
      'office.rows',
      'office.row',
      'office.field',
      'office.reason',
      'office.metric',
      'office.total',
      'metric.registered',
      'metric.intents',
      'metric.placements',
      'metric.stable90',
      'metric.followUpsDue',
      'metric.followUpsDone',
      'metric.fairsHeld',
      'metric.vacanciesOffered',
      'metric.postsOffered',
      'metric.notificationsSent',
      'desk.idNumber',
      'desk.phone',
      'desk.residence',
      'job.employer',
      'job.yuanMonth',
      'failed',
    ],
  });
}

export function boothPage(lang: Lang): string {
  const body =
    tokenForm(lang, 'signin', 'booth.key', 'booth.keyHelp') +
    `<div id="booth" hidden><div class="bar">` +
    `<label for="booth-fair">${t(lang, 'landing.fairId')}</label><input id="booth-fair" autocomplete="off" spellcheck="false">` +
    `<button type="button" id="booth-open">${t(lang, 'open')}</button>` +
    `<button type="button" id="signout" class="secondary">${t(lang, 'desk.signOut')}</button></div>` +
    `<h2>${t(lang, 'booth.candidates')}</h2><p id="booth-status" role="status"></p><ol id="candidates" class="results"></ol></div>`;
  return page({
    name: 'booth',
    lang,
    title: 'booth.title',
    body,
    words: ['booth.record', 'booth.recorded', 'booth.none', 'failed', 'job.yuanMonth'],
  });
}

export function hostPage(lang: Lang, livestreamId: string, screens: ScreenOptions = {}): string {
  const body =
    tokenForm(lang, 'signin', 'desk.token', 'desk.tokenHelp', screens) +
    `<div id="host" hidden><div class="bar"><span>${t(lang, 'host.viewers')}: <strong id="viewers">–</strong></span>` +
    `<span>${t(lang, 'host.intents')}: <strong id="intents">–</strong></span>` +
    `<a class="button secondary" href="/overlay/${esc(livestreamId)}">${t(lang, 'landing.overlay')}</a>` +
    `<button type="button" id="signout" class="secondary">${t(lang, 'desk.signOut')}</button></div>` +
    `<h2>${t(lang, 'host.lineup')}</h2><p id="host-status" role="status"></p><ol id="lineup" class="results"></ol></div>`;
  return page({
    name: 'host',
    lang,
    title: 'host.title',
    body,
    data: { livestreamId },
    words: ['host.pin', 'host.unpin', 'host.present', 'host.presenting', 'job.yuanMonth', 'failed'],
  });
}

export function overlayPage(lang: Lang, livestreamId: string): string {
  const body = `<div id="overlay" class="overlay" hidden><p class="now">${t(lang, 'overlay.now')}</p><p id="o-title" class="o-title"></p><p id="o-detail" class="o-detail"></p></div>`;
  return page({
    name: 'overlay',
    lang,
    title: 'overlay.title',
    body,
    bare: true,
    data: { livestreamId },
    words: ['job.yuanMonth'],
  });
}
