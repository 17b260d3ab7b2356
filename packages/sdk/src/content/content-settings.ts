import { guarded } from '../diag-guard.js';
import type { ContentSettings } from '../internal-types.js';
import { captureContentFromEnvironment } from './capture-content-flag.js';

let configured: ContentSettings | undefined;

/** Installed by setupTracing; returns the function that removes them again (if still current). */
export function installContentSettings(settings: ContentSettings): () => void {
  configured = settings;
  return () => {
    if (configured === settings) configured = undefined;
  };
}

/**
 * Settings for a span starting now. Without setupTracing (an app wiring OTel itself) the
 * environment decides; a bad value there can't throw into the app, so it means "off".
 */
export function currentContentSettings(): ContentSettings {
  return (
    configured ?? {
      capture: guarded('reading content capture settings', captureContentFromEnvironment) ?? false,
    }
  );
}
