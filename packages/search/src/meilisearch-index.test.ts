// What the Meilisearch adapter sends, pinned without a server (none can be installed here;
// the contract suite runs against a real one whenever MEILI_URL is set).
import { Taxonomy } from '@duijie/taxonomy';
import type { Meilisearch } from 'meilisearch';
import t from 'tap';
import { MeilisearchVacancyIndex, meiliFilter, meiliSettings, quote, toMeiliDocument } from './meilisearch-index.ts';
import type { VacancyDocument } from './port.ts';

const taxonomy = Taxonomy.load();

t.test('settings: what is searchable, filterable, sortable; ranking; synonyms from the taxonomy', async (t) => {
  const s = meiliSettings(taxonomy);
  t.same(s.searchableAttributes, ['title', 'words']);
  for (const a of ['status', 'regionCodes', '_geo', 'monthlyWageMax', 'skillCodes', 'fairIds', 'tags', 'words']) {
    t.ok(s.filterableAttributes?.includes(a), `${a} is filterable`);
  }
  t.same(s.sortableAttributes, ['datePosted', 'monthlyWageMax', '_geo']);
  t.equal(s.rankingRules?.at(-1), 'datePosted:desc');
  const welding = taxonomy.skills.find((k) => k.code === 'skill.welding');
  t.ok(welding && welding.synonyms.length > 0, 'the taxonomy has synonyms for 电焊');
  t.same(s.synonyms?.电焊, welding?.synonyms);
  for (const synonym of welding?.synonyms ?? []) t.ok(s.synonyms?.[synonym]?.includes('电焊'), `${synonym} → 电焊`);
  t.same(meiliSettings(taxonomy), s, 'the same every time: applying it again changes nothing');
});

t.test('a filter expression for each filter', async (t) => {
  t.equal(meiliFilter({}), 'status = "open" AND employerBlacklisted = false');
  t.equal(meiliFilter({ status: 'closed', excludeBlacklisted: false }), 'status = "closed"');
  const all = meiliFilter(
    {
      regionCodes: ['420300', '433100'],
      near: { lat: 32.99, lng: 110.42, radiusKm: 12.5 },
      wageAtLeast: 3000,
      wageAtMost: 8000,
      occupationCodes: ['occ.tea'],
      skillCodes: ['skill.welding'],
      employerId: 'emp_1',
      fairId: 'fair_1',
      livestreamId: 'live_1',
      tags: ['housing', 'meals'],
    },
    ['电焊', '焊工'],
  );
  t.equal(
    all,
    [
      'status = "open"',
      'employerBlacklisted = false',
      'regionCodes IN ["420300", "433100"]',
      '_geoRadius(32.99, 110.42, 12500)',
      'monthlyWageMax >= 3000',
      'monthlyWageMin <= 8000',
      'occupationCode IN ["occ.tea"]',
      'skillCodes IN ["skill.welding"]',
      'employerId = "emp_1"',
      'fairIds = "fair_1"',
      'livestreamIds = "live_1"',
      'tags = "housing"',
      'tags = "meals"',
      'words IN ["电焊", "焊工"]',
    ].join(' AND '),
  );
});

t.test('values with spaces, quotes and backslashes stay values', async (t) => {
  t.equal(quote('a b'), '"a b"');
  t.equal(quote('x" OR status = "closed'), '"x\\" OR status = \\"closed"');
  t.equal(quote('back\\slash'), '"back\\\\slash"');
  t.equal(
    meiliFilter({ employerId: 'emp" OR employerBlacklisted = true OR employerId = "x' }),
    'status = "open" AND employerBlacklisted = false AND employerId = "emp\\" OR employerBlacklisted = true OR employerId = \\"x"',
  );
  t.throws(() => meiliFilter({ wageAtLeast: Number.NaN }), /finite/);
});

const document: VacancyDocument = {
  id: 'vac_1',
  employerId: 'emp_1',
  employerBlacklisted: false,
  status: 'open',
  title: '电焊工',
  words: ['电焊', '电焊工'],
  regionCodes: ['420322', '420300', '420000'],
  lat: 33.0,
  lng: 110.4,
  monthlyWageMin: 6000,
  monthlyWageMax: 8000,
  occupationCode: null,
  skillCodes: ['skill.welding'],
  fairIds: [],
  livestreamIds: [],
  tags: [],
  datePosted: 1_790_000_000,
  version: 3,
};

t.test('documents carry _geo for geo filters, and no lat/lng of their own', async (t) => {
  const d = toMeiliDocument(document);
  t.same(d._geo, { lat: 33.0, lng: 110.4 });
  t.notOk('lat' in d);
  t.notOk('_geo' in toMeiliDocument({ ...document, lat: null, lng: null }));
});

/** Records what the adapter asks of the client; every task is already done. */
function recordingClient(stored: { id: string; version: number }[] = [], hasIndex = true) {
  const calls: [string, unknown][] = [];
  const task = (name: string, arg: unknown) => {
    calls.push([name, arg]);
    return Object.assign(Promise.resolve({ taskUid: calls.length }), {
      waitTask: async (options: unknown) => {
        calls.push([`${name}.waitTask`, options]);
        return { status: 'succeeded' };
      },
    });
  };
  const index = {
    updateSettings: (s: unknown) => task('updateSettings', s),
    addDocuments: (d: unknown) => task('addDocuments', d),
    deleteDocuments: (d: unknown) => task('deleteDocuments', d),
    deleteAllDocuments: () => task('deleteAllDocuments', null),
    getDocuments: async (q: unknown) => {
      calls.push(['getDocuments', q]);
      return { results: stored };
    },
    search: async (q: unknown, o: unknown) => {
      calls.push(['search', [q, o]]);
      return {
        hits: [
          { id: 'vac_old', words: ['电焊'] },
          { id: 'vac_both', words: ['电焊', '焊工'] },
        ],
        estimatedTotalHits: 2,
      };
    },
  };
  const client = {
    index: () => index,
    getIndex: async () => {
      if (!hasIndex) throw new Error('index_not_found');
      return {};
    },
    createIndex: (uid: string, o: unknown) => task('createIndex', [uid, o]),
  };
  return { client: client as unknown as Meilisearch, calls };
}

const adapter = (client: Meilisearch) =>
  new MeilisearchVacancyIndex(client, {
    uid: 'vacancies',
    taxonomy,
    words: (text) => (text === '电焊 焊工' ? ['电焊', '焊工'] : [text]),
    taskTimeoutMs: 1234,
  });

t.test('setup creates a missing index and applies the settings, waiting for each task', async (t) => {
  const { client, calls } = recordingClient([], false);
  await adapter(client).setup();
  t.same(
    calls.map(([name]) => name),
    ['createIndex', 'createIndex.waitTask', 'updateSettings', 'updateSettings.waitTask'],
  );
  t.same(calls[0]?.[1], ['vacancies', { primaryKey: 'id' }]);
  t.same(calls[1]?.[1], { timeout: 1234 });
});

t.test('upsert sends only documents not older than what is stored', async (t) => {
  const { client, calls } = recordingClient([{ id: 'vac_1', version: 5 }]);
  await adapter(client).upsert([document, { ...document, id: 'vac_2' }]);
  t.same(calls[0], ['getDocuments', { filter: 'id IN ["vac_1", "vac_2"]', fields: ['id', 'version'], limit: 2 }]);
  const added = calls.find(([name]) => name === 'addDocuments')?.[1] as { id: string }[];
  t.same(
    added.map((d) => d.id),
    ['vac_2'],
    'version 3 of vac_1 does not replace the stored version 5',
  );
});

t.test('search in `any` order sends no sort', async (t) => {
  const { client, calls } = recordingClient();
  await adapter(client).search({ filters: {}, limit: 5, order: 'any' });
  const [, options] = (calls[0]?.[1] ?? []) as [string, Record<string, unknown>];
  t.notOk('sort' in options);
});

t.test('search sends the filter with the words, newest first; more words first within the page', async (t) => {
  const { client, calls } = recordingClient();
  const result = await adapter(client).search({ text: '电焊 焊工', filters: { regionCodes: ['420000'] }, limit: 20 });
  t.same(calls[0], [
    'search',
    [
      '',
      {
        filter:
          'status = "open" AND employerBlacklisted = false AND regionCodes IN ["420000"] AND words IN ["电焊", "焊工"]',
        limit: 20,
        attributesToRetrieve: ['id', 'words'],
        sort: ['datePosted:desc'],
      },
    ],
  ]);
  t.same(result, {
    hits: [
      { id: 'vac_both', score: 2 },
      { id: 'vac_old', score: 1 },
    ],
    estimatedTotal: 2,
  });
});
