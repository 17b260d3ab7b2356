import { context, trace } from '@opentelemetry/api';
import { InstrumentationBase, InstrumentationNodeModuleDefinition } from '@opentelemetry/instrumentation';

type Create = (this: unknown, ...args: unknown[]) => PromiseLike<unknown>;
interface ResourceClass {
  readonly prototype: { create: Create };
}
interface OpenAIModule {
  readonly OpenAI: {
    readonly Chat: { readonly Completions: ResourceClass };
    readonly Embeddings: ResourceClass;
  };
}

/**
 * The benchmark's floor: the least an OTel instrumentation of these calls can do — one span per
 * `create`, active while the call runs (so HTTP spans would nest under it) and ended when its
 * promise settles — with one attribute, no response, usage or stream recording. Whatever it
 * costs, every instrumentation that makes one span per call through the OTel SDK pays too.
 */
export class SpanFloorInstrumentation extends InstrumentationBase {
  constructor() {
    super('ragtrace-bench-span-floor', '0.0.0', {});
  }

  protected init(): InstrumentationNodeModuleDefinition {
    return new InstrumentationNodeModuleDefinition('openai', ['*'], (moduleExports: OpenAIModule) => {
      const { Chat, Embeddings } = moduleExports.OpenAI;
      this._wrap(Chat.Completions.prototype, 'create', (original: Create) => this.spanned('chat', original));
      this._wrap(Embeddings.prototype, 'create', (original: Create) => this.spanned('embeddings', original));
      return moduleExports;
    });
  }

  private spanned(operation: string, original: Create): Create {
    const tracer = this.tracer;
    return function create(this: unknown, ...args: unknown[]) {
      const span = tracer.startSpan(operation, { attributes: { 'gen_ai.operation.name': operation } });
      const result = context.with(trace.setSpan(context.active(), span), () => original.apply(this, args));
      result.then(
        () => span.end(),
        () => span.end(),
      );
      return result;
    };
  }
}
