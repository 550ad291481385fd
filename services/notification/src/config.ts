import { BaseConfig, Port } from '@duijie/service-kit';

export const NotificationConfig = BaseConfig.extend({ PORT: Port.default(8083) });
