/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// /api/docs: the OpenAPI document as a page to read — every operation with its parameters,
// body, responses and the scope it needs, then every schema. Rendered on the server from the
// same document /api/openapi.json serves; no script.

import { Layout } from './layout.tsx';
import type { SiteView } from './site.ts';

/** The parts of an OpenAPI 3.1 document this page reads. */
interface DocSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly (string | number)[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxItems?: number;
  readonly default?: unknown;
  readonly items?: DocSchema;
}

interface DocParameter {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly description?: string;
  readonly schema: DocSchema;
}

interface DocMedia {
  readonly content: { readonly 'application/json': { readonly schema: DocSchema } };
}

interface DocOperation {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly security: readonly { readonly bearerToken?: readonly string[] }[];
  readonly parameters?: readonly DocParameter[];
  readonly requestBody?: DocMedia;
  readonly responses: Readonly<Record<string, DocMedia & { readonly description: string }>>;
}

export interface ApiDocument {
  readonly info: { readonly title: string; readonly description: string };
  readonly paths: Readonly<Record<string, Readonly<Record<string, DocOperation>>>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, unknown>>;
    readonly securitySchemes: { readonly bearerToken: { readonly description: string } };
  };
}

const refName = (ref: string): string => ref.replace('#/components/schemas/', '');

function SchemaLink({ schema }: { schema: DocSchema }) {
  if (schema.$ref) return <a href={`#schema-${refName(schema.$ref)}`}>{refName(schema.$ref)}</a>;
  return <code>{typeText(schema)}</code>;
}

/** `integer 1–50, default 20`, `string: pending | approved`, `array of string (≤ 100)`. */
function typeText(s: DocSchema): string {
  const type = [s.type ?? 'any'].flat().join(' or ');
  const parts = [s.items ? `${type} of ${typeText(s.items)}` : type];
  if (s.enum) parts.push(`: ${s.enum.join(' | ')}`);
  if (s.minimum !== undefined || s.maximum !== undefined) parts.push(` ${s.minimum ?? ''}–${s.maximum ?? ''}`);
  if (s.maxItems !== undefined) parts.push(` (at most ${s.maxItems})`);
  if (s.default !== undefined) parts.push(`, default ${JSON.stringify(s.default)}`);
  return parts.join('');
}

function Operation({ method, path, op }: { method: string; path: string; op: DocOperation }) {
  const scopes = op.security.flatMap((r) => r.bearerToken ?? []);
  return (
    <section id={`op-${op.operationId}`} class="api-operation">
      <h3>
        <code>
          {method.toUpperCase()} {path}
        </code>
      </h3>
      <p>{op.summary}.</p>
      {op.description ? <p>{op.description}</p> : null}
      <p>{scopes.length > 0 ? <>Needs a bearer token with the scope <code>{scopes.join(', ')}</code>.</> : 'Public: no token.'}</p>
      {op.parameters && op.parameters.length > 0 ? (
        <table class="log">
          <caption>Parameters</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">In</th>
              <th scope="col">Type</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {op.parameters.map((p) => (
              <tr>
                <td>
                  <code>{p.name}</code>
                  {p.required ? ' (required)' : ''}
                </td>
                <td>{p.in}</td>
                <td>
                  <SchemaLink schema={p.schema} />
                </td>
                <td>{p.description ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {op.requestBody ? (
        <p>
          Body (<code>application/json</code>): <SchemaLink schema={op.requestBody.content['application/json'].schema} />
        </p>
      ) : null}
      <table class="log">
        <caption>Responses</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Meaning</th>
            <th scope="col">Body</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(op.responses).map(([status, r]) => (
            <tr>
              <td>{status}</td>
              <td>{r.description}</td>
              <td>
                <SchemaLink schema={r.content['application/json'].schema} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ApiDocsPage({ site, doc }: { site: SiteView; doc: ApiDocument }) {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  return (
    <Layout site={site} title={doc.info.title}>
      <article class="api-docs">
        <h1>{doc.info.title}</h1>
        <p>{doc.info.description}</p>
        <p>{doc.components.securitySchemes.bearerToken.description}</p>
        <p>
          The machine-readable description: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).
        </p>
        <h2>Operations</h2>
        <ul>
          {operations.map(({ path, method, op }) => (
            <li>
              <a href={`#op-${op.operationId}`}>
                <code>
                  {method.toUpperCase()} {path}
                </code>
              </a>{' '}
              — {op.summary}
            </li>
          ))}
        </ul>
        {operations.map((o) => (
          <Operation {...o} />
        ))}
        <h2>Schemas</h2>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <section id={`schema-${name}`}>
            <h3>{name}</h3>
            <pre>{JSON.stringify(schema, null, 2)}</pre>
          </section>
        ))}
      </article>
    </Layout>
  );
}
