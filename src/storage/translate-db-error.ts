// Turns driver errors into AppErrors so both dialects fail the same way.

import { AppError, type ErrorCode } from '../domain/errors.ts';
import { isSqliteBusy, isSqliteUniqueViolation } from './dialects/sqlite.ts';
import { isConnectionLost } from './connection-lost.ts';

export function translateDbError(e: unknown, onConflict: ErrorCode = 'conflict'): unknown {
  if (e instanceof AppError) return e;
  if (isSqliteUniqueViolation(e) || isPgCode(e, '23505')) return new AppError(onConflict, { cause: e });
  if (isSqliteBusy(e) || isPgCode(e, '40001') || isPgCode(e, '40P01') || isConnectionLost(e)) return new AppError('unavailable', { cause: e });
  return e;
}

const isPgCode = (e: unknown, code: string): boolean => typeof e === 'object' && e !== null && 'code' in e && e.code === code;

/** Whether `e` means "try again shortly": the database is busy or cannot be reached. */
export const isDatabaseUnavailable = (e: unknown): boolean => {
  const translated = translateDbError(e);
  return translated instanceof AppError && translated.kind === 'Unavailable';
};
