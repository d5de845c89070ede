// Builds /api/openapi.json (OpenAPI 3.1) from the API's route table and its schemas: paths from
// apiOperations, parameters from their params and query schemas, bodies and responses from their
// schemas, and every schema that is one of api-schemas' named components as a $ref to it.

import { apiScopeAreas } from '../../domain/api-token.ts';
import { apiOperations, type ApiOperation, type ApiResponse } from './api-routes.ts';
import { components, type JsonSchema } from './api-schemas.ts';

export const apiBasePath = '/api/v1';

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
export type OpenApiDocument = { readonly [key: string]: Json };

const namesOf = new Map<JsonSchema, string>(Object.entries(components).map(([name, schema]) => [schema, name]));

/** A schema for the document: named components become $refs (except the component itself). */
function toDocSchema(schema: JsonSchema, self?: JsonSchema): Json {
  const name = namesOf.get(schema);
  if (name !== undefined && schema !== self) return { $ref: `#/components/schemas/${name}` };
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(schema) as [string, unknown][]) {
    if (key === 'properties') out[key] = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([p, s]) => [p, toDocSchema(s)]));
    else if (key === 'items') out[key] = toDocSchema(value as JsonSchema);
    else out[key] = value as Json;
  }
  return out;
}

/** `/articles/:id` → `/api/v1/articles/{id}`. */
export const openApiPath = (path: string): string => apiBasePath + path.replace(/:([A-Za-z]+)/g, '{$1}');

function parameters(op: ApiOperation): Json[] {
  const list: Json[] = [];
  for (const [where, schema] of [['path', op.params], ['query', op.query]] as const) {
    for (const [name, s] of Object.entries(schema?.properties ?? {})) {
      const { description, ...rest } = s;
      list.push({
        name,
        in: where,
        required: where === 'path' || (schema?.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: toDocSchema(rest),
        // A repeated query parameter (`?url=a&url=b`) is an array in form style, exploded.
        ...(s.type === 'array' ? { style: 'form', explode: true } : {}),
      });
    }
  }
  return list;
}

function response(r: ApiResponse): Json {
  const headers = Object.entries(r.headers ?? {}).map(([name, description]) => [name, { description, schema: { type: 'string' } }]);
  return {
    description: r.description,
    ...(headers.length > 0 ? { headers: Object.fromEntries(headers) } : {}),
    content: { 'application/json': { schema: toDocSchema(r.schema) } },
  };
}

function operation(op: ApiOperation): Json {
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    ...(op.scope ? { security: [{ bearerToken: [op.scope] }] } : { security: [] }),
    ...(parameters(op).length > 0 ? { parameters: parameters(op) } : {}),
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: toDocSchema(op.body) } } } } : {}),
    responses: Object.fromEntries(Object.entries(op.responses).map(([status, r]) => [status, response(r)])),
  };
}

export function buildOpenApiDocument(options: { siteName: string; serverUrl: string | null }): OpenApiDocument {
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of apiOperations) (paths[openApiPath(op.path)] ??= {})[op.method.toLowerCase()] = operation(op);
  const scopes = Object.entries(apiScopeAreas).map(([scope, area]) => `\`${scope}\` (admin area: ${area})`).join(', ');
  return {
    openapi: '3.1.0',
    info: {
      title: `${options.siteName} API`,
      version: '1.0.0',
      description:
        'Dateline’s JSON API: public reads of articles and their approved comments, posting a comment under the article form’s rules, and staff operations with personal API tokens. ' +
        'Errors are `{"error":{"code","message","field"?,"errors"?}}` with stable codes. Browsers may call it from the origins in DATELINE_API_ORIGINS (CORS).',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags: [{ name: 'Articles' }, { name: 'Comments' }, { name: 'Moderation' }],
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(components).map(([name, schema]) => [name, toDocSchema(schema, schema)])),
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: `A personal API token made in the admin (API tokens), sent as \`Authorization: Bearer dtl_…\`. Scopes: ${scopes}; a token never reaches beyond its owner’s role.`,
        },
      },
    },
  };
}
