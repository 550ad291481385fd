/**
 * Waits for `work` at most `ms`. A failure within that time is thrown as it would be without
 * the bound; a later one, when no caller waits any more, goes to `late`.
 */
export async function settledWithin(work: Promise<unknown>, ms: number, late: (err: unknown) => void): Promise<void> {
  let waiting = true;
  let timer: NodeJS.Timeout | undefined;
  const outcome = work.then(
    () => undefined,
    (err: unknown) => {
      if (waiting) throw err;
      late(err);
    },
  );
  try {
    const expired = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        waiting = false;
        resolve();
      }, ms);
    });
    await Promise.race([outcome, expired]);
  } finally {
    waiting = false;
    clearTimeout(timer);
  }
}
