import { creditCodeCheckChar } from '@duijie/contracts';

/** A posting as a Chinese ATS emits it: the same vocabulary, a Chinese place, a wage in yuan. */
export const chinesePosting = {
  '@context': 'https://schema.org/',
  '@type': 'JobPosting',
  title: '電焊工',
  description: '<p>负责钢结构焊接。</p><ul><li>二保焊</li></ul>',
  identifier: { '@type': 'PropertyValue', name: '某钢构', value: 'GG-2026-17' },
  datePosted: '2026-11-20',
  validThrough: '2026-12-31',
  hiringOrganization: {
    '@type': 'Organization',
    name: '郧西县某钢结构公司',
    identifier: `91420322MA4F00008${creditCodeCheckChar('91420322MA4F00008')}`,
  },
  jobLocation: {
    '@type': 'Place',
    address: {
      '@type': 'PostalAddress',
      addressCountry: 'CN',
      addressRegion: '湖北省',
      addressLocality: '十堰市郧西县',
      streetAddress: '城关镇工业园',
    },
  },
  baseSalary: {
    '@type': 'MonetaryAmount',
    currency: 'CNY',
    value: { '@type': 'QuantitativeValue', minValue: 220, maxValue: 300, unitText: 'DAY' },
  },
  employmentType: ['FULL_TIME'],
  skills: '电焊、气割',
  educationRequirements: { '@type': 'EducationalOccupationalCredential', credentialCategory: '初中' },
  experienceRequirements: { '@type': 'OccupationalExperienceRequirements', monthsOfExperience: 24 },
  totalJobOpenings: 6,
  jobBenefits: '包吃住',
};
