import t from 'tap';
import { maskIdNumber, maskPersonalText, maskPhone } from './personal-data.ts';
import { captureLogger } from './testing.ts';

const idNumber = '433101199003071234';
const phone = '13874300001';

t.test('masks keep only what identifies a record to someone who knows it', async (t) => {
  t.equal(maskIdNumber(idNumber), '4331**********1234');
  t.equal(maskPhone(phone), '138****0001');
  t.equal(
    maskPersonalText(`/v1/seekers?phone=${phone}&id=${idNumber}`),
    '/v1/seekers?phone=138****0001&id=4331**********1234',
  );
});

t.test('personal fields are redacted from logged objects at any usual depth', async (t) => {
  const { logger, lines } = captureLogger();
  logger.info({ idNumber, phone }, 'top level');
  logger.info({ seeker: { idNumber, contacts: { phone } } }, 'nested');
  logger.info({ body: { rows: { first: { phone } } } }, 'deeper');
  const text = lines().join('\n');
  t.notMatch(text, idNumber);
  t.notMatch(text, phone);
  t.match(text, /\[redacted\]/);
});

t.test('request URLs are logged with personal numbers masked', async (t) => {
  const { logger, lines } = captureLogger();
  logger.info({ req: { method: 'GET', url: `/v1/fairs/f1/check-in?phone=${phone}`, id: 'r1' } }, 'incoming');
  t.notMatch(lines().join('\n'), phone);
  t.match(lines().join('\n'), /138\*\*\*\*0001/);
});
