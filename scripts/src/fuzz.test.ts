// Schema-driven fuzzing through the gateway: for every operation of the merged OpenAPI
// document, requests generated from its own schemas (./fuzz/arbitraries.ts), as an admin and
// as nobody. Whatever is sent, the answer is never a 5xx, every 4xx is problem+json with a
// `type`, and every answer's status and media type are in that operation's documented responses.
// FUZZ_SEED and FUZZ_RUNS (requests per operation) repeat or widen a run.
import { openDatabase } from '@duijie/db';
import { captureLogger, staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import fc from 'fast-check';
import t from 'tap';
import { seedRecords, validCreditCodes, validIdNumbers } from './authorization/records.ts';
import { type FuzzRequest, type Pools, queryString, requestsOf } from './fuzz/arbitraries.ts';
import { FUZZ_KNOWN_DEFECTS } from './fuzz/known-defects.ts';
import { documentOperations, type Operation } from './openapi-operations.ts';
import { runServices } from './system.ts';

const DEFAULT_SEED = 20261130;
const DEFAULT_RUNS = 24;
const seed = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const runs = Number(process.env.FUZZ_RUNS ?? DEFAULT_RUNS);
const isDefaultRun = seed === DEFAULT_SEED && runs === DEFAULT_RUNS;

t.setTimeout(300_000);
const db = await openDatabase({});
const log = captureLogger('fatal');
const system = await runServices({
  db,
  staffTokens: testStaffTokens,
  logger: log.logger,
  gateway: { rateLimit: { max: 1_000_000, windowMs: 60_000 } },
  // Revoked and forged keys from one address, many times over: no failed-key limit either.
  keyLimits: { failedKeysPerAddress: { max: 1_000_000, windowMs: 60_000 } },
  liveRefreshMs: 0,
});
t.teardown(async () => {
  await system.close();
  await db.close();
});

const records = await seedRecords(system.gatewayUrl, db);
const pools: Pools = {
  employerId: [records.employerHere, records.employerElsewhere],
  vacancyId: [records.vacancyHere, records.vacancyToToggle],
  vacancy: [records.vacancyHere],
  seekerId: [records.seekerHere],
  seeker: [records.seekerHere],
  fairId: [records.fairHere],
  livestreamId: [records.livestream],
  viewerId: [records.viewer],
  followUpId: records.followUpIds,
  broadcastId: [records.broadcast],
  id: [records.fairHere, records.livestream],
  token: [records.unsubscribeToken],
  code: [records.linkCode],
};
// Values that pass the checks behind validation, so the one nasty value of a request gets as far
// as the database: regions that exist, ID numbers and credit codes with their check characters.
const regions = ['433122', '433100', '420322', '433122101201'];
for (const name of ['regionCode', 'residenceRegionCode', 'venueRegionCode', 'originRegionCode', 'regionCodes']) {
  pools[name] = regions;
}
pools.idNumber = validIdNumbers(5);
pools.creditCode = validCreditCodes(5);
const admin = await staffAuth({ staffId: 'fuzz-admin' });
const operations = await documentOperations(system.gatewayUrl);

type Answer = { status: number; type: string; body: string };

async function send(request: FuzzRequest): Promise<Answer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    const res = await fetch(`${system.gatewayUrl}${request.path}${queryString(request.query)}`, {
      method: request.method,
      headers: {
        ...(request.caller === 'admin' ? admin : {}),
        ...(request.contentType ? { 'content-type': request.contentType } : {}),
      },
      ...(request.body ? { body: request.body } : {}),
      redirect: 'manual',
      signal: controller.signal,
    });
    const type = res.headers.get('content-type') ?? '';
    // A live feed never ends: its headers are the answer.
    if (type.startsWith('text/event-stream')) {
      controller.abort();
      return { status: res.status, type, body: '' };
    }
    return { status: res.status, type, body: await res.text() };
  } finally {
    clearTimeout(timer);
  }
}

/** What is wrong with an answer, as `<what>` strings (empty: nothing). */
function violations(operation: Operation, answer: Answer): string[] {
  const found: string[] = [];
  // A 5xx is wrong whatever the document says: one finding, not two.
  if (answer.status >= 500) return [`${answer.status}`];
  const mediaType = answer.type.split(';')[0]?.trim() ?? '';
  const documented =
    operation.responses[String(answer.status)] ??
    operation.responses[`${String(answer.status)[0]}XX`] ??
    operation.responses.default;
  // A 4xx is a problem, unless the operation documents another body for it (a bulk's row report).
  const reportDocumented = documented?.includes(mediaType) && mediaType !== 'application/problem+json';
  if (answer.status >= 400 && answer.status < 500 && !reportDocumented) {
    let type: unknown;
    try {
      type = (JSON.parse(answer.body) as { type?: unknown }).type;
    } catch {}
    if (mediaType !== 'application/problem+json' || typeof type !== 'string') {
      found.push(`${answer.status} not problem+json with a type`);
    }
  }
  if (!documented) found.push(`${answer.status} undocumented`);
  else if (mediaType && answer.status !== 304 && documented.length > 0 && !documented.includes(mediaType)) {
    found.push(`${answer.status} as ${mediaType} undocumented`);
  }
  return found;
}

/** A request as a reader of the report wants it: short, and NULs and odd bytes visible. */
const describe = (request: FuzzRequest) => {
  const body = request.body ? JSON.stringify(request.body.toString('latin1').slice(0, 300)) : '';
  return `${request.caller}: ${request.method} ${request.path.slice(0, 200)}${queryString(request.query).slice(0, 300)} ${body}`;
};

t.test(
  `no 5xx, problem+json for every 4xx, every answer documented (FUZZ_SEED=${seed} FUZZ_RUNS=${runs})`,
  async (t) => {
    t.comment(
      `fuzz seed ${seed}, ${runs} requests per operation: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} repeats this run`,
    );
    const findings = new Map<string, { count: number; examples: string[] }>();
    let sent = 0;
    for (const [i, operation] of operations.entries()) {
      const samples = fc.sample(requestsOf(operation, { pools, nastiness: 0.03 }), { seed: seed + i, numRuns: runs });
      for (const request of samples) {
        let answer: Answer;
        try {
          answer = await send(request);
        } catch (err) {
          answer = { status: 599, type: '', body: `no answer: ${(err as Error).message}` };
        }
        sent++;
        // Fastify's own refusals (before any route runs) are one cause whatever the operation.
        const frameworkCode = /"code":"(FST_ERR_\w+)"/.exec(answer.body)?.[1];
        for (const what of violations(operation, answer)) {
          const key = frameworkCode ? `any operation, ${frameworkCode}: ${what}` : `${operation.key}: ${what}`;
          const finding = findings.get(key) ?? { count: 0, examples: [] };
          finding.count++;
          if (finding.examples.length < 3) finding.examples.push(`${describe(request)} → ${answer.body.slice(0, 200)}`);
          findings.set(key, finding);
        }
      }
    }
    t.comment(`${sent} requests over ${operations.length} operations`);
    for (const [key, finding] of findings) {
      t.comment(`${key} (${finding.count} times), e.g.\n  ${finding.examples.join('\n  ')}`);
      if (FUZZ_KNOWN_DEFECTS.has(key)) {
        t.pass(`${key}: a known defect, still there (${finding.count} times)`);
        continue;
      }
      t.fail(key, { count: finding.count, examples: finding.examples });
    }
    for (const key of FUZZ_KNOWN_DEFECTS) {
      if (findings.has(key)) continue;
      // Another seed may simply not have sent what shows it.
      if (isDefaultRun) t.fail(`${key}: a known defect not seen any more: fixed? remove it from FUZZ_KNOWN_DEFECTS`);
      else t.comment(`${key}: not seen in this run`);
    }
  },
);
