// Environment → one typed, validated Config. Parsed once; fails fast with a one-line reason.
// The secret is never logged.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Config {
  readonly dataDir: string;
  readonly databaseUrl: string;
  readonly port: number;
  readonly host: string;
  /** '' until resolved: from DATELINE_SECRET, the data directory (SQLite) or the database (PostgreSQL). */
  readonly secret: string;
  readonly secretSource: 'env' | 'file' | 'database';
  readonly publicUrl: string | null;
  readonly siteName: string;
  readonly locale: string;
  readonly timeZone: string;
  readonly logLevel: string;
  readonly trustProxy: boolean;
  /** SMTP_URL (smtp://user:pass@host:587, smtps://…): where mail goes; null = .eml files in DATA_DIR/outbox. */
  readonly smtpUrl: string | null;
  /** MAIL_FROM: the sender address; default "Site name" <dateline@host of the public URL>. */
  readonly mailFrom: string | null;
  /** DATELINE_METRICS_TOKEN: a bearer token that lets a scraper off this machine read /metrics (loopback needs none). */
  readonly metricsToken?: string | null;
  /** DATELINE_SHUTDOWN_DELAY_MS: after SIGTERM, how long /readyz says 503 while everything is still served (default 1000). */
  readonly shutdownDelayMs?: number;
  /** DATELINE_API_ORIGINS (comma-separated): the origins whose pages may call /api from a browser (CORS); none by default. */
  readonly apiOrigins?: readonly string[];
  /** DATELINE_EMBED_ORIGINS (comma-separated): the origins whose pages may embed comments (threads made on first use); none by default. */
  readonly embedOrigins?: readonly string[];
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

/** Loads `.env` from the working directory when present (real environment variables win). */
export function loadDotEnv(env: Env = process.env, file = '.env'): void {
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    const [, key, raw] = m as unknown as [string, string, string];
    if (env[key] === undefined) env[key] = raw.replace(/^(['"])(.*)\1$/, '$2');
  }
}

export function loadConfig(env: Env = process.env): Config {
  const dataDir = resolve(env.DATELINE_DATA_DIR || './data');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, not "${env.PORT}"`);
  const publicUrl = env.DATELINE_PUBLIC_URL ? parseUrl(env.DATELINE_PUBLIC_URL) : null;
  const timeZone = env.DATELINE_TIMEZONE || 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new ConfigError(`DATELINE_TIMEZONE is not a time zone: "${timeZone}"`);
  }
  return {
    dataDir,
    databaseUrl: env.DATABASE_URL || join(dataDir, 'dateline.db'),
    port,
    host: env.HOST || '0.0.0.0',
    secret: env.DATELINE_SECRET || '',
    secretSource: env.DATELINE_SECRET ? 'env' : /^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? '') ? 'database' : 'file',
    publicUrl,
    siteName: env.DATELINE_SITE_NAME || 'Dateline',
    locale: env.DATELINE_LOCALE || 'en-US',
    timeZone,
    logLevel: env.LOG_LEVEL || 'info',
    trustProxy: env.DATELINE_TRUST_PROXY === 'true' || env.DATELINE_TRUST_PROXY === '1',
    smtpUrl: env.SMTP_URL ? parseSmtpUrl(env.SMTP_URL) : null,
    mailFrom: env.MAIL_FROM || null,
    metricsToken: env.DATELINE_METRICS_TOKEN || null,
    shutdownDelayMs: milliseconds(env.DATELINE_SHUTDOWN_DELAY_MS, 'DATELINE_SHUTDOWN_DELAY_MS', 1000),
    apiOrigins: parseOrigins(env.DATELINE_API_ORIGINS ?? ''),
    embedOrigins: parseOrigins(env.DATELINE_EMBED_ORIGINS ?? '', 'DATELINE_EMBED_ORIGINS'),
  };
}

/**
 * Creates the data directory and, for a SQLite site without DATELINE_SECRET, the secret in it
 * on first start. On PostgreSQL the generated secret lives in the database instead, so every
 * instance shares it (cookies signed by one verify on another; flood control hashes agree).
 */
export function prepareDataDir(config: Config): Config {
  mkdirSync(config.dataDir, { recursive: true });
  if (config.secretSource === 'env') {
    if (config.secret.length < 16) throw new ConfigError('DATELINE_SECRET must be at least 16 characters');
    return config;
  }
  if (config.secretSource === 'database') return config;
  const file = join(config.dataDir, 'secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  return { ...config, secret: readFileSync(file, 'utf8').trim() };
}

function parseUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return url.href.replace(/\/$/, '');
  } catch {
    throw new ConfigError(`DATELINE_PUBLIC_URL must be a URL such as https://news.example.com, not "${raw}"`);
  }
}

function parseSmtpUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SMTP_URL must be a URL such as smtp://user:password@mail.example.com:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  return raw;
}

/** `https://a.example, http://localhost:8080` → each origin as browsers send it; anything else is refused. */
function parseOrigins(raw: string, name = 'DATELINE_API_ORIGINS'): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      let url: URL | undefined;
      try {
        url = new URL(entry);
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== entry.replace(/\/$/, '')) {
        throw new ConfigError(`${name} must list origins such as https://news.example (scheme, host and port only), not "${entry}"`);
      }
      return url.origin;
    });
}

function milliseconds(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 600_000) throw new ConfigError(`${name} must be a number of milliseconds (0 to 600000), not "${raw}"`);
  return n;
}
