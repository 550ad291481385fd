import t from 'tap';
import {
  CreditCode,
  creditCodeCheckChar,
  RegionCode,
  ResidentIdNumber,
  readResidentId,
  residentIdCheckChar,
  SeekerInput,
  VacancyInput,
  WageRange,
} from './index.ts';

t.test('credit codes are checked with the GB 32100 check character', async (t) => {
  // Published codes of two real companies.
  t.ok(CreditCode.safeParse('914403001922038216').success, 'Huawei Technologies');
  t.ok(CreditCode.safeParse('91110000802100433B').success, 'China Petrochemical (Sinopec)');
  t.equal(creditCodeCheckChar('91440300192203821'), '6');
  t.notOk(CreditCode.safeParse('914403001922038217').success, 'a mistyped check character');
  t.notOk(CreditCode.safeParse('91440300192203821I').success, 'letters the standard excludes');
});

t.test('region codes are 6 or 12 digits', async (t) => {
  t.ok(RegionCode.safeParse('433101').success);
  t.ok(RegionCode.safeParse('433101001001').success, 'a village');
  t.notOk(RegionCode.safeParse('4331').success);
});

t.test('a wage range may not end below where it starts', async (t) => {
  const result = WageRange.safeParse({ min: 5000, max: 4000, unit: 'month' });
  t.notOk(result.success);
  t.same(result.error?.issues[0]?.path, ['max']);
});

t.test('records fill the defaults a bureau expects', async (t) => {
  const seeker = SeekerInput.parse({ name: '向某', idNumber: '11010519491231002X', residenceRegionCode: '433101' });
  t.match(seeker, {
    employmentStatus: 'unemployed',
    demand: { regionScope: 'county' },
    outcome: { status: 'pending' },
  });
  const vacancy = VacancyInput.parse({
    employerId: 'emp_0192aaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    title: '缝纫工',
    regionCode: '433101',
    wage: { min: 3500, unit: 'month' },
    headcount: 20,
  });
  t.match(vacancy, { employmentType: 'full_time', publicWelfare: false, requiredSkills: [] });
});

t.test('resident ID numbers are checked with the GB 11643 check digit and a real birth date', async (t) => {
  // The example number printed in the standard itself.
  t.ok(ResidentIdNumber.safeParse('11010519491231002X').success);
  t.equal(ResidentIdNumber.parse('11010519491231002x'), '11010519491231002X', 'a lower-case x is read as X');
  t.notOk(ResidentIdNumber.safeParse('110105194912310021').success, 'a wrong check digit');
  t.notOk(
    ResidentIdNumber.safeParse(`11010519490230002${residentIdCheckChar('11010519490230002')}`).success,
    'the 30th of February, with a right check digit',
  );
  t.same(readResidentId('11010519491231002X'), { birthDate: '1949-12-31', gender: 'female' });
});
