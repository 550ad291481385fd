import { type Lang, STRINGS, type StringKey } from './strings.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text made safe for HTML content and attribute values. */
export const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** The page's words in its language. */
export const say = (lang: Lang, key: StringKey) => STRINGS[key][lang];

export type PageSpec = {
  /** The script and body class: `assets/<name>.js`, `page-<name>`. */
  name: string;
  lang: Lang;
  title: StringKey;
  /** The server-rendered body (already escaped). */
  body: string;
  /** Words the page's script needs, in the page's language. */
  words?: readonly StringKey[];
  /** Values the script starts from (ids from the path), never a credential. */
  data?: Record<string, string>;
  /** No header or language switch: the big screen and the overlay have no one to press it. */
  bare?: boolean;
  /** No script at all (the landing page). */
  noScript?: boolean;
};

/** A whole page: everything from this origin (one stylesheet, one module script), nothing from elsewhere. */
export function page(spec: PageSpec): string {
  const { lang } = spec;
  const words = Object.fromEntries((spec.words ?? []).map((k) => [k, say(lang, k)]));
  // JSON inside a script element: `<` escaped, so no text can close the element.
  const json = JSON.stringify({ lang, words, data: spec.data ?? {} }).replace(/</g, '\\u003c');
  const other = lang === 'zh' ? 'en' : 'zh';
  const header = spec.bare
    ? ''
    : `<header class="top"><a class="brand" href="/">${esc(say(lang, 'brand'))}</a>` +
      `<h1>${esc(say(lang, spec.title))}</h1>` +
      `<button type="button" class="lang" data-switch-lang="${other}" lang="${other === 'zh' ? 'zh-CN' : 'en'}">${other === 'zh' ? '中文' : 'English'}</button></header>`;
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(say(lang, spec.title))} · ${esc(say(lang, 'brand'))}</title>
<link rel="stylesheet" href="/assets/style.css">
</head>
<body class="page-${spec.name}">
${header}
<main id="main">
${spec.body}
</main>
<script type="application/json" id="page-data">${json}</script>
${spec.noScript ? '<script type="module" src="/assets/common.js"></script>' : `<script type="module" src="/assets/${spec.name}.js"></script>`}
</body>
</html>
`;
}
