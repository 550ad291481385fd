import t from 'tap';
import { normalizeText, simplify } from './normalize.ts';
import { mapCertificates } from './skill-records.ts';
import { Taxonomy } from './taxonomy.ts';

const taxonomy = Taxonomy.load();

t.test('normalisation: traditional to simplified, full-width to half-width, punctuation out', async (t) => {
  t.equal(normalizeText('電焊'), '电焊');
  t.equal(normalizeText('  招聘：電焊工（兩名）ＡＢＣ１２３  '), '招聘 电焊工 两名 abc123');
  t.equal(normalizeText('網約車\u3000司機'), '网约车 司机');
});

t.test('stored text keeps its Chinese punctuation; only full-width letters, digits and space fold', async (t) => {
  t.equal(simplify('负责钢结构焊接，持证上岗'), '负责钢结构焊接，持证上岗');
  t.equal(simplify('招聘電焊工（２名）：要求“能吃苦”；'), '招聘电焊工（2名）：要求“能吃苦”；');
  t.equal(simplify('ＣＮＣ操機　Ｌ２'), 'CNC操机 L2');
  t.equal(simplify('①号线'), '①号线', 'other compatibility forms stay as typed');
  t.equal(normalizeText('负责焊接，持证上岗'), '负责焊接 持证上岗', 'search still treats the comma as a separator');
});

t.test('the trades of the source reports resolve, in either script', async (t) => {
  const cases: [string, string][] = [
    ['电焊', 'skill.welding'],
    ['電焊', 'skill.welding'],
    ['焊工', 'skill.welding'],
    ['普工', 'skill.general-labour'],
    ['叉車', 'skill.forklift'],
    ['家政', 'skill.housekeeping'],
    ['育嬰師', 'skill.infant-care'],
    ['电工', 'skill.electrician'],
    ['服务员', 'skill.waiting'],
    ['物业', 'skill.property'],
    ['紡織', 'skill.textile'],
    ['造纸', 'skill.papermaking'],
    ['机床', 'skill.machine-tool'],
    ['保洁', 'skill.cleaning'],
    ['保安', 'skill.security'],
    ['厨师', 'skill.cooking'],
    ['快递', 'skill.courier'],
    ['网约车', 'skill.ride-hailing'],
    ['辦公自動化', 'skill.office-automation'],
    ['人力资源管理', 'skill.human-resources'],
    ['ＣＮＣ', 'skill.cnc'],
  ];
  for (const [label, code] of cases) t.equal(taxonomy.resolveSkill(label)?.code, code, label);
});

t.test('English labels resolve through ESCO occupations and their ISCO groups', async (t) => {
  t.match(taxonomy.resolveSkill('welder'), { code: 'skill.welding', matchedBy: 'esco' });
  t.match(taxonomy.resolveSkill('forklift truck operator'), { code: 'skill.forklift' });
  t.match(taxonomy.resolveSkill('welding'), { code: 'skill.welding', matchedBy: 'english' });
  t.equal(taxonomy.occupation('isco:7212')?.label, 'Welders and flamecutters');
});

t.test('free text yields the trades it names, whole words first', async (t) => {
  t.same(taxonomy.extractSkills('招聘電焊工、叉车司机和普工，月薪4000元包吃住'), [
    'skill.welding',
    'skill.forklift',
    'skill.general-labour',
  ]);
  t.equal(taxonomy.resolveSkill('熟练电焊工优先')?.code, 'skill.welding');
  t.equal(taxonomy.resolveSkill('会弹钢琴'), null, 'what is not a known trade stays unknown');
});

t.test('similarity: same, related, same ISCO minor group, same family, unrelated', async (t) => {
  t.equal(taxonomy.similarity('skill.welding', 'skill.welding'), 1);
  t.equal(taxonomy.similarity('skill.welding', 'skill.flame-cutting'), 0.7);
  t.equal(taxonomy.similarity('skill.driving', 'skill.ride-hailing'), 0.7);
  t.equal(taxonomy.similarity('skill.cooking', 'skill.waiting'), 0.4);
  t.equal(taxonomy.similarity('skill.welding', 'skill.cleaning'), 0);
  t.equal(
    taxonomy.similarity('skill.welding', 'skill.cleaning'),
    taxonomy.similarity('skill.cleaning', 'skill.welding'),
  );
});

t.test('work the law licenses names its certificate', async (t) => {
  t.same(taxonomy.requiredCertificates(['skill.electrician', 'skill.welding', 'skill.general-labour']).sort(), [
    'cert.electrician',
    'cert.welding',
  ]);
  t.match(taxonomy.certificate('cert.forklift'), { name: /叉车/ });
});

t.test('certificates by name: official, common, traditional and full-width names resolve to the codes', async (t) => {
  const cases: [string, string][] = [
    ['cert.welding', 'cert.welding'],
    ['特种作业操作证（焊接与热切割作业）', 'cert.welding'],
    ['焊接与热切割作业证', 'cert.welding'],
    ['焊工证', 'cert.welding'],
    ['焊工證', 'cert.welding'],
    ['电焊证', 'cert.welding'],
    ['电工证', 'cert.electrician'],
    ['電工證', 'cert.electrician'],
    ['低压电工证', 'cert.electrician'],
    ['低压电工作业证', 'cert.electrician'],
    ['特种作业操作证（低压电工作业）', 'cert.electrician'],
    ['特种作业操作证(电工作业)', 'cert.electrician'],
    ['登高证', 'cert.work-at-height'],
    ['登高架设证', 'cert.work-at-height'],
    ['特种作业操作证（登高架设作业）', 'cert.work-at-height'],
    ['叉车证', 'cert.forklift'],
    ['特种设备作业人员证（叉车 N1）', 'cert.forklift'],
    ['特种设备作业人员证（叉车　Ｎ１）', 'cert.forklift'],
    ['塔吊证', 'cert.crane'],
    ['健康证', 'cert.health'],
    ['保安员证', 'cert.security-guard'],
    ['网约车驾驶员证', 'cert.ride-hailing'],
    ['网络预约出租汽车驾驶员证', 'cert.ride-hailing'],
    ['C1驾驶证', 'cert.driving-c1'],
    ['Ｃ１驾照', 'cert.driving-c1'],
    ['B2驾驶证', 'cert.driving-a2'],
  ];
  for (const [name, code] of cases) t.equal(taxonomy.resolveCertificate(name)?.code, code, name);
  for (const unknown of ['育婴员证', '母婴护理员证', '证书', '驾照']) {
    t.equal(taxonomy.resolveCertificate(unknown), null, `${unknown} is no certificate the taxonomy holds`);
  }
});

t.test(
  'every certificate the law requires for a trade is one the taxonomy holds, and its names lead back to it',
  async (t) => {
    for (const skill of taxonomy.skills.filter((s) => s.certificate)) {
      t.ok(taxonomy.certificate(skill.certificate as string), `${skill.name} requires ${skill.certificate}`);
    }
    for (const c of taxonomy.certificates) {
      for (const name of [c.name, ...(c.synonyms ?? [])]) {
        t.equal(taxonomy.resolveCertificate(name)?.code, c.code, `${name} → ${c.code}, not another certificate`);
      }
    }
  },
);

t.test('certificates as stored: codes where known, the rest as simplified text and reported', async (t) => {
  const unknown: string[] = [];
  t.same(mapCertificates(['焊工證', '特种作业操作证（焊接与热切割作业）', '育嬰員證', '叉车证'], taxonomy, unknown), [
    'cert.welding',
    '育婴员证',
    'cert.forklift',
  ]);
  t.same(unknown, ['育婴员证']);
});
