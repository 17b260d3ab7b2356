import type { Span } from '@opentelemetry/api';
import type { RagStage } from '@ragtrace/semconv';
import { guarded } from '../diag-guard.js';
import type { ContentSettings, PendingContent } from '../internal-types.js';

/**
 * Records one piece of content if capture is on, after the redact hook. A hook that throws drops
 * the content rather than recording it unredacted.
 */
export function writeContent(
  span: Span,
  stage: RagStage,
  settings: ContentSettings,
  content: PendingContent,
): void {
  if (!settings.capture) return;
  guarded(`recording ${content.attribute}`, () => {
    const serialized = content.serialize();
    if (serialized === undefined) return;
    const { attribute, kind } = content;
    const recorded = settings.redact ? settings.redact(serialized, { stage, kind, attribute }) : serialized;
    if (typeof recorded === 'string') span.setAttribute(attribute, recorded);
  });
}
