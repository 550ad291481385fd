import { RegionDirectory } from '@duijie/regions';
import { Taxonomy } from '@duijie/taxonomy';
import type { Test } from 'tap';
import { wordsOf } from './document.ts';
import type { VacancyDocument, VacancyFilters, VacancyIndex } from './port.ts';

const regions = RegionDirectory.load();
const taxonomy = Taxonomy.load();
export const contractWords = (text: string) => wordsOf(text, taxonomy);

function doc(id: string, regionCode: string, over: Partial<VacancyDocument> = {}): VacancyDocument {
  const point = regions.point(regionCode);
  const title = over.title ?? '普工';
  return {
    id,
    employerId: 'emp_a',
    employerBlacklisted: false,
    status: 'open',
    title,
    words: contractWords(title),
    regionCodes: regions.chain(regionCode).map((r) => r.code),
    lat: point?.lat ?? null,
    lng: point?.lng ?? null,
    monthlyWageMin: 3000,
    monthlyWageMax: 4000,
    occupationCode: null,
    skillCodes: [],
    fairIds: [],
    livestreamIds: [],
    tags: [],
    datePosted: 1_790_000_000,
    version: 1,
    ...over,
  };
}

/** The supply list the contract searches: each document is there to be found by one filter. */
const DOCUMENTS: VacancyDocument[] = [
  doc('vac_welder_yunxi', '420322', {
    title: '电焊工',
    skillCodes: ['skill.welding'],
    monthlyWageMin: 6000,
    monthlyWageMax: 8000,
  }),
  doc('vac_cleaner_yunxi', '420322', {
    title: '保洁员',
    tags: ['public_welfare'],
    monthlyWageMin: 1800,
    monthlyWageMax: 1800,
  }),
  doc('vac_sewing_zhushan', '420323', { title: '缝纫工', skillCodes: ['skill.sewing'], tags: ['housing', 'meals'] }),
  doc('vac_tea_jishou', '433101', { title: '采茶工', occupationCode: 'occ.tea', fairIds: ['fair_1'] }),
  doc('vac_forklift_shenzhen', '440305', {
    title: '叉车司机',
    skillCodes: ['skill.forklift'],
    livestreamIds: ['live_9'],
    monthlyWageMin: 7000,
    monthlyWageMax: 9000,
  }),
  doc('vac_closed', '420322', { status: 'closed', title: '电焊工' }),
  doc('vac_blacklisted', '420322', { employerId: 'emp_bad', employerBlacklisted: true, title: '电焊工' }),
  doc('vac_other_employer', '420322', { employerId: 'emp_b', title: '厨师' }),
];

/**
 * What every VacancyIndex must do, run against each adapter: the PostgreSQL one on PGlite and
 * on the server always, Meilisearch whenever MEILI_URL is set.
 */
export async function vacancyIndexContract(t: Test, index: VacancyIndex): Promise<void> {
  await index.setup();
  await index.reset();
  await index.upsert(DOCUMENTS);
  const ids = async (filters: VacancyFilters, text?: string) =>
    (await index.search({ filters, limit: 50, ...(text ? { text } : {}) })).hits.map((h) => h.id).sort();

  t.test('by default: open vacancies of employers not on the blacklist', async (t) => {
    t.same(await ids({}), [
      'vac_cleaner_yunxi',
      'vac_forklift_shenzhen',
      'vac_other_employer',
      'vac_sewing_zhushan',
      'vac_tea_jishou',
      'vac_welder_yunxi',
    ]);
    t.same(await ids({ status: 'closed' }), ['vac_closed']);
    t.ok((await ids({ excludeBlacklisted: false })).includes('vac_blacklisted'));
    t.equal((await index.stats()).documents, DOCUMENTS.length);
  });

  t.test('a region at each level: county, prefecture, province, and several at once', async (t) => {
    t.same(await ids({ regionCodes: ['420323'] }), ['vac_sewing_zhushan']);
    t.same(await ids({ regionCodes: ['420300'] }), [
      'vac_cleaner_yunxi',
      'vac_other_employer',
      'vac_sewing_zhushan',
      'vac_welder_yunxi',
    ]);
    t.same(await ids({ regionCodes: ['430000'] }), ['vac_tea_jishou']);
    t.same(await ids({ regionCodes: ['433100', '440000'] }), ['vac_forklift_shenzhen', 'vac_tea_jishou']);
  });

  t.test('a geo radius around a point', async (t) => {
    const yunxi = regions.point('420322');
    if (!yunxi) throw new Error('no point for 郧西');
    const near = await ids({ near: { lat: yunxi.lat, lng: yunxi.lng, radiusKm: 5 } });
    t.same(near, ['vac_cleaner_yunxi', 'vac_other_employer', 'vac_welder_yunxi']);
    const wider = await ids({ near: { lat: yunxi.lat, lng: yunxi.lng, radiusKm: 150 } });
    t.ok(wider.includes('vac_sewing_zhushan'), '竹山 is within 150 km');
    t.notOk(wider.includes('vac_tea_jishou'), '吉首 is not');
  });

  t.test('wage floor and ceiling, occupation, skills, employer, fair, livestream, tags', async (t) => {
    t.same(await ids({ wageAtLeast: 6500 }), ['vac_forklift_shenzhen', 'vac_welder_yunxi']);
    t.same(await ids({ wageAtMost: 2000 }), ['vac_cleaner_yunxi']);
    t.same(await ids({ occupationCodes: ['occ.tea'] }), ['vac_tea_jishou']);
    t.same(await ids({ skillCodes: ['skill.welding', 'skill.forklift'] }), [
      'vac_forklift_shenzhen',
      'vac_welder_yunxi',
    ]);
    t.same(await ids({ employerId: 'emp_b' }), ['vac_other_employer']);
    t.same(await ids({ fairId: 'fair_1' }), ['vac_tea_jishou']);
    t.same(await ids({ livestreamId: 'live_9' }), ['vac_forklift_shenzhen']);
    t.same(await ids({ tags: ['housing', 'meals'] }), ['vac_sewing_zhushan']);
    t.same(await ids({ tags: ['housing', 'public_welfare'] }), []);
    t.same(await ids({ regionCodes: ['420322'], wageAtLeast: 5000, skillCodes: ['skill.welding'] }), [
      'vac_welder_yunxi',
    ]);
  });

  t.test('newest first by default; `any` order still honours the filters and the limit', async (t) => {
    await index.upsert([{ ...(DOCUMENTS[2] as VacancyDocument), datePosted: 1_790_000_100 }]);
    const newest = await index.search({ filters: { regionCodes: ['420300'] }, limit: 1 });
    t.same(
      newest.hits.map((h) => h.id),
      ['vac_sewing_zhushan'],
    );
    const any = await index.search({ filters: { regionCodes: ['420300'] }, limit: 2, order: 'any' });
    t.equal(any.hits.length, 2);
    for (const h of any.hits)
      t.ok(['vac_cleaner_yunxi', 'vac_other_employer', 'vac_sewing_zhushan', 'vac_welder_yunxi'].includes(h.id));
  });

  t.test('filter values are values, never syntax', async (t) => {
    t.same(await ids({ employerId: 'emp_b" OR status = "closed' }), []);
    t.same(await ids({ tags: ['it\'s \\ "quoted"'] }), []);
    t.same(await ids({}, '电焊\' | 保洁 & !"'), ['vac_cleaner_yunxi', 'vac_welder_yunxi'], 'punctuation is not syntax');
  });

  t.test('text: the words of the title, cut by jieba', async (t) => {
    t.same(await ids({}, '电焊'), ['vac_welder_yunxi']);
    t.same(await ids({}, '招聘缝纫工'), ['vac_sewing_zhushan']);
    const ranked = await index.search({ text: '叉车', limit: 5 });
    t.equal(ranked.hits[0]?.id, 'vac_forklift_shenzhen');
  });

  t.test('upsert replaces; an older version never replaces a newer one; remove', async (t) => {
    await index.upsert([
      { ...(DOCUMENTS[1] as VacancyDocument), monthlyWageMin: 2600, monthlyWageMax: 2600, version: 2 },
    ]);
    t.same(await ids({ wageAtMost: 2000 }), [], 'the new wage replaced the old');
    await index.upsert([{ ...(DOCUMENTS[1] as VacancyDocument), version: 1 }]);
    t.same(await ids({ wageAtMost: 2000 }), [], 'the stale version 1 did not come back');
    await index.upsert([{ ...(DOCUMENTS[0] as VacancyDocument), status: 'closed', version: 2 }]);
    t.notOk((await ids({})).includes('vac_welder_yunxi'), 'closed by an upsert');
    await index.remove(['vac_tea_jishou']);
    t.same(await ids({ fairId: 'fair_1' }), []);
    t.equal((await index.stats()).documents, DOCUMENTS.length - 1);
    await index.reset();
    t.equal((await index.stats()).documents, 0);
  });
}
