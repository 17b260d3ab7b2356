import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-error.js';
import type { ModelPrice } from '../pricing/index.js';
import type { CliIo } from './cli-io.js';
import { runSubcommand } from './run-subcommand.js';
import { apiKeyHeaders } from './api-key-headers.js';
import { callCollectorApi, CollectorApiError } from './collector-api.js';
import { COLLECTOR_URL_OPTIONS, COLLECTOR_URL_USAGE, resolveCollectorUrl } from './collector-url.js';
import { renderTable } from './text-table.js';

const USAGE = `Usage: ragtrace prices <list|set|delete> [flags]

Shows and edits the model prices CostUsd is computed from, through a running collector.
Prices on the command line are USD per million tokens, as providers list them.
An edit applies to spans stored after it.

  ragtrace prices list [--provider P] [--model NAME] [--json]
      current prices; --model keeps the ones whose pattern matches NAME, best match first
  ragtrace prices set --provider P --model-pattern RE --input USD --output USD
                      [--cached-input USD] [--valid-from DATE] [--valid-to DATE] [--priority N]
      adds a price, or replaces the one with the same provider, pattern and --valid-from
      (RE is an RE2 expression matched against the whole model name, ignoring case;
      DATE is YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, UTC; --valid-from defaults to 1970-01-01)
  ragtrace prices delete --provider P --model-pattern RE [--valid-from DATE]

${COLLECTOR_URL_USAGE}

Exit status: 0 on success, 1 when the collector refuses the request, 2 when it cannot be
reached or the command line is wrong.
`;

const PER_MILLION = 1_000_000;
const PRICES_PATH = '/api/prices';

/** `ragtrace prices …`: resolves to the exit status. */
export async function runPricesCommand(argv: string[], io: CliIo): Promise<number> {
  try {
    return await runSubcommand(
      'ragtrace prices',
      'action',
      USAGE,
      { list: listPrices, set: setPrice, delete: deletePrice },
      argv,
      io,
    );
  } catch (error) {
    io.stderr(`ragtrace prices: ${(error as Error).message}\n`);
    return error instanceof CollectorApiError ? 1 : 2;
  }
}

async function listPrices(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      provider: { type: 'string' },
      model: { type: 'string' },
      json: { type: 'boolean' },
      ...COLLECTOR_URL_OPTIONS,
    },
    strict: true,
  });
  const { prices } = await callCollectorApi<{ prices: ModelPrice[] }>(
    resolveCollectorUrl(values, io.env),
    {
      method: 'GET',
      path: PRICES_PATH,
      query: { provider: values.provider, model: values.model },
    },
    apiKeyHeaders(io.env),
  );
  io.stdout(values.json ? `${JSON.stringify(prices, null, 2)}\n` : formatPriceTable(prices));
  return 0;
}

async function setPrice(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      provider: { type: 'string' },
      'model-pattern': { type: 'string' },
      input: { type: 'string' },
      output: { type: 'string' },
      'cached-input': { type: 'string' },
      'valid-from': { type: 'string' },
      'valid-to': { type: 'string' },
      priority: { type: 'string' },
      ...COLLECTOR_URL_OPTIONS,
    },
    strict: true,
  });
  const body = {
    provider: required(values.provider, '--provider'),
    modelPattern: required(values['model-pattern'], '--model-pattern'),
    inputPerToken: perToken(required(values.input, '--input'), '--input'),
    outputPerToken: perToken(required(values.output, '--output'), '--output'),
    cachedInputPerToken:
      values['cached-input'] === undefined ? undefined : perToken(values['cached-input'], '--cached-input'),
    validFrom: values['valid-from'],
    validTo: values['valid-to'],
    priority: values.priority === undefined ? undefined : integer(values.priority, '--priority'),
  };
  const { price } = await callCollectorApi<{ price: ModelPrice }>(
    resolveCollectorUrl(values, io.env),
    {
      method: 'PUT',
      path: PRICES_PATH,
      body,
    },
    apiKeyHeaders(io.env),
  );
  io.stdout(`stored:\n${formatPriceTable([price])}`);
  return 0;
}

async function deletePrice(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      provider: { type: 'string' },
      'model-pattern': { type: 'string' },
      'valid-from': { type: 'string' },
      ...COLLECTOR_URL_OPTIONS,
    },
    strict: true,
  });
  const provider = required(values.provider, '--provider');
  const modelPattern = required(values['model-pattern'], '--model-pattern');
  await callCollectorApi(
    resolveCollectorUrl(values, io.env),
    {
      method: 'DELETE',
      path: PRICES_PATH,
      query: { provider, modelPattern, validFrom: values['valid-from'] },
    },
    apiKeyHeaders(io.env),
  );
  io.stdout(`deleted the ${provider} price for ${modelPattern}\n`);
  return 0;
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '')
    throw new ConfigError(flag, '', 'a value (see ragtrace prices --help)');
  return value;
}

/** USD per million tokens on the command line, USD per token in the API. */
function perToken(raw: string, flag: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new ConfigError(flag, raw, 'USD per million tokens, a number of 0 or more');
  }
  return value / PER_MILLION;
}

function integer(raw: string, flag: string): number {
  if (!/^-?\d+$/.test(raw)) throw new ConfigError(flag, raw, 'an integer');
  return Number(raw);
}

/** One row per price, prices per million tokens and right-aligned, dates shortened when at midnight. */
function formatPriceTable(prices: readonly ModelPrice[]): string {
  const header = [
    'PROVIDER',
    'MODEL PATTERN',
    'INPUT/1M',
    'CACHED/1M',
    'OUTPUT/1M',
    'VALID FROM',
    'VALID TO',
    'PRIORITY',
    'SOURCE',
  ];
  const rows = prices.map((price) => [
    price.provider,
    price.modelPattern,
    perMillion(price.inputPerToken),
    price.cachedInputPerToken === null ? '-' : perMillion(price.cachedInputPerToken),
    perMillion(price.outputPerToken),
    shortDate(price.validFrom),
    price.validTo === null ? '-' : shortDate(price.validTo),
    String(price.priority),
    price.source,
  ]);
  return renderTable(header, rows, [
    'left',
    'left',
    'right',
    'right',
    'right',
    'left',
    'left',
    'right',
    'left',
  ]);
}

/** Undoes the per-token division without printing float noise such as 2.4999999999999996. */
function perMillion(perToken: number): string {
  return String(Number((perToken * PER_MILLION).toPrecision(12)));
}

function shortDate(iso: string): string {
  return iso.endsWith('T00:00:00Z') ? iso.slice(0, 10) : iso;
}
