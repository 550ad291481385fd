// Preloaded into every test process by run-tests.mjs: names the test file in the environment,
// so that the processes a test spawns inherit it and the log guard can say whose line leaked.
import { relative } from 'node:path';

process.env.DUIJIE_LOG_GUARD_TEST ??= relative(process.cwd(), process.argv[1] ?? '');
