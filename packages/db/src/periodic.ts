/** The service's logger: its `err` serializer (service-kit's `serializeError`) keeps a statement's values out. */
export type PeriodicLogger = { error(obj: object, msg: string): void };

export type PeriodicOptions = {
  /** Named in the log line of a failure. */
  name: string;
  /** Pause between the end of one run and the start of the next. */
  everyMs: number;
  task: () => Promise<unknown>;
  /** Failures are logged here as `{ err, task }`. */
  logger: PeriodicLogger;
  /** Run at once when started (default), or first after `everyMs`. */
  immediate?: boolean;
  /** Started when the app is ready, stopped (awaiting the run in flight) when it closes. */
  app?: { addHook(name: 'onReady' | 'onClose', hook: () => Promise<void>): unknown };
};

export type Periodic = {
  start(): void;
  /** Runs now, or right after the run in flight: for work a NOTIFY or a request announced. */
  wake(): void;
  /** No run starts after this; resolves when the one in flight ends. */
  stop(): Promise<void>;
};

/**
 * One background loop: runs `task` every `everyMs`, never two runs at once, logs a failure
 * and tries again next time, does not hold the process open, stops on close.
 */
export function periodic(options: PeriodicOptions): Periodic {
  let stopped = true;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref();
  };

  function run() {
    timer = null;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = options
      .task()
      .then(
        () => {},
        (err: unknown) => options.logger.error({ err, task: options.name }, `${options.name} failed`),
      )
      .finally(() => {
        running = null;
        const now = again;
        again = false;
        schedule(now ? 0 : options.everyMs);
      });
  }

  const loop: Periodic = {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(options.immediate === false ? options.everyMs : 0);
    },
    wake() {
      if (stopped) return;
      if (running) again = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
  if (options.app) {
    options.app.addHook('onReady', async () => loop.start());
    options.app.addHook('onClose', async () => loop.stop());
  }
  return loop;
}
