// Every synonym group on one page, so a reviewer sees what the taxonomy calls the same work,
// what it calls related, and which licence the law ties to it, and sees any change to them.
import { readFileSync, writeFileSync } from 'node:fs';
import t from 'tap';
import { normalizeLabel } from './normalize.ts';
import { synonymGroups } from './synonym-groups.ts';
import { Taxonomy } from './taxonomy.ts';

const taxonomy = Taxonomy.load();
const listing = new URL('../data/synonym-groups.txt', import.meta.url);

t.test('data/synonym-groups.txt lists every synonym group as the data has it', async (t) => {
  const now = synonymGroups(taxonomy);
  if (process.env.UPDATE_SYNONYM_GROUPS === '1') writeFileSync(listing, now);
  const checkedIn = readFileSync(listing, 'utf8');
  const was = new Set(checkedIn.split('\n'));
  const is = new Set(now.split('\n'));
  const diff = [
    ...[...was].filter((l) => !is.has(l)).map((l) => `- ${l}`),
    ...[...is].filter((l) => !was.has(l)).map((l) => `+ ${l}`),
  ];
  t.same(
    diff,
    [],
    'trades.zh.json changed without the listing: review the lines above, then regenerate with ' +
      'UPDATE_SYNONYM_GROUPS=1 npx -y pnpm@10.34.9 test:only packages/taxonomy/src/synonym-groups.test.ts',
  );
  t.equal(checkedIn, now, 'and in the same order');
});

t.test('no word is claimed by two skills', async (t) => {
  const owner = new Map<string, string>();
  const twice: string[] = [];
  for (const s of taxonomy.skills) {
    for (const word of new Set([s.name, ...s.synonyms, s.en].map(normalizeLabel))) {
      const other = owner.get(word);
      if (other && other !== s.code) twice.push(`${word}: ${other} and ${s.code}`);
      owner.set(word, s.code);
    }
  }
  t.same(twice, []);
  for (const s of taxonomy.skills) {
    for (const word of [s.name, ...s.synonyms]) t.equal(taxonomy.resolveSkill(word)?.code, s.code, word);
  }
});

t.test('no certificate name is claimed by two certificates', async (t) => {
  const owner = new Map<string, string>();
  for (const c of taxonomy.certificates) {
    for (const name of [c.name, ...(c.synonyms ?? [])]) {
      const key = normalizeLabel(name);
      t.ok(!owner.has(key) || owner.get(key) === c.code, `${name}: ${owner.get(key)} and ${c.code}`);
      owner.set(key, c.code);
    }
  }
});

t.test('every licence a skill carries is a certificate with the law that requires it', async (t) => {
  for (const s of taxonomy.skills.filter((s) => s.certificate)) {
    const c = taxonomy.certificate(s.certificate as string);
    t.ok(c, `${s.code} → ${s.certificate}`);
    t.match(c?.basis, /《.+》/, `${s.code} → ${s.certificate}: ${c?.basis}`);
  }
  for (const c of taxonomy.certificates) t.match(c.basis, /《.+》/, `${c.code} names its basis`);
  for (const s of taxonomy.skills) {
    for (const r of s.related ?? []) t.ok(taxonomy.skill(r), `${s.code} is related to ${r}, a skill`);
    t.ok(taxonomy.family(s.family), `${s.code} is in ${s.family}`);
  }
});
