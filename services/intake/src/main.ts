import { runDatabaseService } from '@duijie/service-kit';
import { buildApp } from './app.ts';
import { IntakeConfig, oidcFrom } from './config.ts';

await runDatabaseService('intake', IntakeConfig, (deps) => {
  const oidc = oidcFrom(deps.config);
  return buildApp({ ...deps, ...(oidc ? { oidc } : {}) });
});
