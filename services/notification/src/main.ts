import { runDatabaseService } from '@duijie/service-kit';
import { buildApp } from './app.ts';
import { NotificationConfig } from './config.ts';

await runDatabaseService('notification', NotificationConfig, (deps) => buildApp({ ...deps, config: deps.config }));
