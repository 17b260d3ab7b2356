import { beginGenerate } from '@ragtrace/sdk';
import { recordChatCompletion } from './chat-completion-recording.js';
import { messagesCharacters } from './chat-messages.js';
import { chatGenerateOptions } from './chat-request.js';
import { ChatStreamRecorder } from './chat-stream-recorder.js';
import { isAsyncIterable } from '@ragtrace/sdk';
import { followStainlessStream } from '@ragtrace/instrumentation-stainless';
import type { ChatCompletion, ChatCompletionParams, StartCall } from './internal-types.js';
import { serverAttributes } from './server-address.js';

/** `chat.completions.create(body, options)` as a generate stage, streamed or not. */
export const startChatCompletion: StartCall = (resource, args, { config, report }) => {
  const params = (args[0] ?? {}) as ChatCompletionParams;
  const streaming = params.stream === true;
  const usageRequested = params.stream_options?.include_usage === true;
  const options = chatGenerateOptions(params, serverAttributes(resource));
  const stage = beginGenerate(options, { captureContent: config.captureContent });
  // Only a recording span can hide the usage chunk again: an inactive stage (e.g. under a LangChain
  // model run, which records the call itself) or an unsampled span leaves the request as the app made it.
  const hideUsage =
    streaming && !usageRequested && config.requestStreamUsage === true && stage.span.span.isRecording();
  // A copy: the app's params object is never modified.
  const callArgs = hideUsage
    ? [{ ...params, stream_options: { ...params.stream_options, include_usage: true } }, ...args.slice(1)]
    : args;
  const settle = (value: unknown): void => {
    if (streaming && isAsyncIterable(value)) {
      const estimate = !usageRequested && !hideUsage;
      const recorder = new ChatStreamRecorder(
        stage.span,
        {
          estimateFromInputCharacters: estimate ? messagesCharacters(options.messages ?? []) : undefined,
          hideUsage,
        },
        report,
      );
      followStainlessStream(stage, value, recorder.observe);
      return;
    }
    recordChatCompletion(stage.span, value as ChatCompletion);
    stage.succeed();
  };
  return { stage, args: callArgs, settle };
};
