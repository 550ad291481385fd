// A live list waits for the database a bounded time: what fails while it waits is its error,
// what fails later is reported, never an unhandled rejection that would stop the process.
import t from 'tap';
import { settledWithin } from './settled-within.ts';

const after = <T>(ms: number, value: () => T) =>
  new Promise<T>((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(value());
      } catch (err) {
        reject(err);
      }
    }, ms),
  );

t.test('work done in time is waited for', async (t) => {
  let done = false;
  await settledWithin(
    after(10, () => (done = true)),
    1_000,
    () => t.fail('nothing is late'),
  );
  t.equal(done, true);
});

t.test('work that fails in time fails the caller', async (t) => {
  await t.rejects(
    settledWithin(
      after(10, () => {
        throw new Error('connection lost');
      }),
      1_000,
      () => t.fail('not late'),
    ),
    { message: 'connection lost' },
  );
});

t.test('work past the bound is left running; its later failure is reported, not thrown', async (t) => {
  const unhandled: unknown[] = [];
  const onUnhandled = (err: unknown) => unhandled.push(err);
  process.on('unhandledRejection', onUnhandled);
  t.teardown(() => process.off('unhandledRejection', onUnhandled));
  let finished = false;
  const late: unknown[] = [];
  const work = after(100, () => {
    finished = true;
    throw new Error('read failed late');
  });
  await settledWithin(work, 10, (err) => late.push(err));
  t.equal(finished, false, 'the caller went on before the work ended');
  await new Promise((resolve) => setTimeout(resolve, 200));
  t.equal(finished, true);
  t.match(late, [{ message: 'read failed late' }], 'the late failure is reported');
  t.same(unhandled, [], 'and is no unhandled rejection');
});
