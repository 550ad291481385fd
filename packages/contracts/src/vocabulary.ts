import { z } from 'zod';

/** What a look-up of a vocabulary takes: the words typed so far and how many answers. */
export const VocabularyQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .describe(
      '检索词：代码、名称、别名或英文，前缀或包含均可，繁体亦可 / the words typed so far: code, name, synonym or English, prefix or substring; traditional characters accepted',
    ),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .default(20)
    .describe('最多返回条数（1–50，默认 20） / at most this many items (1–50, default 20)'),
});
export type VocabularyQuery = z.infer<typeof VocabularyQuery>;

const matchedBy = z
  .string()
  .describe(
    '命中的词（代码、名称、别名或英文） / the word that matched: the code, the name, a synonym or the English name',
  );

export const SkillVocabularyItem = z
  .object({
    code: z
      .string()
      .describe('工种代码，岗位和求职登记用它 / the skill code vacancies and seekers use, e.g. skill.welding'),
    name: z.string().describe('工种名称 / the trade’s name'),
    en: z.string().describe('英文名称 / English name'),
    synonyms: z.array(z.string()).describe('别名 / other names people use'),
    family: z.object({ code: z.string(), name: z.string() }).describe('工种大类 / the family of trades'),
    certificate: z
      .object({ code: z.string(), name: z.string() })
      .nullable()
      .describe('从事此工种法定须持的证书，无则为 null / the certificate the law requires for this work, or null'),
    matchedBy,
  })
  .meta({ id: 'SkillVocabularyItem' });

export const SkillVocabulary = z
  .object({ items: z.array(SkillVocabularyItem).describe('最贴切的在前 / best match first') })
  .meta({ id: 'SkillVocabulary' });

export const CertificateVocabularyItem = z
  .object({
    code: z.string().describe('证书代码 / the certificate code, e.g. cert.welding'),
    name: z.string().describe('证书正式名称 / the official name'),
    en: z.string().describe('英文名称 / English name'),
    synonyms: z.array(z.string()).describe('常用叫法 / what people call it, e.g. 焊工证'),
    covers: z
      .array(z.string())
      .describe('持此证亦可从事的其他证书代码（如驾照 A2 含 B2） / codes of the certificates it also meets'),
    basis: z.string().describe('法规依据 / the law that requires it'),
    matchedBy,
  })
  .meta({ id: 'CertificateVocabularyItem' });

export const CertificateVocabulary = z
  .object({ items: z.array(CertificateVocabularyItem).describe('最贴切的在前 / best match first') })
  .meta({ id: 'CertificateVocabulary' });

export const PlaceVocabularyItem = z
  .object({
    code: z.string().describe('行政区划代码（GB/T 2260） / the division code, e.g. 433123'),
    name: z.string().describe('名称 / the division’s name'),
    level: z.enum(['province', 'prefecture', 'county']).describe('省 / 地市 / 区县'),
    path: z.string().describe('完整路径 / the full path, e.g. 湖南省湘西土家族苗族自治州凤凰县'),
    matchedBy,
  })
  .meta({ id: 'PlaceVocabularyItem' });

export const PlaceVocabulary = z
  .object({
    code: z
      .string()
      .nullable()
      .describe(
        '检索词恰好指一个地方时为其代码，否则为 null / the code when the words name exactly one place, else null',
      ),
    ambiguous: z
      .boolean()
      .describe('同名地方不止一个：请从 items 中选择 / the name fits several places: choose one of the items'),
    items: z
      .array(PlaceVocabularyItem)
      .describe('名称恰好相符的在前，再是前缀、包含 / exact names first, then prefixes, then substrings'),
  })
  .meta({ id: 'PlaceVocabulary' });
