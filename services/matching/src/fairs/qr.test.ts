import t from 'tap';
import { FairQrCodes } from './qr.ts';

const codes = new FairQrCodes(Buffer.from('a test key of thirty-two bytes!!'));
const fairId = `fai_${'a'.repeat(32)}`;
const subject = { fairId, kind: 'seeker' as const, id: `skr_${'b'.repeat(32)}` };

t.test('a code reads back as what it was made for', async (t) => {
  t.same(codes.read(codes.text(subject)), subject);
  t.same(codes.read(`  ${codes.text({ ...subject, kind: 'booth', id: `emp_${'c'.repeat(32)}` })}\n`), {
    fairId,
    kind: 'booth',
    id: `emp_${'c'.repeat(32)}`,
  });
});

t.test('an altered or foreign code reads as nothing', async (t) => {
  const text = codes.text(subject);
  t.equal(codes.read(text.replace('bbbb', 'bbbc')), null, 'another seeker put in');
  t.equal(codes.read(text.replace(fairId, `fai_${'d'.repeat(32)}`)), null, 'another fair put in');
  t.equal(codes.read(`${text.slice(0, -1)}x`), null, 'signature changed');
  t.equal(new FairQrCodes(Buffer.from('another key of thirty-two bytes!')).read(text), null, 'signed elsewhere');
  t.equal(codes.read('https://example.com/'), null);
});

t.test('images: SVG text and a PNG', async (t) => {
  t.match(await codes.image(subject, 'svg'), /^<svg/);
  const png = (await codes.image(subject, 'png')) as Buffer;
  t.same([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
});
