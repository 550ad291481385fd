// A small fair for the screens' tests: two employers of 吉首 with a booth each, three
// vacancies, three welders and cooks on the demand list, an officer of 湘西州 running it, and
// a fair desk's token for the door.
import { creditCodeCheckChar, residentIdCheckChar } from '@duijie/contracts';
import { staffAuth, testStaffTokens } from '@duijie/service-kit/testing';
import { gatewayClient } from '../gateway-client.ts';

export async function smallFair(gatewayUrl: string) {
  const officer = await staffAuth({ staffId: 'xiangxi-officer', role: 'officer', regionCode: '433100' });
  const token = officer.authorization.replace(/^Bearer /, '');
  // The desk's tablet signs in as a fair desk: the desk's routes only.
  const desk = await staffAuth({ staffId: 'xiangxi-fair-desk', role: 'fair-desk', regionCode: '433100' });
  const deskToken = desk.authorization.replace(/^Bearer /, '');
  const { ok } = gatewayClient(gatewayUrl, officer);
  const employer = async (name: string, n: number) => {
    const stem = `91433101MA4P0000${n}`;
    return ok('POST', '/v1/employers', {
      name,
      kind: 'enterprise',
      creditCode: `${stem}${creditCodeCheckChar(stem)}`,
      regionCode: '433101',
    });
  };
  const steel = await employer('吉首恒达钢构有限公司', 1);
  const hotel = await employer('湘西边城大酒店', 2);
  const vacancy = (employerId: string, title: string, skill: string, min: number, max: number) =>
    ok('POST', '/v1/vacancies', {
      employerId,
      title,
      regionCode: '433101',
      headcount: 4,
      wage: { min, max, unit: 'month' },
      requiredSkills: [{ name: skill }],
      housingProvided: true,
    });
  const welder = await vacancy(steel.id, '电焊工', '电焊', 5500, 7000);
  const fitter = await vacancy(steel.id, '钢筋工', '钢筋', 5000, 6500);
  const cook = await vacancy(hotel.id, '中餐厨师', '中式烹调', 4500, 6000);
  let people = 0;
  const seeker = async (name: string, skill: string, phone: string) => {
    const idStem = `433101199002${10 + people}12${people++}`;
    const body = {
      name,
      idNumber: `${idStem}${residentIdCheckChar(idStem)}`,
      phone,
      residenceRegionCode: '433101',
      skills: [{ name: skill, years: 4 }],
      certificates: skill === '电焊' ? ['cert.welding'] : [],
      demand: { regionScope: 'county', expectedWage: { min: 4000, unit: 'month' } },
    };
    return { ...(await ok('POST', '/v1/seekers', body)), idNumber: body.idNumber, phone };
  };
  const seekers = [
    await seeker('彭志强', '电焊', '13907430001'),
    await seeker('向秀英', '中式烹调', '13907430002'),
    await seeker('田大勇', '钢筋', '13907430003'),
  ];
  const fair = await ok('POST', '/v1/fairs', {
    name: '2026年吉首市春风行动招聘会',
    kind: 'on_site',
    venueRegionCode: '433101',
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    endsAt: new Date(Date.now() + 6 * 3_600_000).toISOString(),
  });
  await ok('PUT', `/v1/fairs/${fair.id}/booths/${steel.id}`, { booth: 'A01', vacancyIds: [welder.id, fitter.id] });
  await ok('PUT', `/v1/fairs/${fair.id}/booths/${hotel.id}`, { booth: 'B02', vacancyIds: [cook.id] });
  const apiKey = (await ok('POST', `/v1/employers/${steel.id}/api-keys`, { name: '展位' })).key as string;
  /** A livestream of the fair's three jobs, on now, run by the officer. */
  const livestream = () =>
    ok('POST', '/v1/livestreams', {
      title: '湘西州就业直播带岗',
      host: '小彭',
      platform: '抖音',
      regionCode: '433100',
      startsAt: new Date(Date.now() - 600_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      vacancyIds: [welder.id, fitter.id, cook.id],
    });
  return {
    ok,
    livestream,
    token,
    deskToken,
    fair,
    employers: { steel, hotel },
    vacancies: { welder, fitter, cook },
    seekers,
    apiKey,
    staffTokens: testStaffTokens,
  };
}
