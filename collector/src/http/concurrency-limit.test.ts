import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { concurrencyLimit } from './concurrency-limit.js';
import { errorStatus } from './error-status.js';
import { RequestSlots } from './request-slots.js';

describe('concurrencyLimit', () => {
  let errorMessage = '';
  function appWithGate(max: number) {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const app = new Hono();
    app.post('/slow', concurrencyLimit(new RequestSlots(max, 'requests')), async (c) => {
      await gate;
      return c.text('done');
    });
    app.onError((error, c) => {
      const { status, retryAfterSeconds, message } = errorStatus(error);
      errorMessage = message;
      return c.text(String(retryAfterSeconds), status);
    });
    return { app, release };
  }

  it('refuses at once with 429 + Retry-After above the limit, and admits again once a slot frees', async () => {
    const { app, release } = appWithGate(2);
    const first = app.request('/slow', { method: 'POST' });
    const second = app.request('/slow', { method: 'POST' });
    const refused = await app.request('/slow', { method: 'POST' });
    assert.equal(refused.status, 429);
    assert.equal(await refused.text(), '1');
    assert.match(errorMessage, /more than 2 requests in flight/);
    release();
    assert.equal((await first).status, 200);
    assert.equal((await second).status, 200);
    assert.equal((await app.request('/slow', { method: 'POST' })).status, 200);
  });

  it('frees the slot when the handler fails', async () => {
    const app = new Hono();
    const limit = concurrencyLimit(new RequestSlots(1, 'requests'));
    app.post('/fail', limit, () => {
      throw new Error('boom');
    });
    app.post('/ok', limit, (c) => c.text('ok'));
    assert.equal((await app.request('/fail', { method: 'POST' })).status, 500);
    assert.equal((await app.request('/ok', { method: 'POST' })).status, 200);
  });
});
