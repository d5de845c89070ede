// The OpenAPI document: structurally valid OpenAPI 3.1 (no validator package is installed, so
// the rules are checked here), the same routes as the app answers, and a test for every one of
// them — each API suite names the operations it covers in describe('METHOD /api/v1/…').

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { buildTestApp } from '../support/build-test-app.ts';
import { call } from './api-test-kit.ts';
import { routesOf } from '../support/routes.ts';

type Obj = Record<string, any>;
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
// JSON Schema 2020-12 keywords these schemas may use (plus OpenAPI's annotations).
const schemaKeywords = new Set(['$ref', 'type', 'description', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'format', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'default', 'examples']);
const schemaTypes = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean', 'null']);

/** Problems with one schema and everything inside it, each named by where it is. */
function schemaProblems(schema: unknown, at: string): string[] {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return [`${at}: a schema must be an object`];
  const s = schema as Obj;
  const problems = Object.keys(s).filter((k) => !schemaKeywords.has(k)).map((k) => `${at}: unknown keyword ${k}`);
  if (s.$ref !== undefined && Object.keys(s).length > 1) problems.push(`${at}: $ref with siblings`);
  for (const t of [s.type ?? []].flat()) if (!schemaTypes.has(t)) problems.push(`${at}: type ${t}`);
  if (s.required !== undefined) {
    if (!Array.isArray(s.required) || new Set(s.required).size !== s.required.length) problems.push(`${at}: required must be an array of distinct names`);
    for (const name of s.required ?? []) if (!s.properties || !(name in s.properties)) problems.push(`${at}: required ${name} is not a property`);
  }
  if (s.enum !== undefined && (!Array.isArray(s.enum) || s.enum.length === 0)) problems.push(`${at}: enum must be a non-empty array`);
  if (s.default !== undefined && s.enum && !s.enum.includes(s.default)) problems.push(`${at}: default is not in enum`);
  if (s.additionalProperties !== undefined && typeof s.additionalProperties !== 'boolean') problems.push(`${at}: additionalProperties`);
  for (const k of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems']) if (s[k] !== undefined && typeof s[k] !== 'number') problems.push(`${at}: ${k} must be a number`);
  if ([s.type].flat().includes('array') && s.items === undefined) problems.push(`${at}: an array without items`);
  for (const [name, p] of Object.entries((s.properties ?? {}) as Obj)) problems.push(...schemaProblems(p, `${at}.properties.${name}`));
  if (s.items !== undefined) problems.push(...schemaProblems(s.items, `${at}.items`));
  return problems;
}

/** Every $ref anywhere in the document, with where it is. */
function refsIn(value: unknown, at: string): { ref: string; at: string }[] {
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => refsIn(v, `${at}[${i}]`));
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' ? [{ ref: String(v), at }] : refsIn(v, `${at}.${k}`)));
}

const resolve = (doc: Obj, ref: string): unknown => (ref.startsWith('#/') ? ref.slice(2).split('/').reduce<any>((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc) : undefined);


/** [METHOD, path] of every operation in the document. */
const operationsOf = (doc: Obj): [string, string][] => Object.entries(doc.paths as Obj).flatMap(([path, item]) => Object.keys(item).filter((m) => methods.includes(m)).map((m): [string, string] => [m.toUpperCase(), path]));

describe('the OpenAPI document', () => {
  it('is served at /api/openapi.json and is structurally valid OpenAPI 3.1', async (t) => {
    const { app } = await buildTestApp(t);
    const res = await call(app, 'GET', '/api/openapi.json');
    assert.equal(res.status, 200);
    const doc = res.json as Obj;
    const problems: string[] = [];
    if (doc.openapi !== '3.1.0') problems.push('openapi must be "3.1.0"');
    if (typeof doc.info?.title !== 'string' || typeof doc.info?.version !== 'string') problems.push('info needs a title and a version');
    if (typeof doc.paths !== 'object' || Object.keys(doc.paths).length === 0) problems.push('paths must list operations');
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Obj)) {
      if (!path.startsWith('/')) problems.push(`path ${path} must start with /`);
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item as Obj)) {
        const at = `${method.toUpperCase()} ${path}`;
        if (!methods.includes(method)) problems.push(`${at}: not an HTTP method`);
        if (typeof op.operationId !== 'string' || ids.has(op.operationId)) problems.push(`${at}: operationId missing or repeated`);
        ids.add(op.operationId);
        const responses = Object.entries((op.responses ?? {}) as Obj);
        if (responses.length === 0) problems.push(`${at}: no responses`);
        for (const [status, r] of responses) {
          if (!/^[1-5]\d\d$/.test(status)) problems.push(`${at}: response key ${status}`);
          if (typeof r.description !== 'string') problems.push(`${at} ${status}: a response needs a description`);
          for (const [type, media] of Object.entries((r.content ?? {}) as Obj)) problems.push(...schemaProblems(media.schema, `${at} ${status} ${type}`));
        }
        const params = (op.parameters ?? []) as Obj[];
        for (const p of params) {
          if (!['path', 'query', 'header', 'cookie'].includes(p.in) || typeof p.name !== 'string') problems.push(`${at}: parameter ${p.name} in ${p.in}`);
          if (p.in === 'path' && (p.required !== true || !templated.includes(p.name))) problems.push(`${at}: path parameter ${p.name} must be required and in the path`);
          problems.push(...schemaProblems(p.schema, `${at} parameter ${p.name}`));
        }
        for (const name of templated) if (!params.some((p) => p.in === 'path' && p.name === name)) problems.push(`${at}: {${name}} has no parameter`);
        if (op.requestBody) for (const [type, media] of Object.entries((op.requestBody.content ?? {}) as Obj)) problems.push(...schemaProblems(media.schema, `${at} body ${type}`));
        for (const requirement of (op.security ?? []) as Obj[]) for (const scheme of Object.keys(requirement)) if (!doc.components?.securitySchemes?.[scheme]) problems.push(`${at}: unknown security scheme ${scheme}`);
      }
    }
    for (const [name, schema] of Object.entries((doc.components?.schemas ?? {}) as Obj)) problems.push(...schemaProblems(schema, `components.schemas.${name}`));
    for (const { ref, at } of refsIn(doc, '#')) if (resolve(doc, ref) === undefined) problems.push(`${at}: $ref ${ref} does not resolve`);
    assert.deepEqual(problems, []);
    assert.ok(refsIn(doc, '#').length > 10, 'the schemas are shared through $refs');
  });

  it('has structural checks that catch a broken document', () => {
    assert.deepEqual(schemaProblems({ type: 'object', properties: { a: { type: 'string' } } }, 'ok'), []);
    assert.equal(schemaProblems({ type: 'strng' }, 'x').length, 1);
    assert.equal(schemaProblems({ type: 'object', required: ['b'], properties: {} }, 'x').length, 1);
    assert.equal(schemaProblems({ type: 'array' }, 'x').length, 1);
    assert.equal(schemaProblems({ $ref: '#/x', type: 'string' }, 'x').length, 1);
    assert.equal(schemaProblems({ nullable: true }, 'x').length, 1, 'OpenAPI 3.0’s nullable is not 3.1');
    assert.equal(resolve({ components: { schemas: { A: {} } } }, '#/components/schemas/B'), undefined);
  });

  it('lists exactly the /api/v1 routes the app answers', async (t) => {
    const { app } = await buildTestApp(t);
    const doc = (await call(app, 'GET', '/api/openapi.json')).json as Obj;
    const documented = operationsOf(doc).map(([m, p]) => `${m} ${p}`).sort();
    const registered: string[] = [];
    for (const [m, p] of operationsOf(doc)) {
      const url = p.replace(/\{[^}]+\}/g, '1');
      // A route the app does not have answers route_not_found; every documented one is routed.
      const res = await call(app, m as 'GET', url, m === 'GET' ? {} : { body: {} });
      if (res.json?.error?.code !== 'route_not_found') registered.push(`${m} ${p}`);
    }
    assert.deepEqual(registered.sort(), documented);
    const routed = routesOf(app.printRoutes()).filter((r) => r.includes(' /api/v1/'));
    assert.deepEqual(routed.map((r) => r.replace(/:([A-Za-z]+)/g, '{$1}')).sort(), documented);
  });

  it('has a test for every operation it lists', async (t) => {
    const { app } = await buildTestApp(t);
    const doc = (await call(app, 'GET', '/api/openapi.json')).json as Obj;
    const dir = new URL('./', import.meta.url);
    const tested = new Set(
      readdirSync(dir)
        .filter((f) => f.endsWith('.test.ts'))
        .flatMap((f) => [...readFileSync(new URL(f, dir), 'utf8').matchAll(/describe\('((?:GET|POST|PATCH|PUT|DELETE) \/api\/v1\/[^']*)'/g)].map((m) => m[1]!)),
    );
    const untested = operationsOf(doc).map(([m, p]) => `${m} ${p}`).filter((op) => !tested.has(op));
    assert.deepEqual(untested, [], 'each operation needs a describe(\'METHOD /api/v1/…\') block in test/api/');
  });

  it('is shown as a page at /api/docs with every operation and schema, and no third-party script', async (t) => {
    const { app } = await buildTestApp(t);
    const doc = (await call(app, 'GET', '/api/openapi.json')).json as Obj;
    const res = await call(app, 'GET', '/api/docs');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    for (const [m, p] of operationsOf(doc)) assert.ok(res.body.includes(`${m} ${p}`), `${m} ${p} is on the page`);
    for (const name of Object.keys(doc.components.schemas)) assert.ok(res.body.includes(`id="schema-${name}"`), `schema ${name} is on the page`);
    for (const m of res.body.matchAll(/<script[^>]*src="([^"]+)"/g)) assert.ok(m[1]!.startsWith('/assets/'), `only our own script: ${m[1]}`);
  });
});
