import type { ServiceApp } from '@duijie/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Asset, loadAssets } from './assets.ts';
import {
  boothPage,
  deskPage,
  hallPage,
  hostPage,
  jobPage,
  landingPage,
  livePage,
  officePage,
  overlayPage,
  type ScreenOptions,
} from './pages.ts';
import type { Lang } from './strings.ts';

/**
 * Nothing from another origin: scripts, styles, images, connections (the API and the live
 * feeds are this origin's `/v1`) — a page that tried would be stopped by the browser.
 */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
  "frame-src 'self' blob:; frame-ancestors 'self'; base-uri 'none'; form-action 'self'";

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  // A page's address may carry a message's link code: never sent on to anyone.
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** The page's language: `?lang=`, else the `lang` cookie the switch sets, else Chinese. */
export function langOf(request: FastifyRequest): Lang {
  const query = (request.query as Record<string, unknown> | undefined)?.lang;
  if (query === 'en' || query === 'zh') return query;
  const cookie = /(?:^|;\s*)lang=(en|zh)(?:;|$)/.exec(request.headers.cookie ?? '');
  return (cookie?.[1] as Lang | undefined) ?? 'zh';
}

const ID = /^[a-z]{3}_[0-9a-f]{32}$/;
const LINK_CODE = /^[0-9a-f]{16}$/;

/**
 * The screens, served by the gateway under `/`: HTML rendered here, one stylesheet and a small
 * hand-written module script per page from `assets/`. The pages call the API (`/v1/…`) of this
 * same origin, with the credential the person pasted (kept in the tab's sessionStorage, sent
 * in the Authorization header, never in an address).
 */
export async function webPlugin(app: ServiceApp, screens: ScreenOptions = {}) {
  const assets = loadAssets();
  const config = { access: 'public' } as const;
  const schema = { hide: true };

  const sendPage = (reply: FastifyReply, html: string, status = 200) =>
    reply.code(status).headers(PAGE_HEADERS).send(html);
  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(reply, landingPage(langOf(request), true), 404);

  app.get('/', { config, schema }, async (request, reply) => sendPage(reply, landingPage(langOf(request))));

  app.get<{ Params: { file: string } }>('/assets/:file', { config, schema }, async (request, reply) => {
    const asset: Asset | undefined = assets.get(request.params.file);
    if (!asset) return reply.callNotFound();
    reply.headers({
      'content-type': asset.type,
      etag: asset.etag,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      vary: 'accept-encoding',
    });
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      return reply.header('content-encoding', 'gzip').send(asset.gzip);
    }
    return reply.send(asset.body);
  });

  app.get<{ Params: { code: string } }>('/m/:code', { config, schema }, async (request, reply) =>
    LINK_CODE.test(request.params.code)
      ? sendPage(reply, jobPage(langOf(request), request.params.code))
      : notFound(request, reply),
  );
  app.get('/desk', { config, schema }, async (request, reply) => sendPage(reply, deskPage(langOf(request), screens)));
  app.get('/office', { config, schema }, async (request, reply) =>
    sendPage(reply, officePage(langOf(request), screens)),
  );
  app.get('/booth', { config, schema }, async (request, reply) => sendPage(reply, boothPage(langOf(request))));
  // The screens of one fair or livestream, by its id; the landing page's forms ask with `?id=`,
  // which goes on to the page's own address.
  const byId: Record<string, (lang: Lang, id: string, screens: ScreenOptions) => string> = {
    hall: hallPage,
    host: hostPage,
    overlay: overlayPage,
    live: livePage,
  };
  for (const [screen, render] of Object.entries(byId)) {
    app.get<{ Querystring: { id?: string; lang?: string } }>(
      `/${screen}`,
      { config, schema },
      async (request, reply) => {
        const id = String(request.query.id ?? '').trim();
        if (!ID.test(id)) return notFound(request, reply);
        return reply.redirect(`/${screen}/${id}${request.query.lang === 'en' ? '?lang=en' : ''}`, 303);
      },
    );
    app.get<{ Params: { id: string } }>(`/${screen}/:id`, { config, schema }, async (request, reply) =>
      ID.test(request.params.id)
        ? sendPage(reply, render(langOf(request), request.params.id, screens))
        : notFound(request, reply),
    );
  }
}
export type { ScreenOptions } from './pages.ts';
