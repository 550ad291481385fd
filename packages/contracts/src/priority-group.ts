import { z } from 'zod';

/**
 * Groups the employment policy favours. 三类人员 (monitored for relapse into poverty) are
 * unstable_poverty_alleviated, marginal_poverty and sudden_hardship.
 */
export const PriorityGroup = z
  .enum([
    'registered_poor', // 建档立卡
    'unstable_poverty_alleviated', // 脱贫不稳定户
    'marginal_poverty', // 边缘易致贫户
    'sudden_hardship', // 突发严重困难户
    'land_lost_farmer', // 失地农民
    'graduate', // 高校毕业生
    'veteran', // 退役军人
    'disabled', // 残疾人
    'long_term_unemployed', // 长期失业人员
    'returned_migrant', // 返乡农民工
    'school_leaver', // 两后生: 初、高中毕业未能继续升学的青年
    'zero_employment_family', // 零就业家庭
  ])
  .describe('priority group (重点群体)');
export type PriorityGroup = z.infer<typeof PriorityGroup>;
