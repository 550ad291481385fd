export * from './email.ts';
export * from './port.ts';
export * from './sms.ts';
export * from './webhook.ts';
