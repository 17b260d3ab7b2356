import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
  isWrapped,
} from '@opentelemetry/instrumentation';
import { followStainlessStream, observeApiPromise } from '@ragtrace/instrumentation-stainless';
import { beginGenerate, callInBegunStage, isAsyncIterable } from '@ragtrace/sdk';
import type { BegunCall } from '@ragtrace/sdk';
import { generateOptionsOf } from './generate-options.js';
import type {
  AnthropicCreateParams,
  AnthropicMessage,
  AnthropicModuleExports,
  CreateMethod,
  MessagesPrototype,
} from './internal-types.js';
import { recordMessage } from './message-recording.js';
import { MessageStreamRecorder } from './stream-recording.js';
import type { AnthropicInstrumentationConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

/** Tested with 0.30.1 (the oldest claimed) and 1.14.0 (the newest). */
const SUPPORTED_VERSIONS = ['>=0.30.0 <2'];

function messagesPrototypeOf(moduleExports: AnthropicModuleExports): MessagesPrototype | undefined {
  const messages =
    moduleExports.Anthropic?.Messages ?? moduleExports.default?.Messages ?? moduleExports.Messages;
  return typeof messages?.prototype?.create === 'function' ? messages.prototype : undefined;
}

/**
 * Makes every `client.messages.create(...)` a generate stage span — including the calls that
 * `messages.stream()` (MessageStream) and, in 1.x, `messages.parse()` make through it — and
 * hands back the SDK's own `APIPromise` and `Stream` objects.
 */
export class AnthropicInstrumentation extends InstrumentationBase<AnthropicInstrumentationConfig> {
  constructor(config: AnthropicInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  protected init(): InstrumentationNodeModuleDefinition {
    return new InstrumentationNodeModuleDefinition(
      '@anthropic-ai/sdk',
      SUPPORTED_VERSIONS,
      (moduleExports: AnthropicModuleExports) => {
        this.patch(moduleExports);
        return moduleExports;
      },
      (moduleExports: AnthropicModuleExports | undefined) => {
        const prototype = moduleExports && messagesPrototypeOf(moduleExports);
        if (prototype !== undefined && isWrapped(prototype.create)) this._unwrap(prototype, 'create');
      },
    );
  }

  /** Patches a module object the app loaded itself (a bundle, or a second copy under an alias). */
  manuallyInstrument(moduleExports: unknown): void {
    this.patch(moduleExports as AnthropicModuleExports);
  }

  private patch(moduleExports: AnthropicModuleExports): void {
    const prototype = messagesPrototypeOf(moduleExports);
    if (prototype === undefined) {
      this._diag.warn('no Messages class in @anthropic-ai/sdk: messages are not instrumented');
      return;
    }
    if (isWrapped(prototype.create)) this._unwrap(prototype, 'create');
    this._wrap(prototype, 'create', (original) => this.instrumentedCreate(original));
  }

  private instrumentedCreate(original: CreateMethod): CreateMethod {
    const begin = (params: unknown): BegunCall => this.begin(params);
    const reportBeginFailure = (error: unknown): void =>
      this._diag.error('starting a generate stage failed', error);
    // A function, not an arrow: `this` must stay the SDK's Messages instance.
    return function create(this: unknown, ...args: unknown[]): unknown {
      return callInBegunStage(
        () => begin(args[0]),
        () => original.apply(this, args),
        reportBeginFailure,
      );
    };
  }

  /** Throws when the params can't be read: the call then runs un-instrumented. */
  private begin(params: unknown): BegunCall {
    const request = (params ?? {}) as AnthropicCreateParams;
    const streaming = request.stream === true;
    const recorder = streaming ? new MessageStreamRecorder() : undefined;
    const stage = beginGenerate(generateOptionsOf(request, recorder?.onChunk), {
      captureContent: this.getConfig().captureContent,
    });
    const settle = (value: unknown): void => {
      if (streaming && isAsyncIterable(value)) {
        // Events are recorded by the recorder's onChunk; every one of them reaches the app.
        followStainlessStream(stage, value);
        return;
      }
      recordMessage(stage.span, value as AnthropicMessage);
      stage.succeed();
    };
    // The APIPromise reads its body only when the app asks: observe it without reading early.
    return { stage, settle, observe: observeApiPromise };
  }
}
