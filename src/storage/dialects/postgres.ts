// The PostgreSQL side of the storage seam: a pg Pool whose int8 and numeric columns come back
// as numbers (our ids, counts and epoch-millisecond times all fit in 2^53), and a dedicated
// client for LISTEN/NOTIFY so instances can tell each other what changed.

import pg from 'pg';
import { PostgresDialect } from 'kysely';

const int8 = 20;
const numeric = 1700;

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === int8 || oid === numeric) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export interface PostgresHandle {
  readonly dialect: PostgresDialect;
  readonly pool: pg.Pool;
  /** Listens on `channel` with a client of its own; reconnects if the connection drops. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
}

export function createPostgresDialect(connectionString: string, options: { poolSize?: number } = {}): PostgresHandle {
  const pool = new pg.Pool({ connectionString, types, max: options.poolSize ?? 10 });
  // An idle client that loses its server emits 'error' on the pool; without a listener the
  // process would crash. The next query gets a fresh client.
  pool.on('error', (e) => console.error('postgres pool: idle client error:', e.message));
  // A client in use (inside a transaction, between statements) that loses its server emits
  // 'error' on itself, which would crash the process too. The statement that uses it next fails
  // instead (a connection error: 503), and the pool drops the client when it is released.
  pool.on('connect', (client) => client.on('error', (e) => console.error('postgres: client lost its connection:', e.message)));
  return {
    dialect: new PostgresDialect({ pool }),
    pool,
    async listen(channel, onMessage) {
      let client: pg.Client | undefined;
      let stopped = false;
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString, types });
        c.on('notification', (n) => {
          if (n.channel === channel && n.payload !== undefined) onMessage(n.payload);
        });
        c.on('error', () => {
          client = undefined;
          void c.end().catch(() => undefined);
          retry();
        });
        await c.connect();
        await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        client = c;
      };
      // Lost the server: keep trying each second. Messages missed meanwhile are covered by
      // telling the caller '*' (everything may have changed) once listening again.
      const retry = () => {
        if (stopped) return;
        setTimeout(() => {
          if (stopped) return;
          connect().then(
            () => onMessage('*'),
            () => retry(),
          );
        }, 1000).unref();
      };
      await connect();
      return async () => {
        stopped = true;
        await client?.end().catch(() => undefined);
      };
    },
  };
}

export const isPgUniqueViolation = (e: unknown): boolean => typeof e === 'object' && e !== null && 'code' in e && e.code === '23505';
