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
    card(lang, 'landing.phone', 'landing.phone.about', '<p><code>/m/{code}</code></p>') +
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

const tokenForm = (lang: Lang, id: string, label: StringKey, help: StringKey) =>
  `<form id="${id}" class="signin">` +
  `<label for="${id}-input">${t(lang, label)}</label>` +
  `<p class="help" id="${id}-help">${t(lang, help)}</p>` +
  `<textarea id="${id}-input" name="credential" rows="3" required autocomplete="off" spellcheck="false" aria-describedby="${id}-help"></textarea>` +
  `<p id="${id}-error" class="error" role="alert"></p>` +
  `<button type="submit">${t(lang, 'desk.signIn')}</button></form>`;

export function deskPage(lang: Lang): string {
  const body =
    tokenForm(lang, 'signin', 'desk.tokenOrCode', 'desk.tokenOrCodeHelp') +
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
    `<label for="w-name">${t(lang, 'desk.name')}</label><input id="w-name" required autocomplete="off">` +
    `<label for="w-id">${t(lang, 'desk.idNumber')}</label><input id="w-id" required autocomplete="off">` +
    `<label for="w-phone">${t(lang, 'desk.phone')}</label><input id="w-phone" inputmode="tel" autocomplete="off">` +
    `<label for="w-region">${t(lang, 'desk.residence')}</label><input id="w-region" required list="places" autocomplete="off">` +
    `<datalist id="places"></datalist>` +
    `<label for="w-trade">${t(lang, 'desk.trade')}</label><input id="w-trade" required list="trades" autocomplete="off">` +
    `<datalist id="trades"></datalist>` +
    `<label for="w-wage">${t(lang, 'desk.expectedWage')}</label><input id="w-wage" type="number" min="0" step="100" inputmode="numeric">` +
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
      'desk.chooseFair',
      'hall.booth',
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

export function hostPage(lang: Lang, livestreamId: string): string {
  const body =
    tokenForm(lang, 'signin', 'desk.token', 'desk.tokenHelp') +
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
