import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../contract/api-routes.ts';
import { startHarness, type Harness } from './service-harness.ts';

/** GET /api/v1/openapi.json: a valid OpenAPI 3.1 document naming every route the service answers. */
let harness: Harness;
let document: {
  openapi: string;
  paths: Record<string, Record<string, { 'x-roles': string[]; responses: Record<string, unknown> }>>;
};

beforeAll(async () => {
  harness = await startHarness();
  const answer = await fetch(`${harness.service.url}/api/v1/openapi.json`);
  expect(answer.status).toBe(200);
  document = (await answer.json()) as typeof document;
});
afterAll(() => harness.close());

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('names every endpoint the service answers, and nothing else', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const served = harness.service.endpoints.map(({ method, path }) => `${method} ${path}`);
    expect(documented.sort()).toEqual(served.sort());
    expect(API_ROUTES).toHaveLength(served.length);
  });

  it('gives each endpoint its roles and its failures', () => {
    const settings = document.paths['/api/v1/settings'];
    expect(settings?.put?.['x-roles']).toEqual(['admin']);
    expect(Object.keys(settings?.put?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '409', '428']),
    );
    expect(document.paths['/api/v1/analytics/utilisation']?.get?.['x-roles']).toEqual(['admin', 'facility']);
    expect(Object.keys(document.paths['/api/v1/health']?.get?.responses ?? {})).toEqual(['200']);
  });

  it('is readable at /api/docs, from this service only', async () => {
    const page = await fetch(`${harness.service.url}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/docs/swagger-ui-bundle.js');
    expect(html).not.toMatch(/<script>|<style>|https?:\/\//);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css', 'start.js']) {
      expect((await fetch(`${harness.service.url}/api/docs/${file}`)).status).toBe(200);
    }
    expect((await fetch(`${harness.service.url}/api/docs/package.json`)).status).toBe(404);
  });
});
