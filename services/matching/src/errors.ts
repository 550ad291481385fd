import { catalogue, notFound } from '@duijie/service-kit';

/**
 * Matching's errors, one entry each (the common ones, such as `unknownRegion`, `badCursor`
 * and `notYourEmployer`, are service-kit's `commonErrors`). Fairs and livestreams move theirs
 * here when their routes become domain modules.
 */
export const errors = catalogue({
  vacancyNotFound: notFound({ code: 'vacancy', zh: '岗位', en: 'vacancy' }),
  fairNotFound: notFound({ code: 'fair', zh: '招聘会', en: 'fair' }),
  livestreamNotFound: notFound({ code: 'livestream', zh: '直播', en: 'livestream' }),
  employerNotFound: notFound({ code: 'employer', zh: '用人单位', en: 'employer' }),
  seekerNotFound: notFound({ code: 'seeker', zh: '求职者', en: 'seeker' }),
  viewerNotFound: notFound({ code: 'viewer', zh: '观众', en: 'viewer' }),
  checkinNotFound: notFound({ code: 'checkin', zh: '签到记录', en: 'checkin' }),
});
