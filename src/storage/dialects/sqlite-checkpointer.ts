// Moves SQLite's WAL checkpoints off the event loop. By default the connection that commits
// copies the write-ahead log back into the database file (and fsyncs it) every 1,000 pages,
// inside that COMMIT: under a stream of comments that stalls every request of the process for
// the copy. Here the server's connection never checkpoints; a worker thread with its own
// connection runs a PASSIVE checkpoint (which never waits for, nor blocks, the writer) a few
// times a second. If the worker cannot run, the connection checkpoints for itself again.

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

const intervalMs = 250;

// Plain CommonJS run by the worker: its own connection, a timer, and a clean close on 'stop'.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => checkpoint.run(), workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Ends the worker (its connection closed) before the server's own connection closes. */
  stop(): Promise<void>;
}

export function startCheckpointer(connection: SQLite.Database, filename: string): Checkpointer | null {
  // An in-memory or temporary database has no file another connection could open.
  if (filename === '' || filename === ':memory:' || connection.pragma('journal_mode', { simple: true }) !== 'wal') return null;
  const worker = new Worker(workerSource, { eval: true, workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), filename, intervalMs } });
  worker.unref();
  connection.pragma('wal_autocheckpoint = 0');
  let running = true;
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      running = false;
      resolve();
    });
  });
  worker.once('error', (e) => {
    // Back to SQLite's own checkpoints in the committing connection: slower, never unbounded.
    if (connection.open) connection.pragma('wal_autocheckpoint = 1000');
    console.error('dateline: the SQLite checkpoint worker stopped; checkpoints run in the server thread again', e);
  });
  return {
    async stop() {
      if (running) {
        worker.ref(); // the process waits for its connection to close
        worker.postMessage('stop');
      }
      await exited;
    },
  };
}
