import { beginGenerate } from '@ragtrace/sdk';
import type { GenerateSpan } from '@ragtrace/sdk';
import { isAsyncIterable } from '@ragtrace/sdk';
import { followStainlessStream } from '@ragtrace/instrumentation-stainless';
import type {
  FailureReporter,
  ResponseObject,
  ResponseParams,
  ResponseStreamEvent,
  StartCall,
} from './internal-types.js';
import { recordResponse } from './response-recording.js';
import { responseGenerateOptions } from './responses-request.js';
import { serverAttributes } from './server-address.js';

/** The events that close a Response stream carry the whole Response, usage included. */
const FINAL_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

function responseEventObserver(span: GenerateSpan, report: FailureReporter): (value: unknown) => boolean {
  return (value) => {
    try {
      const event = value as ResponseStreamEvent;
      if (event.type === 'response.created' && event.response !== undefined) {
        span.setResponse({ id: event.response.id, model: event.response.model });
      } else if (event.type !== undefined && FINAL_EVENTS.has(event.type) && event.response !== undefined) {
        recordResponse(span, event.response);
      }
    } catch (error) {
      report('recording a stream event', error);
    }
    return true;
  };
}

/** `responses.create(body, options)` as a generate stage, streamed or not. */
export const startResponse: StartCall = (resource, args, { config, report }) => {
  const params = (args[0] ?? {}) as ResponseParams;
  const options = responseGenerateOptions(params, serverAttributes(resource));
  const stage = beginGenerate(options, { captureContent: config.captureContent });
  const settle = (value: unknown): void => {
    if (params.stream === true && isAsyncIterable(value)) {
      followStainlessStream(stage, value, responseEventObserver(stage.span, report));
      return;
    }
    recordResponse(stage.span, value as ResponseObject);
    stage.succeed();
  };
  return { stage, args, settle };
};
