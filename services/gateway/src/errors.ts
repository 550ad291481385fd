import { catalogue } from '@duijie/service-kit';

const MIB = 1024 * 1024;

/** The gateway's errors, one entry each (the common ones are service-kit's `commonErrors`). */
export const errors = catalogue({
  bodyTooLarge: {
    status: 413,
    code: 'body-too-large',
    title: { zh: '请求体过大', en: 'Content Too Large' },
    detail: (limitBytes: number) => ({
      zh: `请求体超过此接口允许的大小（${limitBytes / MIB} MiB）`,
      en: `The request body is larger than this route takes (${limitBytes / MIB} MiB)`,
    }),
    extra: (limitBytes) => ({ limitBytes }),
  },
  upstreamTimeout: {
    status: 504,
    code: 'upstream-timeout',
    title: { zh: '上游服务超时', en: 'Gateway Timeout' },
    detail: (service: string) => ({
      zh: `${service} 服务没有应答；请稍后重试`,
      en: `The ${service} service did not answer; try again shortly`,
    }),
  },
  upstreamUnavailable: {
    status: 502,
    code: 'upstream-unavailable',
    title: { zh: '上游服务不可用', en: 'Bad Gateway' },
    detail: (service: string) => ({
      zh: `${service} 服务没有应答；请稍后重试`,
      en: `The ${service} service did not answer; try again shortly`,
    }),
  },
});
