import t from 'tap';
import { z } from 'zod';
import { BaseConfig, ConfigError, loadConfig, Port } from './config.ts';

const Schema = BaseConfig.extend({ PORT: Port.default(8081), UPSTREAM_URL: z.url() });

t.test('defaults fill what is not set', async (t) => {
  const config = loadConfig(Schema, { UPSTREAM_URL: 'http://127.0.0.1:9000' });
  t.match(config, { PORT: 8081, HOST: '127.0.0.1', DATA_DIR: './data', LOG_LEVEL: 'info' });
  t.equal(config.DATABASE_URL, undefined);
});

t.test('every bad or missing variable is named in one error', async (t) => {
  const error = (() => {
    try {
      loadConfig(Schema, { PORT: '80a', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (err) {
      return err;
    }
  })() as ConfigError;
  t.type(error, ConfigError);
  t.same(error.problems.map((p) => p.variable).sort(), ['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'UPSTREAM_URL']);
  t.match(error.message, /DATABASE_URL: must be a postgres:\/\/ URL/);
});
