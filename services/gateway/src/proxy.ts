import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { MERGE_PATCH } from '@duijie/contracts';
import {
  bearerCredential,
  type RateLimit,
  rateLimited,
  refuse,
  type ServiceApp,
  type StaffTokens,
} from '@duijie/service-kit';
import fastifyHttpProxy from '@fastify/http-proxy';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AREAS, bodyLimitFor, type ServiceName, serviceFor } from './areas.ts';
import { errors } from './errors.ts';

type Options = {
  upstreams: Record<ServiceName, string>;
  timeoutMs: number;
  /** Requests one caller may make per window across the /v1 API. */
  rateLimit: RateLimit;
  /** Checks staff tokens, so a staff member is one caller whatever token they send. */
  staffTokens?: StaffTokens | undefined;
};

/**
 * Who a request counts against: the staff member of a good staff token, else the client's
 * address. An API key cannot be checked here (the keys live in intake's database), so it
 * counts as its address, as does anything forged or malformed: inventing credentials never
 * buys a fresh allowance. Intake limits each verified key, and failed key look-ups per address.
 */
export const rateKeyOf = (staffTokens: StaffTokens | undefined) => async (request: FastifyRequest) => {
  const credential = bearerCredential(request.headers.authorization);
  if (credential && staffTokens && !credential.startsWith('dj_')) {
    const claims = await staffTokens.verify(credential);
    if (claims) return `staff:${claims.staffId}`;
  }
  return `address:${request.ip}`;
};

const tooLarge = errors.bodyTooLarge;

/** Requests whose streamed body went over the route's limit on its way through. */
const overLimit = new WeakSet<object>();

/**
 * Passes the body through to the service untouched, counting it: a chunked body that grows
 * past the route's limit is cut off, and the request answered 413 (see onError).
 */
function countingBody(request: FastifyRequest, payload: IncomingMessage, done: (err: null, body: unknown) => void) {
  const limit = bodyLimitFor(request.url);
  let seen = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      seen += chunk.length;
      if (seen <= limit) return next(null, chunk);
      overLimit.add(request.raw);
      next(tooLarge(limit));
    },
  });
  // A client that goes away mid-body ends the forwarded request too, as a direct pipe would.
  payload.on('error', (err) => counted.destroy(err));
  payload.on('close', () => {
    if (!payload.complete) counted.destroy(new Error('the client closed the request before its body ended'));
  });
  payload.pipe(counted);
  done(null, counted);
}

/**
 * Forwards `/v1/<area>/…` to the service that owns the area, with the request id and the
 * client's address, and turns an unreachable service into a 502 (or a 504 when it is too
 * slow) problem+json. Bodies over the route's limit are refused here, at once.
 */
export async function proxyPlugin(app: ServiceApp, { upstreams, timeoutMs, rateLimit, staffTokens }: Options) {
  // Registered in this plugin only, so /health, /ready and /docs are never limited.
  await app.register(fastifyRateLimit, {
    max: rateLimit.max,
    timeWindow: rateLimit.windowMs,
    keyGenerator: rateKeyOf(staffTokens),
    errorResponseBuilder: (_request, context) => rateLimited(rateLimit, Math.ceil(context.ttl / 1000)),
  });
  // A declared length over the limit is refused before a byte is read or forwarded.
  app.addHook('onRequest', async (request, reply) => {
    const limit = bodyLimitFor(request.url);
    if (Number(request.headers['content-length']) > limit) {
      // Closed after the answer: the rest of the body is not worth reading.
      reply.header('connection', 'close');
      throw tooLarge(limit);
    }
  });
  // The body goes on as a stream (never parsed here), counted on its way; a merge patch too
  // (service-kit's own parser for it would otherwise read it here).
  app.removeContentTypeParser(MERGE_PATCH);
  app.addContentTypeParser('application/json', countingBody);
  app.addContentTypeParser('*', countingBody);

  for (const [area, service] of Object.entries(AREAS)) {
    const prefix = `/v1/${area}`;
    await app.register(fastifyHttpProxy, {
      upstream: upstreams[service],
      prefix,
      rewritePrefix: prefix,
      proxyPayloads: false,
      http: { requestOptions: { timeout: timeoutMs } },
      replyOptions: {
        getUpstream: (request) => upstreams[serviceFor(request.url, area) ?? service],
        // The services believe X-Forwarded-For from the gateway only: it says who the client is,
        // replacing whatever the client claimed.
        rewriteRequestHeaders: (request, headers) => ({
          ...headers,
          'x-request-id': request.id,
          'x-forwarded-for': request.ip,
        }),
        onError: (proxyReply, failure) => {
          // @fastify/reply-from types its reply for any server (HTTP/2 too); this one is HTTP/1's.
          const reply = proxyReply as unknown as FastifyReply;
          if (overLimit.has(reply.request.raw)) {
            return refuse(reply.header('connection', 'close'), tooLarge(bodyLimitFor(reply.request.url)));
          }
          const error = ((failure as { error?: Error }).error ?? failure) as Error & { code?: string };
          const timedOut = error.code === 'FST_REPLY_FROM_GATEWAY_TIMEOUT' || /timeout/i.test(error.message);
          const answering = serviceFor(reply.request.url, area) ?? service;
          reply.request.log.warn({ err: error, service: answering }, 'upstream failed');
          refuse(reply, (timedOut ? errors.upstreamTimeout : errors.upstreamUnavailable)(answering));
        },
      },
    });
  }
}
