// Recognises "the database cannot be reached" in the drivers' errors: the server refused or
// dropped the connection, is shutting down or starting up. translate-db-error.ts makes these
// `unavailable` (503 with Retry-After), never a 500: the request may simply be tried again.

// Node's socket errors when the server is gone or unreachable.
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// PostgreSQL SQLSTATEs: class 08 (connection exception), admin/crash shutdown, starting up, too many connections.
const pgStates = new Set(['57P01', '57P02', '57P03', '53300']);
// pg reports a dropped connection or a pool that cannot connect with these messages (no code).
const pgMessages = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/;

export function isConnectionLost(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = 'code' in e && typeof e.code === 'string' ? e.code : '';
  if (socketCodes.has(code) || pgStates.has(code) || /^08/.test(code)) return true;
  if (e instanceof AggregateError && e.errors.some(isConnectionLost)) return true;
  return e instanceof Error && pgMessages.test(e.message);
}
