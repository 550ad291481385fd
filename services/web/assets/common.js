// What every page's script shares: its words and data, the language switch, the credential
// kept in this tab (sessionStorage: gone when the tab closes, never in an address), and calls
// to this origin's API.

const pageData = JSON.parse(document.getElementById('page-data')?.textContent ?? '{}');
export const lang = pageData.lang ?? 'zh';
export const data = pageData.data ?? {};
/** A word of the page in its language. */
export const word = (key) => pageData.words?.[key] ?? key;

for (const button of document.querySelectorAll('[data-switch-lang]')) {
  button.addEventListener('click', () => {
    // biome-ignore lint/suspicious/noDocumentCookie: one plain value the server reads; the Cookie Store API is not in every browser
    document.cookie = `lang=${button.dataset.switchLang}; path=/; max-age=31536000; samesite=lax`;
    const url = new URL(location.href);
    url.searchParams.delete('lang');
    location.replace(url);
  });
}

/** The credential this tab signed in with (a staff token or an employer's API key), or null. */
export const credential = {
  get: (name) => sessionStorage.getItem(name),
  set: (name, value) => sessionStorage.setItem(name, value),
  clear: (name) => sessionStorage.removeItem(name),
};

/** An API problem (application/problem+json), with its words in the page's language where given. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** The headers of a call to the API: the page's language, the credential if any. */
const headersFor = (token, headers) => ({
  'accept-language': lang === 'en' ? 'en' : 'zh-CN',
  ...(token ? { authorization: `Bearer ${token}` } : {}),
  ...headers,
});

/** The problem an API's answer carries (application/problem+json), or null. */
const problemOf = (text, type) => {
  if (!text || !/json/.test(type ?? '')) return null;
  const parsed = JSON.parse(text);
  return typeof parsed === 'object' ? parsed : null;
};

/**
 * Calls this origin's API; the answer's JSON, or an ApiError. A body is sent as JSON, a
 * FormData (a file upload) as the browser encodes it.
 */
export async function api(method, path, { body, token, headers = {} } = {}) {
  const form = body instanceof FormData;
  const res = await fetch(path, {
    method,
    // Always the API's answer now (it answers 304 itself where nothing changed).
    cache: 'no-cache',
    headers: headersFor(token, {
      accept: 'application/json',
      ...(body !== undefined && !form ? { 'content-type': 'application/json' } : {}),
      ...headers,
    }),
    ...(body !== undefined ? { body: form ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const type = res.headers.get('content-type');
  if (!res.ok) throw new ApiError(res.status, problemOf(text, type));
  return text && /json/.test(type ?? '') ? JSON.parse(text) : text;
}

/**
 * A file from the API (a slip, a spreadsheet), asked for with the credential in the header —
 * never in an address: its bytes, to be shown or saved through a blob: URL, and its name.
 */
export async function apiFile(path, { token, accept = '*/*' } = {}) {
  const res = await fetch(path, { cache: 'no-cache', headers: headersFor(token, { accept }) });
  if (!res.ok) throw new ApiError(res.status, problemOf(await res.text(), res.headers.get('content-type')));
  const name = /filename\*=UTF-8''([^;]+)/i.exec(res.headers.get('content-disposition') ?? '')?.[1];
  return { blob: await res.blob(), name: name ? decodeURIComponent(name) : null };
}

/** The problem's own words (detail, else title), or the page's "something went wrong". */
export const problemText = (err) =>
  err instanceof ApiError ? (err.problem?.detail ?? err.problem?.title ?? word('failed')) : word('failed');

/** An element with attributes and children (text or elements); text is never parsed as HTML. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** A monthly wage range in yuan: 3,500–5,000 元/月. */
export const yuan = (min, max) => {
  const f = (n) => Number(n).toLocaleString(lang === 'en' ? 'en' : 'zh-CN');
  return `${min === max ? f(min) : `${f(min)}–${f(max)}`} ${word('job.yuanMonth')}`;
};

/** Whether what was typed is a fair's desk or booth code (10 letters and digits, spaces or dashes aside). */
export const isFairCode = (value) => /^[0-9a-z]{10}$/i.test(value.replace(/[\s-]/g, ''));

/**
 * Wires a sign-in form to the tab's credential; `onSignedIn` runs with it (now, if the tab has
 * one). `exchange`, if given, turns what was typed into the credential (a code for a token or a
 * key, through the API: in a request's body, never its address), or answers null to keep it.
 */
export function signIn(storageName, onSignedIn, exchange) {
  const form = document.getElementById('signin');
  const error = document.getElementById('signin-error');
  const start = (value) => {
    form.hidden = true;
    onSignedIn(value);
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let value = form.elements.credential.value.trim().replace(/^Bearer\s+/i, '');
    if (!value) return;
    if (exchange) {
      try {
        value = (await exchange(value)) ?? value;
      } catch (err) {
        if (error) error.textContent = problemText(err);
        return;
      }
    }
    credential.set(storageName, value);
    form.reset();
    if (error) error.textContent = '';
    start(value);
  });
  document.getElementById('signout')?.addEventListener('click', () => {
    credential.clear(storageName);
    location.reload();
  });
  const kept = credential.get(storageName);
  if (kept) start(kept);
}

/** `ask` for each key once per page: later calls get the same promise. */
export function askedOnce(ask) {
  const asked = new Map();
  return (key) => {
    if (!asked.has(key)) asked.set(key, ask(key));
    return asked.get(key);
  };
}

/** An employer's name by id (public data; '' when it cannot be read). */
export const employerName = askedOnce((id) =>
  api('GET', `/v1/employers/${id}`).then(
    (e) => e.name,
    () => '',
  ),
);

/** How each vocabulary's entry is offered in a datalist: a place by its full path, a trade by its name. */
const SUGGESTED = {
  places: (p) => (typeof p.path === 'string' ? p.path : p.name),
  skills: (s) => s.name,
};

/**
 * Suggestions as one types into `input`, from `/v1/vocabularies/<vocabulary>` (places or
 * skills), offered through the input's own datalist; `tokenOf` gives the tab's credential.
 */
export function suggest(input, vocabulary, tokenOf) {
  const list = document.getElementById(input.getAttribute('list'));
  let timer = null;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 1) return;
    timer = setTimeout(async () => {
      try {
        const path = `/v1/vocabularies/${vocabulary}?q=${encodeURIComponent(q)}&limit=8`;
        const found = await api('GET', path, { token: tokenOf() });
        list.replaceChildren(...found.items.map((item) => h('option', { value: SUGGESTED[vocabulary](item) })));
      } catch {
        // Suggestions are a help only: the field is checked when the form is sent.
      }
    }, 200);
  });
}

/**
 * The person of a short registration form (the desk's walk-in, the office's new seeker): its
 * fields are `<prefix>-name`, `-id`, `-phone`, `-region`, `-trade` and `-wage`.
 */
export function personOf(prefix) {
  const value = (field) => document.getElementById(`${prefix}-${field}`).value.trim();
  const wage = Number(value('wage'));
  return {
    person: {
      name: value('name'),
      idNumber: value('id'),
      ...(value('phone') ? { phone: value('phone') } : {}),
      residence: value('region'),
      skills: value('trade') ? [{ name: value('trade') }] : [],
    },
    expectedWage: wage > 0 ? { min: wage, unit: 'month' } : undefined,
  };
}

/** Which of the short form's fields a request's field names (`idNumber`, `walkIn.skills.0.name`). */
const PERSON_FIELDS = {
  name: 'name',
  idNumber: 'id',
  phone: 'phone',
  residence: 'region',
  residenceRegionCode: 'region',
  skills: 'trade',
  demand: 'wage',
};

/**
 * Marks the short form's fields a problem names (aria-invalid, the reason under the field) and
 * clears the others; the problem's words with each named field's label and reason.
 */
export function showFieldErrors(prefix, err) {
  for (const field of new Set(Object.values(PERSON_FIELDS))) {
    document.getElementById(`${prefix}-${field}`).removeAttribute('aria-invalid');
    document.getElementById(`${prefix}-${field}-error`).hidden = true;
  }
  const named = [];
  for (const e of err?.problem?.errors ?? []) {
    const field = String(e.field)
      .split('.')
      .map((part) => PERSON_FIELDS[part])
      .find(Boolean);
    if (!field) continue;
    const input = document.getElementById(`${prefix}-${field}`);
    const message = document.getElementById(`${prefix}-${field}-error`);
    input.setAttribute('aria-invalid', 'true');
    message.textContent = e.message;
    message.hidden = false;
    named.push(`${document.querySelector(`label[for="${input.id}"]`)?.textContent ?? e.field}：${e.message}`);
  }
  return err ? [problemText(err), ...named].join(' ') : '';
}

/** The short registration form's suggestions: places for the home place, trades for the trade. */
export function suggestForPerson(prefix, tokenOf) {
  suggest(document.getElementById(`${prefix}-region`), 'places', tokenOf);
  suggest(document.getElementById(`${prefix}-trade`), 'skills', tokenOf);
}
