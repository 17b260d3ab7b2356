import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ENV_GENAI_CAPTURE_CONTENT, ENV_RAGTRACE_CAPTURE_CONTENT } from '../setup/environment-variables.js';
import { withEnvironment } from '../test-support/environment.js';
import { currentContentSettings, installContentSettings } from './content-settings.js';

const UNSET = { [ENV_GENAI_CAPTURE_CONTENT]: undefined, [ENV_RAGTRACE_CAPTURE_CONTENT]: undefined };

describe('content settings without setupTracing', () => {
  it('follow the environment, off when it says nothing', async () => {
    await withEnvironment(UNSET, () => assert.equal(currentContentSettings().capture, false));
    await withEnvironment({ ...UNSET, [ENV_GENAI_CAPTURE_CONTENT]: 'TRUE' }, () =>
      assert.equal(currentContentSettings().capture, true),
    );
  });

  it('treat an unrecognised environment value as off instead of throwing into the app', async () => {
    await withEnvironment({ ...UNSET, [ENV_RAGTRACE_CAPTURE_CONTENT]: 'maybe' }, () =>
      assert.equal(currentContentSettings().capture, false),
    );
  });

  it('give way to installed settings until those are uninstalled', async () => {
    await withEnvironment(UNSET, () => {
      const uninstall = installContentSettings({ capture: true });
      assert.equal(currentContentSettings().capture, true);
      uninstall();
      assert.equal(currentContentSettings().capture, false);
    });
  });
});
