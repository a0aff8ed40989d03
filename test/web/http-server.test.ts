import type { AddressInfo } from 'node:net';
import { Router } from 'express';
import { createHttpServer } from '../../src/web/http-server';
import { buildTestApp, type TestApp } from './harness';

describe('HTTP server', () => {
  let testApp: TestApp;
  const seen: boolean[] = [];

  beforeEach(() => {
    const router = Router();
    router.get('/prototypes', (req, res) => {
      seen.push(Object.getPrototypeOf(req) === testApp.app.request);
      seen.push(Object.getPrototypeOf(res) === testApp.app.response);
      res.json({ ok: true });
    });
    testApp = buildTestApp({ extraRouters: [router] });
  });

  afterEach(async () => {
    await testApp.close();
  });

  it("when a request arrives, then it and its response already have the app's prototypes and are served", async () => {
    const server = createHttpServer(testApp.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/prototypes`);
      expect(await response.json()).toEqual({ ok: true });
      expect(seen).toEqual([true, true]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
