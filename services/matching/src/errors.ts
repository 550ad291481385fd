import { catalogue, notFound } from '@duijie/service-kit';

/**
 * Matching's errors, one entry each (the common ones, such as `unknownRegion`, `badCursor`
 * and `notYourEmployer`, are service-kit's `commonErrors`). Fairs and livestreams move theirs
 * here when their routes become domain modules.
 */
export const errors = catalogue({
  vacancyNotFound: notFound({ code: 'vacancy', zh: '岗位', en: 'vacancy' }),
});
