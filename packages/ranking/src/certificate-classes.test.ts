// A driving licence serves for the classes it covers (机动车驾驶证申领和使用规定): an A2 holder
// is not refused a B2 or C1 post with certificate_missing, a C1 holder is refused a B2 one.
import t from 'tap';
import { defaultEngine, NOW, seekerProfile, vacancyProfile } from './testing.ts';
import type { SeekerProfile, VacancyProfile } from './types.ts';

const engine = defaultEngine();

const missing = (s: SeekerProfile, v: VacancyProfile) => {
  const r = engine.evaluate(s, v, NOW);
  return r.ok ? [] : r.rejections.filter((x) => x.constraint === 'certificate_missing').map((x) => x.detail);
};

const post = (certificate: string) =>
  vacancyProfile({
    title: '司机',
    requiredSkills: [{ code: 'skill.driving', name: '司机' }],
    requiredCertificates: [certificate],
  });
const driver = (certificates: string[]) =>
  seekerProfile({ skills: [{ code: 'skill.driving', name: '司机' }], certificates });

t.test('a held driving class meets the classes it covers', async (t) => {
  t.same(missing(driver(['cert.driving-a2']), post('cert.driving-b2')), [], 'A2 meets B2');
  t.same(missing(driver(['cert.driving-a2']), post('cert.driving-c1')), [], 'A2 meets C1');
  t.same(missing(driver(['A2驾驶证']), post('B2驾照')), [], 'by name as well as by code');
  t.same(missing(driver(['cert.driving-b2']), post('cert.driving-c1')), [], 'B2 meets C1');
});

t.test('a lower class does not meet a higher one', async (t) => {
  t.same(missing(driver(['cert.driving-c1']), post('cert.driving-b2')), [{ certificate: 'cert.driving-b2' }]);
  t.same(missing(driver(['cert.driving-b2']), post('cert.driving-a2')), [{ certificate: 'cert.driving-a2' }]);
  t.same(missing(driver([]), post('cert.driving-c1')), [{ certificate: 'cert.driving-c1' }]);
});

t.test('the class a trade implies is met by a class covering it', async (t) => {
  const heavy = vacancyProfile({ title: '重卡司机', requiredSkills: [{ name: '重卡司机' }] });
  const skills = [{ name: '重卡司机' }];
  t.same(missing(seekerProfile({ skills, certificates: ['cert.driving-a2'] }), heavy), [], 'A2 drives a heavy truck');
  t.same(missing(seekerProfile({ skills, certificates: ['cert.driving-c1'] }), heavy), [
    { certificate: 'cert.driving-b2' },
  ]);
});
