// Matching's settings as an operator gives them: the profile cache is on unless turned off,
// and a value that is neither is named at start-up.
import { ConfigError, loadConfig } from '@duijie/service-kit';
import t from 'tap';
import { MatchingConfig } from './config.ts';

t.test('PROFILE_CACHE: on by default, in a thread or off when asked, anything else named', async (t) => {
  t.equal(loadConfig(MatchingConfig, {}).PROFILE_CACHE, 'on');
  t.equal(loadConfig(MatchingConfig, { PROFILE_CACHE: 'thread' }).PROFILE_CACHE, 'thread');
  t.equal(loadConfig(MatchingConfig, { PROFILE_CACHE: 'off' }).PROFILE_CACHE, 'off');
  t.throws(() => loadConfig(MatchingConfig, { PROFILE_CACHE: 'no' }), ConfigError);
  try {
    loadConfig(MatchingConfig, { PROFILE_CACHE: 'no' });
  } catch (err) {
    t.match((err as ConfigError).problems, [{ variable: 'PROFILE_CACHE' }], 'the variable is named');
  }
});
