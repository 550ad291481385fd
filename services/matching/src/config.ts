import { BaseConfig, Port } from '@duijie/service-kit';

export const MatchingConfig = BaseConfig.extend({ PORT: Port.default(8082) });
