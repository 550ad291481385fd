import { runDatabaseService } from '@duijie/service-kit';
import { buildApp } from './app.ts';
import { IntakeConfig } from './config.ts';

await runDatabaseService('intake', IntakeConfig, buildApp);
