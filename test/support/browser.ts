// Browser tests: Debian's Chromium driven by playwright-core (`npx playwright install` has no
// place here), and a real Dateline listening on a free port of 127.0.0.1.

import type { TestContext } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { commentId } from '../../src/domain/ids.ts';
import { buildTestApp, type TestAppOptions } from './build-test-app.ts';

export const chromiumPath = process.env.DATELINE_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * buildTestApp(t) listening on a real port. The app (and with it the server) is closed when
 * the test ends; Fastify drops idle keep-alive connections, so open browser contexts do not
 * hold the close up.
 */
export async function startTestServer(t: TestContext, options: TestAppOptions = {}) {
  const testApp = await buildTestApp(t, options);
  await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  const address = testApp.app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the test server has no port');
  const baseUrl = `http://127.0.0.1:${address.port}`;

  /** A moderator approves a comment (as the admin area will). */
  const approve = (id: number) => testApp.dateline.services.moderateComment({ commentId: commentId(id), action: 'approve', actor: 'test' });

  return { ...testApp, baseUrl, approve };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;
