// A walk-in's demand: what the taxonomy does not know is said in the answer, not dropped unseen.
import { withEachDatabase } from '@duijie/db/testing';
import t from 'tap';
import { matchingApp } from '../testing.ts';

await withEachDatabase(t, async (t, db) => {
  const { app } = matchingApp(t, db);
  const res = await app.inject({
    method: 'POST',
    url: '/v1/matches/search',
    payload: {
      residenceRegionCode: '433122',
      skills: [{ name: '焊工' }, { name: '量子修脚' }],
      certificates: ['焊工证', '火星驾照'],
    },
  });
  t.equal(res.statusCode, 200, res.body);
  t.match(res.json(), { items: [], unknownSkills: ['量子修脚'], unknownCertificates: ['火星驾照'] });
});
