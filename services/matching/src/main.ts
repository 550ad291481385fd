import { runDatabaseService } from '@duijie/service-kit';
import { buildApp } from './app.ts';
import { MatchingConfig, searchIndexFrom } from './config.ts';

await runDatabaseService('matching', MatchingConfig, (deps) => {
  const searchIndex = searchIndexFrom(deps.config);
  return buildApp({
    ...deps,
    ...(searchIndex ? { searchIndex } : {}),
    profileCache: deps.config.PROFILE_CACHE === 'thread' ? 'thread' : deps.config.PROFILE_CACHE === 'on',
  });
});
