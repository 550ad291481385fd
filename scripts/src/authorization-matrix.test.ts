// Every operation of the merged OpenAPI document × every kind of caller, through the gateway
// on real listening servers (PGlite), against the one table in ./authorization/matrix.ts.
import { openDatabase } from '@duijie/db';
import { captureLogger, testStaffTokens } from '@duijie/service-kit/testing';
import t from 'tap';
import {
  CALLERS,
  type CallerName,
  KNOWN_DEFECTS,
  MATRIX,
  type Outcome,
  type Row,
  rowName,
} from './authorization/matrix.ts';
import { callerHeaders, type Request, requestOf, seedRecords } from './authorization/records.ts';
import { documentOperations } from './openapi-operations.ts';
import { runServices } from './system.ts';

// About a minute on an idle machine; the limit leaves room for a busy one.
t.setTimeout(300_000);
const db = await openDatabase({});
const log = captureLogger('warn');
const system = await runServices({
  db,
  staffTokens: testStaffTokens,
  logger: log.logger,
  // The matrix sends ~700 requests as a handful of callers: no rate limit may answer for the rules.
  gateway: { rateLimit: { max: 1_000_000, windowMs: 60_000 } },
  // Revoked and forged keys from one address, many times over: no failed-key limit either.
  keyLimits: { failedKeysPerAddress: { max: 1_000_000, windowMs: 60_000 } },
  liveRefreshMs: 0,
});
t.teardown(async () => {
  await system.close();
  await db.close();
});

const operations = await documentOperations(system.gatewayUrl);
const cellName = (row: Row, caller: CallerName) => `${rowName(row)} × ${caller}`;

t.test('every operation of the OpenAPI document has a row, and every row an operation', async (t) => {
  const rows = new Set(MATRIX.map((r) => r.operation));
  const inDocument = new Set(operations.map((o) => o.key));
  t.same(
    [...inDocument].filter((o) => !rows.has(o)),
    [],
    'operations without a row: add them to MATRIX in scripts/src/authorization/matrix.ts',
  );
  t.same(
    [...rows].filter((o) => !inDocument.has(o)),
    [],
    'rows of operations the document does not have',
  );
  t.same(
    [...KNOWN_DEFECTS].filter((k) => !MATRIX.some((r) => CALLERS.some((c) => cellName(r, c) === k))),
    [],
    'KNOWN_DEFECTS names only cells of the table',
  );
});

/** The same request with what a careless or hostile anonymous caller might send instead. */
function badInput(row: Row, request: Request): Request {
  if (request.body !== undefined) return { method: request.method, path: request.path, body: {} };
  const template = row.operation.split(' ')[1] ?? '';
  const path = template.replace(/\{[^}]+\}/g, 'x');
  const query = Object.fromEntries(Object.keys(request.query ?? {}).map((k) => [k, 'x']));
  return { method: request.method, path, query };
}

async function send(request: Request, headers: Record<string, string>) {
  const url = new URL(request.path, system.gatewayUrl);
  for (const [k, v] of Object.entries(request.query ?? {})) url.searchParams.set(k, v);
  const controller = new AbortController();
  const json = request.body !== undefined && !request.contentType;
  const res = await fetch(url, {
    method: request.method,
    headers: {
      ...headers,
      ...(request.body !== undefined ? { 'content-type': request.contentType ?? 'application/json' } : {}),
    },
    ...(request.body !== undefined ? { body: json ? JSON.stringify(request.body) : String(request.body) } : {}),
    redirect: 'manual',
    signal: controller.signal,
  });
  // A live feed never ends: its headers are the answer.
  if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    controller.abort();
    return { status: res.status, text: '' };
  }
  return { status: res.status, text: await res.text() };
}

type Answer = { status: number; text: string };

const problemTypeOf = (answer: Answer) => {
  try {
    return (JSON.parse(answer.text) as { type?: string }).type;
  } catch {
    return undefined;
  }
};

function outcomeOf(expected: Outcome, answer: Answer, unknown?: Answer): Outcome {
  if (expected === 'as-unknown') {
    if (!unknown) throw new Error('an as-unknown cell needs the request about an unknown person');
    const same = answer.status === unknown.status && problemTypeOf(answer) === problemTypeOf(unknown);
    if (same) return 'as-unknown';
  }
  return answer.status >= 200 && answer.status < 400 ? 'ok' : (answer.status as Outcome);
}

t.test('each caller gets what the table says, on every operation', async (t) => {
  const records = await seedRecords(system.gatewayUrl, db);
  const headers = await callerHeaders(records.keys);
  const observed: string[] = [];
  for (const row of MATRIX) {
    const build = requestOf(row);
    // Refused callers first: an allowed one's change (a blacklisting, a revoked key) must not
    // decide a refused one's answer.
    const order = [...CALLERS].sort((a, b) => Number(row.cells[a] === 'ok') - Number(row.cells[b] === 'ok'));
    const actual: Partial<Record<CallerName, string>> = {};
    for (const caller of order) {
      const expected = row.cells[caller];
      const request = await build(records);
      const answer = await send(caller === 'anonymousBadInput' ? badInput(row, request) : request, headers[caller]);
      const unknown =
        expected === 'as-unknown' && request.unknown ? await send(request.unknown, headers[caller]) : undefined;
      const got = outcomeOf(expected, answer, unknown);
      actual[caller] = String(got);
      const name = cellName(row, caller);
      const detail = {
        status: answer.status,
        answer: answer.text.slice(0, 300),
        ...(unknown ? { unknownPersonAnswer: unknown.text.slice(0, 300) } : {}),
      };
      if (KNOWN_DEFECTS.has(name)) {
        t.not(got, expected, `${name}: a known defect, still there (when this fails, remove it from KNOWN_DEFECTS)`);
      } else {
        t.equal(got, expected, name, got === expected ? {} : detail);
      }
    }
    observed.push(`${rowName(row)}: ${CALLERS.map((c) => `${c}=${actual[c]}`).join(' ')}`);
  }
  if (process.env.MATRIX_PRINT) t.comment(`observed:\n${observed.join('\n')}`);
});
