import { runDatabaseService } from '@duijie/service-kit';
import { buildApp } from './app.ts';
import { MatchingConfig } from './config.ts';

await runDatabaseService('matching', MatchingConfig, buildApp);
