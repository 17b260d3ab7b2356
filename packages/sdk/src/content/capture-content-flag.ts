import { ConfigurationError } from '../configuration-error.js';
import {
  ENV_GENAI_CAPTURE_CONTENT,
  ENV_RAGTRACE_CAPTURE_CONTENT,
  readEnvironment,
} from '../setup/environment-variables.js';

/**
 * Besides true/false, the OTel GenAI utilities accept capture *modes* in the same variable; the
 * ones that put content on spans turn capture on, so a shared environment means the same thing
 * to every instrumentation in the process.
 */
const FLAG_VALUES: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  span_only: true,
  span_and_event: true,
  event_only: false,
  no_content: false,
};
const ACCEPTED = `one of ${Object.keys(FLAG_VALUES)
  .map((value) => `'${value}'`)
  .join(', ')} (any case)`;

/**
 * Whether the environment asks for content capture (either variable saying yes is enough).
 * @throws ConfigurationError for a value that is neither a boolean nor a known capture mode.
 */
export function captureContentFromEnvironment(): boolean {
  return [ENV_GENAI_CAPTURE_CONTENT, ENV_RAGTRACE_CAPTURE_CONTENT].some((variable) => {
    const value = readEnvironment(variable);
    if (value === undefined) return false;
    const flag = FLAG_VALUES[value.toLowerCase()];
    if (flag === undefined) throw new ConfigurationError(variable, value, ACCEPTED);
    return flag;
  });
}
