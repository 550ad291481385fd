// The profiles' thread (profile-thread.ts): a ProfileStore over the shipped regions and
// taxonomy, fed and asked by messages from the matching service's main thread.
import { parentPort } from 'node:worker_threads';
import { RankingEngine } from '@duijie/ranking';
import { RegionDirectory } from '@duijie/regions';
import { Taxonomy } from '@duijie/taxonomy';
import { ProfileStore } from './profile-store.ts';
import type { ThreadCall, ThreadReply } from './profile-thread.ts';

const store = new ProfileStore(new RankingEngine({ regions: RegionDirectory.load(), taxonomy: Taxonomy.load() }));

parentPort?.on('message', (call: ThreadCall) => {
  if (call.op === 'put') {
    store.put(call.rows, call.gone);
    return;
  }
  let reply: ThreadReply;
  try {
    reply = {
      id: call.id,
      result:
        call.op === 'rank' ? store.rank(call.request) : call.op === 'get' ? store.get(call.vacancyId) : store.size,
    };
  } catch (err) {
    reply = { id: call.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
