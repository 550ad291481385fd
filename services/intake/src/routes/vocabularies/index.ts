import { CertificateVocabulary, PlaceVocabulary, SkillVocabulary, VocabularyQuery } from '@duijie/contracts';
import type { RegionDirectory } from '@duijie/regions';
import { problemResponses, type ServiceApp } from '@duijie/service-kit';
import type { Taxonomy } from '@duijie/taxonomy';
import { lookUpCertificates, lookUpPlaces, lookUpSkills } from './lookup.ts';

type Options = { regions: RegionDirectory; taxonomy: Taxonomy };

/**
 * The codes the API wants, found by what people type: reference data, no one's personal data,
 * so any staff token or employer's key may read them (an employer's developer fills in the
 * vacancy sheet with them).
 */
export async function vocabularyRoutes(app: ServiceApp, { regions, taxonomy }: Options) {
  const responses = (ok: typeof SkillVocabulary | typeof CertificateVocabulary | typeof PlaceVocabulary) => ({
    200: ok,
    ...problemResponses(400, 401),
  });

  app.get(
    '/v1/vocabularies/skills',
    {
      config: { access: 'staff-or-employer', desk: true },
      schema: {
        tags: ['vocabularies'],
        operationId: 'lookUpSkills',
        summary:
          '工种检索：按代码、名称、同义词或英文，前缀或子串，附法定所需证书 · Skills (trades) by code, name, synonym or English, prefix or substring, with the certificate the law requires',
        querystring: VocabularyQuery,
        response: responses(SkillVocabulary),
      },
    },
    async (request) => ({ items: lookUpSkills(taxonomy, request.query.q, request.query.limit) }),
  );

  app.get(
    '/v1/vocabularies/certificates',
    {
      config: { access: 'staff-or-employer', desk: true },
      schema: {
        tags: ['vocabularies'],
        operationId: 'lookUpCertificates',
        summary:
          '证书检索：按代码、正式名称或俗称 · Certificates by code, official or common name (焊工证 → cert.welding)',
        querystring: VocabularyQuery,
        response: responses(CertificateVocabulary),
      },
    },
    async (request) => ({ items: lookUpCertificates(taxonomy, request.query.q, request.query.limit) }),
  );

  app.get(
    '/v1/vocabularies/places',
    {
      config: { access: 'staff-or-employer', desk: true },
      schema: {
        tags: ['vocabularies'],
        operationId: 'lookUpPlaces',
        summary:
          '地区检索：按名称、简称、路径或代码；有歧义的名称列出所有可能的地区及其路径 · Places by name, short name, path or code; an ambiguous name lists every place it could be, with its path',
        querystring: VocabularyQuery,
        response: responses(PlaceVocabulary),
      },
    },
    async (request) => lookUpPlaces(regions, request.query.q, request.query.limit),
  );
}
