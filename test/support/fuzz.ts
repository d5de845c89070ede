// What the fuzz suites (test/reliability/fuzz-*.test.ts) share: one fixed seed, so a failure in
// CI is replayed exactly (FC_SEED=<seed> FC_PATH=<path>, both printed by fast-check on failure),
// run counts that grow with RELIABILITY_LONG=1, and the hostile text the properties are fed.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import fc from 'fast-check';
import type { DiscussionSettings } from '../../src/domain/settings.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { createDateline } from '../../src/main.ts';
import { testConfig } from './build-test-app.ts';
import { freshDatabaseUrl, postgresAvailable, type DialectName } from './dialects.ts';
import { longRun } from './reliability.ts';

export const fuzzSeed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20_261_130;
const fuzzPath = process.env.FC_PATH;

/** How long each property runs: `short` in CI, `factor` times as many under RELIABILITY_LONG=1. */
export function fuzzRuns(short: number, factor: number): number {
  return longRun ? short * factor : short;
}

/** fast-check parameters for one property: the seed (and replay path) and its number of runs. */
export function fuzzParameters<T>(numRuns: number): fc.Parameters<T> {
  return { seed: fuzzSeed, numRuns, includeErrorInReport: true, ...(fuzzPath ? { path: fuzzPath } : {}) };
}

/** Any text a visitor could send: full Unicode, lone surrogates, controls and NUL included. */
export const anyText = (maxLength = 200): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: fc.constantFrom('\u0000', '\u0001', '\u001f', '\u007f', '\t', '\n', '\r', ' ', '\u00a0', '\u2028', '\ufeff', '\ud800', '\udfff', 'é', '😀', '<', '>', '&', '"', "'", '%', '+', '=', '@', '.', ':', '/'), maxLength }),
    fc.string({ maxLength }),
  );

/** A string of about `bytes` UTF-8 bytes, within a few bytes either side (multi-byte characters straddle it). */
export const nearBytes = (bytes: number): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom('a', 'é', '€', '😀'), fc.integer({ min: -4, max: 4 }), fc.string({ maxLength: 3 })).map(([unit, delta, tail]) => {
    const size = Buffer.byteLength(unit);
    return unit.repeat(Math.max(0, Math.floor((bytes + delta) / size))) + tail;
  });

/**
 * A real Dateline on a fresh database of `dialect` (whatever TEST_DIALECT says: the fuzz suites
 * run both themselves), with a fixed clock, closed when the test ends. Property runs share it
 * and keep apart by working on an article (or a source site) of their own.
 */
export async function fuzzSite(t: Pick<TestContext, 'after'>, dialect: DialectName, settings: Partial<DiscussionSettings> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-fuzz-'));
  const clock = new FixedClock('2026-11-29T12:00:00Z');
  let close = async () => rmSync(dataDir, { recursive: true, force: true });
  const done = () => close();
  t.after(done);
  const databaseUrl = await freshDatabaseUrl(t, dialect, dataDir);
  const dateline = await createDateline(testConfig(dataDir, { databaseUrl }), { clock });
  await dateline.stores.settings.saveDiscussion(settings);
  const app = await dateline.buildApp();
  close = async () => {
    close = async () => undefined;
    await app.close();
    await dateline.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { app, dateline, clock, dataDir, close: done };
}

export const dialects: readonly DialectName[] = ['sqlite', 'postgres'];
/** Why a PostgreSQL suite is skipped, or false when it runs (CI requires the server). */
export const skipPostgres = async (dialect: DialectName): Promise<string | false> => (dialect === 'postgres' && !(await postgresAvailable()) ? 'PostgreSQL does not answer (CI requires it)' : false);
