import { Worker } from 'node:worker_threads';
import type { PreparedVacancy } from '@duijie/ranking';
import type { MemoryRanking, MemoryRankRequest, VacancyWithEmployer } from './profile-store.ts';

/** What the main thread asks of the profiles' thread (profile-thread.worker.ts). */
export type ThreadCall =
  | { op: 'put'; rows: readonly VacancyWithEmployer[]; gone: readonly string[] }
  | { op: 'rank'; id: number; request: MemoryRankRequest }
  | { op: 'count'; id: number }
  | { op: 'get'; id: number; vacancyId: string };
export type ThreadReply = { id: number; result?: unknown; error?: string };

// Run from source, the worker needs tsx registered first (workers do not inherit the parent's
// module hooks); compiled, the .js runs as it is.
const workerUrl = import.meta.url.endsWith('.ts')
  ? new URL('./profile-thread.entry.mjs', import.meta.url)
  : new URL('./profile-thread.worker.js', import.meta.url);

/**
 * ProfileStore in a worker thread of its own: the million profiles in its heap, not the
 * service's, so the service's young collections no longer walk them (each walked every page
 * of the old generation: ≈ 8–10 ms of a ≈ 10 ms pause at a million — PROFILE-CACHE.md). Rows
 * go in by message, in order; a request is one call with its own id, answered by that id.
 * A thread that dies fails its calls (the matcher then reads from the database) and every
 * call after; ProfileCache replaces it. Not piscina (which the fair's pool uses): it starts a
 * fresh worker in place of one that died, and a fresh store would answer from no vacancies at
 * all; here a death is seen, and the new thread is built before it answers.
 */
export class ProfileThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  #next = 0;
  #failed: Error | null = null;

  /** `onFailure`: the thread died (not closed): once, with why. */
  constructor(onFailure?: (err: Error) => void) {
    this.#worker = new Worker(workerUrl);
    this.#worker.on('message', ({ id, result, error }: ThreadReply) => {
      const call = this.#pending.get(id);
      this.#pending.delete(id);
      if (this.#pending.size === 0) this.#worker.unref();
      if (error !== undefined) call?.reject(new Error(error));
      else call?.resolve(result);
    });
    const fail = (err: Error) => {
      const first = this.#failed === null;
      this.#failed ??= err;
      for (const call of this.#pending.values()) call.reject(err);
      this.#pending.clear();
      if (first) onFailure?.(err);
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`the profiles' thread exited (${code})`)));
    // Held open only while a call waits for its answer: an idle thread must not keep a
    // finished process alive (a service's own sockets keep it running).
    this.#worker.unref();
  }

  /** Why the thread is gone, once it is: its calls fail from then on. */
  get failed(): Error | null {
    return this.#failed;
  }

  put(rows: readonly VacancyWithEmployer[], gone: readonly string[] = []): void {
    if (!this.#failed) this.#worker.postMessage({ op: 'put', rows, gone } satisfies ThreadCall);
  }

  rank(request: MemoryRankRequest): Promise<MemoryRanking> {
    return this.#call((id) => ({ op: 'rank', id, request })) as Promise<MemoryRanking>;
  }

  /** A copy of the kept profile, answered after every put sent before it (for tests and probes). */
  peek(vacancyId: string): Promise<PreparedVacancy | undefined> {
    return this.#call((id) => ({ op: 'get', id, vacancyId })) as Promise<PreparedVacancy | undefined>;
  }

  /** Answered after every put sent before it: how many vacancies the thread holds. */
  count(): Promise<number> {
    return this.#call((id) => ({ op: 'count', id })) as Promise<number>;
  }

  async close(): Promise<void> {
    this.#failed ??= new Error("the profiles' thread was closed");
    await this.#worker.terminate();
  }

  #call(message: (id: number) => ThreadCall): Promise<unknown> {
    if (this.#failed) return Promise.reject(this.#failed);
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.ref();
      this.#worker.postMessage(message(id));
    });
  }
}
