import { BaseConfig, Port } from '@duijie/service-kit';

export const IntakeConfig = BaseConfig.extend({ PORT: Port.default(8081) });
