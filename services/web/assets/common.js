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

/** Calls this origin's API; the answer's JSON, or an ApiError. */
export async function api(method, path, { body, token, headers = {} } = {}) {
  const res = await fetch(path, {
    method,
    // Always the API's answer now (it answers 304 itself where nothing changed).
    cache: 'no-cache',
    headers: {
      accept: 'application/json',
      'accept-language': lang === 'en' ? 'en' : 'zh-CN',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const parsed = text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text;
  if (!res.ok) throw new ApiError(res.status, typeof parsed === 'object' ? parsed : null);
  return parsed;
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
