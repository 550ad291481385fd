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
    ['A2驾驶证', 'cert.driving-a2'],
    ['A2駕照', 'cert.driving-a2'],
    ['B2驾驶证', 'cert.driving-b2'],
    ['Ｂ２駕駛證', 'cert.driving-b2'],
    ['机动车驾驶证（B2）', 'cert.driving-b2'],
    ['大车证', 'cert.driving-b2'],
    ['A1驾照', 'cert.driving-a1'],
    ['A3驾照', 'cert.driving-a3'],
    ['B1驾驶证', 'cert.driving-b1'],
    ['C2驾照', 'cert.driving-c2'],
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

t.test('welding processes are related trades, not one: 电焊, 二保焊 and 氩弧焊', async (t) => {
  const arc = taxonomy.resolveSkill('电焊')?.code as string;
  const co2 = taxonomy.resolveSkill('二保焊')?.code as string;
  const tig = taxonomy.resolveSkill('氩弧焊')?.code as string;
  t.equal(arc, 'skill.welding', '电焊 keeps the code stored records hold');
  t.not(tig, arc, '氩弧焊 is another process than 电焊');
  t.not(co2, arc, '二保焊 is another process than 电焊');
  t.not(co2, tig);
  t.equal(taxonomy.similarity(arc, tig), 0.7, 'a partial fit: related');
  t.equal(taxonomy.similarity(arc, co2), 0.7);
  t.equal(taxonomy.similarity(co2, tig), 0.7);
  t.equal(taxonomy.resolveSkill('二氧化碳气体保护焊')?.code, co2, 'the full name of 二保焊');
  t.equal(taxonomy.resolveSkill('CO2焊')?.code, co2);
  t.equal(taxonomy.resolveSkill('钨极氩弧焊')?.code, tig);
  t.equal(taxonomy.resolveSkill('手工电弧焊')?.code, arc);
  for (const code of [arc, co2, tig]) {
    t.same(taxonomy.requiredCertificates([code]), ['cert.welding'], `the law ties the permit to any welding: ${code}`);
  }
});

t.test('a CNC lathe and a machining centre are related, not the same; stamping is not machining', async (t) => {
  const lathe = taxonomy.resolveSkill('数控车床')?.code as string;
  const centre = taxonomy.resolveSkill('加工中心')?.code as string;
  t.equal(lathe, 'skill.cnc');
  t.equal(taxonomy.resolveSkill('数控车工')?.code, lathe);
  t.not(centre, lathe);
  t.equal(taxonomy.resolveSkill('加工中心操作工')?.code, centre);
  t.equal(taxonomy.similarity(lathe, centre), 0.7);
  t.equal(taxonomy.resolveSkill('车工')?.code, 'skill.machine-tool');
  t.not(taxonomy.resolveSkill('冲压工')?.code, 'skill.machine-tool');
});

t.test('kitchen helpers are not cooks; formwork is not furniture carpentry', async (t) => {
  t.equal(taxonomy.resolveSkill('帮厨')?.code, 'skill.kitchen-helper');
  t.equal(taxonomy.resolveSkill('中式烹调师')?.code, 'skill.cooking');
  const formwork = taxonomy.resolveSkill('模板工')?.code as string;
  t.not(formwork, 'skill.carpentry');
  t.equal(taxonomy.similarity(formwork, 'skill.carpentry'), 0.7);
  t.equal(taxonomy.resolveSkill('家具木工')?.code, 'skill.carpentry');
});

t.test('childcare and care work never lead to the nurse licence', async (t) => {
  t.equal(taxonomy.resolveSkill('新生儿护理')?.code, 'skill.maternity-care');
  t.equal(taxonomy.resolveSkill('婴儿护理')?.code, 'skill.infant-care');
  t.equal(taxonomy.resolveSkill('陪护')?.code, 'skill.elderly-care');
  t.not(taxonomy.resolveSkill('护理')?.code, 'skill.nursing', '护理 alone is ambiguous');
  const care = [
    '新生儿护理',
    '婴儿护理',
    '母婴护理',
    '产后护理',
    '护理',
    '护理员',
    '护工',
    '陪护',
    '养老护理员',
    '育婴员',
    '保育员',
    '育儿嫂',
  ];
  for (const word of care) {
    const code = taxonomy.resolveSkill(word)?.code;
    t.same(code ? taxonomy.requiredCertificates([code]) : [], [], `${word} → ${code}: no licence`);
  }
  t.same(taxonomy.requiredCertificates(['skill.nursing']), ['cert.nurse'], 'nursing itself still needs it');
  t.equal(taxonomy.resolveSkill('注册护士')?.code, 'skill.nursing');
});

t.test('the full official names of common trades resolve to their trades', async (t) => {
  const cases: [string, string][] = [
    ['焊工', 'skill.welding'],
    ['电焊工', 'skill.welding'],
    ['低压电工', 'skill.electrician'],
    ['叉车司机', 'skill.forklift'],
    ['育婴员', 'skill.infant-care'],
    ['养老护理员', 'skill.elderly-care'],
    ['家政服务员', 'skill.housekeeping'],
    ['缝纫工', 'skill.sewing'],
    ['保安员', 'skill.security'],
    ['保洁员', 'skill.cleaning'],
    ['营业员', 'skill.sales-assistant'],
    ['收银员', 'skill.cashier'],
    ['餐厅服务员', 'skill.waiting'],
    ['中式面点师', 'skill.pastry'],
    ['砌筑工', 'skill.masonry'],
    ['装卸搬运工', 'skill.sorting'],
    ['仓库保管员', 'skill.warehouse'],
  ];
  for (const [label, code] of cases) t.equal(taxonomy.resolveSkill(label)?.code, code, label);
  t.ok(taxonomy.resolveSkill('保育员'), '保育员 is a trade');
  t.not(taxonomy.resolveSkill('保育员')?.code, 'skill.infant-care', 'a nursery assistant, not a home 育婴员');
});

t.test('driving classes: each its own code, and a class covers those the regulation says', async (t) => {
  const a2 = taxonomy.resolveCertificate('A2驾驶证')?.code as string;
  const b2 = taxonomy.resolveCertificate('B2驾驶证')?.code as string;
  const c1 = taxonomy.resolveCertificate('C1驾驶证')?.code as string;
  t.not(a2, b2);
  t.ok(taxonomy.certificateCovers(a2, b2), 'A2 covers B2');
  t.ok(taxonomy.certificateCovers(a2, c1), 'A2 covers C1');
  t.notOk(taxonomy.certificateCovers(c1, b2), 'C1 does not cover B2');
  t.notOk(taxonomy.certificateCovers(b2, a2), 'B2 does not cover A2');
  t.ok(taxonomy.certificateCovers('cert.welding', 'cert.welding'), 'the same certificate');
  t.notOk(taxonomy.certificateCovers('cert.welding', 'cert.electrician'));
  t.ok(taxonomy.certificateCovers('cert.driving-a1', 'cert.driving-a3'));
  t.notOk(taxonomy.certificateCovers('cert.driving-a1', 'cert.driving-a2'), 'a bus licence does not pull a trailer');
  t.notOk(taxonomy.certificateCovers('cert.driving-c1', 'cert.driving-c6'), 'C1 does not tow');
  t.ok(taxonomy.certificateCovers('cert.driving-a2', 'cert.driving-c6'));
  t.same(taxonomy.certificatesServed('cert.driving-b2').sort(), [
    'cert.driving-b2',
    'cert.driving-c1',
    'cert.driving-c2',
    'cert.driving-c3',
    'cert.driving-c4',
    'cert.driving-m',
  ]);
  t.same(taxonomy.certificatesServed('cert.welding'), ['cert.welding']);
});

t.test('what a driving class covers is closed: a class covers what the classes it covers do', async (t) => {
  for (const c of taxonomy.certificates) {
    for (const covered of c.covers ?? []) {
      t.ok(taxonomy.certificate(covered), `${c.code} covers ${covered}, a certificate the taxonomy holds`);
      for (const further of taxonomy.certificate(covered)?.covers ?? []) {
        t.ok(taxonomy.certificateCovers(c.code, further), `${c.code} → ${covered} → ${further}`);
      }
    }
  }
});

t.test('trucks: the class the law asks for the vehicle a trade names', async (t) => {
  t.same(taxonomy.requiredCertificates([taxonomy.resolveSkill('半挂车司机')?.code as string]), ['cert.driving-a2']);
  t.same(taxonomy.requiredCertificates([taxonomy.resolveSkill('重卡司机')?.code as string]), ['cert.driving-b2']);
  t.same(
    taxonomy.requiredCertificates(['skill.truck-driving']),
    ['cert.driving-c1'],
    'a truck unnamed may be a light one (4.2米蓝牌), which C1 drives',
  );
});

t.test('garment cutting and finishing are trades of their own; village public-welfare work has names', async (t) => {
  const taxonomy = Taxonomy.load();
  const code = (label: string) => taxonomy.resolveSkill(label)?.code;
  t.equal(code('裁床师傅'), 'skill.garment-cutting');
  t.equal(code('后道整烫'), 'skill.garment-finishing');
  t.not(code('裁剪'), code('整烫'), 'a cutter is not a presser');
  t.equal(taxonomy.similarity('skill.garment-cutting', 'skill.garment-finishing') < 0.7, true, 'not related directly');
  t.equal(code('生态护林员'), 'skill.forest-ranger');
  t.equal(code('农村道路管护员'), 'skill.road-maintenance');
  t.same(taxonomy.requiredCertificates(['skill.forest-ranger', 'skill.road-maintenance']), [], 'no licence');
});
