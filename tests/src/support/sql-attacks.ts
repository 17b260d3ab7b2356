/**
 * Crafted `/clickhouse` requests that try to get a read-only, project-scoped caller out of its
 * project or onto the collector host's files. Each is a class of bypass seen against a
 * home-made SQL reader, or a door the engine opens that a checker's author may not think of:
 * statement smuggling through the lexer's corners (Unicode quotes, hex literals and comments,
 * nested comments, heredocs, escapes), settings in the URL, in form fields and in SETTINGS
 * clauses, file-touching formats, table functions and functions, system tables, parameters.
 */
export interface SqlAttack {
  name: string;
  /** The SQL text, sent as the POST body unless `queryParameter` says otherwise. */
  sql: string;
  /** Other URL parameters: settings, `param_*`, `database`, `default_format`. */
  parameters?: Record<string, string>;
  headers?: Record<string, string>;
  /** Sent as GET with `?query=` (ClickHouse's read-only method). */
  get?: boolean;
  /** The query parameter, read with the body after it as one text, as ClickHouse does. */
  queryParameter?: string;
  /** Sent as multipart/form-data fields, as @clickhouse/client's use_multipart_params does. */
  formFields?: Record<string, string>;
  /** It tries to read or write a file: also tried with auth off, where it matters most. */
  touchesFiles: boolean;
}

export interface AttackTargets {
  /** A file outside the data dir whose content must never appear in a response. */
  canary: string;
  /** A fresh path outside the data dir for an attack to try to write. */
  target(): string;
  /** The collector's key file, which an attack would overwrite to mint itself a key. */
  keysFile: string;
}

/** Statements hidden after a first one, each trying what a second statement could do. */
function payloads(files: AttackTargets): Array<{ name: string; sql: string; touchesFiles: boolean }> {
  return [
    {
      name: 'lift the filters, then read every project',
      sql: "SET additional_table_filters = '{}'; SELECT SpanName FROM otel.otel_traces",
      touchesFiles: false,
    },
    { name: 'read all spans', sql: 'SELECT SpanName FROM otel.otel_traces', touchesFiles: false },
    {
      name: 'read the lookup table',
      sql: 'SELECT toString(Start) FROM otel.otel_traces_trace_id_ts',
      touchesFiles: false,
    },
    {
      name: 'read a host file as a table',
      sql: `SELECT * FROM file('${files.canary}', 'LineAsString')`,
      touchesFiles: true,
    },
    { name: 'read a host file as a value', sql: `SELECT file('${files.canary}')`, touchesFiles: true },
    {
      name: 'write a host file',
      sql: `INSERT INTO FUNCTION file('${files.target()}', 'TSV', 's String') SELECT SpanName FROM otel.otel_traces`,
      touchesFiles: true,
    },
    {
      name: 'write INTO OUTFILE',
      sql: `SELECT SpanName FROM otel.otel_traces INTO OUTFILE '${files.target()}'`,
      touchesFiles: true,
    },
    {
      name: 'overwrite the key file',
      sql: `INSERT INTO FUNCTION file('${files.keysFile}', 'RawBLOB', 'raw String') SELECT '{"keys":[]}'`,
      touchesFiles: true,
    },
  ];
}

/** Ways to make a second statement look like part of the first to a reader that is not the engine. */
const HIDERS: ReadonlyArray<{ name: string; wrap: (payload: string) => string }> = [
  { name: 'plain', wrap: (p) => `SELECT 1; ${p}` },
  { name: 'Unicode single quotes', wrap: (p) => `SELECT ‘a’; ${p}` },
  { name: 'Unicode double quotes', wrap: (p) => `SELECT “a”; ${p}` },
  { name: 'Unicode quote closing an ASCII one', wrap: (p) => `SELECT 'a’; ${p} --'` },
  { name: 'Unicode quotes around an ASCII one', wrap: (p) => `SELECT ‘it's’; ${p} --'` },
  { name: 'Unicode double quotes around an ASCII one', wrap: (p) => `SELECT 1 AS “a"b”; ${p} --"` },
  { name: 'hex literal then -- before a quote', wrap: (p) => `SELECT 0x1e--'\n; ${p} --'` },
  { name: 'hex exponent-looking literal before a quote', wrap: (p) => `SELECT 0x1p--'\n; ${p} --'` },
  { name: 'ASCII quote inside Unicode ones', wrap: (p) => `SELECT ‘a'’; ${p}` },
  { name: 'hex literal then --', wrap: (p) => `SELECT 0x1e--; ${p}` },
  { name: 'hex literal then -- and newline', wrap: (p) => `SELECT 0x1e--\n; ${p}` },
  { name: 'exponent-looking literal', wrap: (p) => `SELECT 1e--1\n; ${p}` },
  { name: 'block comment', wrap: (p) => `SELECT 1 /* ; */ ; ${p}` },
  { name: 'nested block comment', wrap: (p) => `SELECT 1 /* /* */ ; ${p} */` },
  { name: 'line comment ended by CR', wrap: (p) => `SELECT 1 -- x\r; ${p}` },
  { name: 'hash comment', wrap: (p) => `SELECT 1 # x\n; ${p}` },
  { name: 'heredoc', wrap: (p) => `SELECT $$ ; $$; ${p}` },
  { name: 'tagged heredoc with a quote', wrap: (p) => `SELECT $a$ ' $a$; ${p}` },
  { name: 'backslash-escaped quote', wrap: (p) => `SELECT 'a\\'; ${p} --'` },
  { name: 'doubled quote', wrap: (p) => `SELECT 'it''s'; ${p}` },
  { name: 'escaped backquote', wrap: (p) => `SELECT 1 AS \`a\\\`; ${p} --\`` },
  { name: 'double-quoted identifier', wrap: (p) => `SELECT 1 AS "a"";"; ${p}` },
  { name: 'zero-width space and BOM', wrap: (p) => `\uFEFFSELECT 1\u200B; ${p}` },
  { name: 'line separator in a comment', wrap: (p) => `SELECT 1 -- x\u2028; ${p}` },
  { name: 'WITH, then INSERT', wrap: (p) => `WITH 1 AS n SELECT n; ${p}` },
];

/** Single statements that read or write outside the caller's project or the collector's tables. */
function singleStatements(files: AttackTargets): SqlAttack[] {
  const canary = files.canary;
  const file = (sql: string, name = sql): SqlAttack => ({ name, sql, touchesFiles: true });
  const data = (sql: string, name = sql): SqlAttack => ({ name, sql, touchesFiles: false });
  const tableFunctions = [
    `file('${canary}', 'LineAsString')`,
    `fileCluster('default', '${canary}', 'LineAsString')`,
    `url('http://127.0.0.1:9/', 'LineAsString')`,
    `s3('http://127.0.0.1:9/b/k', 'LineAsString')`,
    `remote('127.0.0.1', otel.otel_traces)`,
    `remoteSecure('127.0.0.1', otel.otel_traces)`,
    `cluster('default', otel, otel_traces)`,
    `clusterAllReplicas('default', otel, otel_traces)`,
    `merge('otel', '^otel_traces$')`,
    `merge(REGEXP('^o'), '^otel_traces$')`,
    `loop(otel, otel_traces)`,
    `input('s String')`,
    `executable('cat ${canary}', 'LineAsString', 's String')`,
    `dictionary('otel.none')`,
    `mysql('127.0.0.1:9', 'd', 't', 'u', 'p')`,
    `postgresql('127.0.0.1:9', 'd', 't', 'u', 'p')`,
    `sqlite('${canary}', 't')`,
    `hdfs('hdfs://127.0.0.1:9/x', 'LineAsString')`,
    `iceberg('${canary}')`,
    `deltaLake('${canary}')`,
    `azureBlobStorage('http://127.0.0.1:9', 'c', 'b')`,
    `format('LineAsString', (SELECT file('${canary}')))`,
  ];
  return [
    ...tableFunctions.map((from) => file(`SELECT * FROM ${from}`)),
    file(`SELECT * FROM (SELECT * FROM file('${canary}', 'LineAsString'))`),
    file(`WITH t AS (SELECT * FROM file('${canary}', 'LineAsString')) SELECT * FROM t`),
    file(`SELECT * FROM view(SELECT file('${canary}'))`),
    file(`SELECT 1 WHERE 'x' IN (SELECT * FROM file('${canary}', 'LineAsString'))`),
    file(`SELECT * FROM numbers(1) AS n JOIN file('${canary}', 'LineAsString') AS f ON 1`),
    file(`SELECT (SELECT file('${canary}'))`),
    file(`SELECT FILE('${canary}')`),
    file(`SELECT arrayMap(p -> file(p), ['${canary}'])`),
    file(`WITH p -> file(p) AS f SELECT f('${canary}')`),
    file(`SELECT arrayJoin([file('${canary}')])`),
    file(`SELECT COLUMNS('p') APPLY(file) FROM (SELECT '${canary}' AS p)`),
    file(`SELECT * APPLY file FROM (SELECT '${canary}' AS p)`),
    file(`SELECT catboostEvaluate('${canary}', 1)`),
    file(`SELECT 1 INTO OUTFILE '${files.target()}' AND STDOUT`),
    file(`SELECT 1 INTO OUTFILE '${files.target()}' COMPRESSION 'gzip'`),
    file(`DESCRIBE TABLE file('${canary}', 'LineAsString')`),
    file(`DESCRIBE (SELECT file('${canary}'))`),
    file(`SHOW TABLES INTO OUTFILE '${files.target()}'`),
    file(`EXPLAIN SELECT 1 INTO OUTFILE '${files.target()}'`),
    file(
      `EXPLAIN PIPELINE INSERT INTO FUNCTION file('${files.target()}', 'TSV', 'n UInt8') SELECT 1`,
      'EXPLAIN PIPELINE INSERT',
    ),
    file(`WITH 1 AS n INSERT INTO FUNCTION file('${files.target()}', 'TSV', 'n UInt8') SELECT n`),
    file(`BACKUP TABLE otel.otel_traces TO File('${files.target()}')`),
    file(`SELECT 1 FORMAT Template`),
    file(`SELECT 1 FORMAT template`),
    file('SELECT 1 FORMAT `Template`'),
    file(`SELECT 1 FORMAT Protobuf`),
    file(`SELECT 1 FORMAT CapnProto`),
    file(`SELECT 1 FORMAT CustomSeparated`),
    data(`SELECT dictGet('otel.none', 'x', 1)`),
    data(`SELECT joinGet('otel.none', 'x', 1)`),
    data(`SELECT getClientHTTPHeader('authorization')`),
    data(`SELECT getServerSetting('path')`),
    data(`SELECT getMacro('shard')`),
    data(`SELECT showCertificate()`),
    data(`SELECT filesystemAvailable()`),
    data(`SELECT aiGenerate('hi')`),
    data('SELECT query FROM system.query_log'),
    data('SELECT query FROM system.processes'),
    data('SELECT * FROM system.parts'),
    data('SELECT * FROM system.settings'),
    data('SELECT * FROM system.users'),
    data('SELECT * FROM system.grants'),
    data('SELECT * FROM system.stack_trace'),
    data('SELECT * FROM system.zookeeper'),
    data('SELECT * FROM otel.otel_traces_trace_id_ts_mv'),
    data('SELECT * FROM otel.genai_spans_mv'),
    data('SELECT * FROM “otel”.“genai_spans_mv”'),
    data('SELECT * FROM `otel`.`otel_traces_trace_id_ts_mv`'),
    data('SELECT * FROM "system"."query_log"'),
    data("SELECT 1 WHERE 'x' IN otel.otel_traces_trace_id_ts"),
    data("SELECT 1 WHERE 'x' GLOBAL IN otel_traces"),
    data('SELECT SpanName FROM otel_traces SETTINGS additional_table_filters = {}'),
    data('SELECT * FROM (SELECT SpanName FROM otel_traces SETTINGS additional_table_filters = {})'),
    data(
      'WITH t AS (SELECT SpanName FROM otel_traces SETTINGS additional_table_filters = {}) SELECT * FROM t',
    ),
    data('SELECT * FROM view(SELECT SpanName FROM otel.otel_traces SETTINGS additional_table_filters = {})'),
    data("SELECT 1 WHERE 'x' IN (SELECT SpanName FROM otel_traces SETTINGS additional_table_filters = {})"),
    data("SELECT SpanName FROM otel_traces SETTINGS compatibility = '24.1'"),
    data('SELECT SpanName FROM otel_traces SETTINGS enable_analyzer = 0'),
    data('SELECT SpanName FROM otel_traces SETTINGS readonly = 0'),
    data("SELECT getClientHTTPHeader('authorization') SETTINGS allow_get_client_http_header = 1"),
    data('EXPLAIN json = 1 SELECT SpanName FROM otel_traces'),
    data('EXPLAIN SYNTAX SELECT SpanName FROM otel_traces'),
    data('KILL QUERY WHERE 1'),
    data('SYSTEM STOP MERGES'),
    data('SYSTEM RELOAD CONFIG'),
    data('SYSTEM DROP QUERY CACHE'),
    data('OPTIMIZE TABLE otel.otel_traces FINAL'),
    data(`INSERT INTO otel.otel_traces (SpanName) VALUES ('attacker')`),
    data(`INSERT INTO otel.otel_traces_trace_id_ts (TraceId) VALUES ('x')`),
    data('CREATE TABLE otel.attacker (n UInt8) ENGINE = Memory'),
    data('CREATE VIEW otel.attacker AS SELECT * FROM otel.otel_traces'),
    data('DROP TABLE otel.genai_runs'),
    data('DETACH TABLE otel.otel_traces'),
    data('ALTER TABLE otel.otel_traces DELETE WHERE 1'),
    data('TRUNCATE TABLE otel.otel_logs'),
    data('DELETE FROM otel.otel_traces WHERE 1'),
    data('CHECK TABLE otel.otel_traces'),
    data("SET additional_table_filters = '{}'"),
    data('USE system'),
    data('GRANT ALL ON *.* TO default'),
    data('SHOW PROCESSLIST'),
    data("SHOW SETTINGS LIKE '%filter%'"),
    data('SHOW GRANTS'),
    data('SHOW USERS'),
    data('SHOW MERGES'),
    data('SHOW DICTIONARIES'),
    data('SHOW CREATE TABLE otel.otel_traces_trace_id_ts_mv'),
  ];
}

/** Settings in the URL, form fields and headers, including those that name files. */
function requestSettings(files: AttackTargets): SqlAttack[] {
  const spans = 'SELECT SpanName FROM otel_traces';
  const setting = (parameters: Record<string, string>, touchesFiles = false, sql = spans): SqlAttack => ({
    name: `?${new URLSearchParams(parameters).toString()}`,
    sql,
    parameters,
    touchesFiles,
  });
  return [
    setting({ default_format: 'Template', format_template_row: files.canary }, true),
    setting({ default_format: 'Template', format_template_resultset: files.canary }, true),
    setting({ default_format: 'Template', format_template_row_format: '${0:Raw}' }, true),
    setting({ default_format: 'Protobuf', output_format_schema: files.target() }, true),
    setting({ default_format: 'Protobuf', format_schema: `${files.canary}:Message` }, true),
    setting({ default_format: 'CapnProto', format_schema: `${files.canary}:Message` }, true),
    setting({ output_format_schema: files.target() }, true, `${spans} FORMAT Protobuf`),
    setting({ format_template_row: files.canary }, true, `${spans} FORMAT Template`),
    setting({ default_format: 'CustomSeparated', format_custom_row_before_delimiter: 'x' }),
    setting({ compatibility: '24.1' }),
    setting({ enable_analyzer: '0' }),
    setting({ allow_experimental_analyzer: '0' }),
    setting({ additional_table_filters: '{}' }),
    setting({ Additional_Table_Filters: '{}' }),
    setting({ additional_result_filter: '1' }),
    setting({ use_query_cache: '1' }),
    setting({ enable_reads_from_query_cache: '1' }),
    setting({ readonly: '0' }),
    setting({ max_execution_time: '0' }),
    setting({ max_memory_usage: '0' }),
    setting({ max_result_bytes: '0' }),
    setting({ max_execution_time: '999999999' }),
    setting({ allow_get_client_http_header: '1' }, false, "SELECT getClientHTTPHeader('authorization')"),
    setting({
      log_comment: "x'; SELECT SpanName FROM otel.otel_traces SETTINGS additional_table_filters = {} --",
    }),
    setting({ log_comment: 'x\\' }),
    setting({ log_comment: 'x\n--additional_table_filters={}' }),
    setting({ session_timezone: "UTC'; SELECT 1" }),
    setting({ param_t: 'otel.otel_traces_trace_id_ts_mv' }, false, 'SELECT * FROM {t:Identifier}'),
    setting({ param_t: 'system.query_log' }, false, 'SELECT * FROM {t:Identifier}'),
    setting({ param_t: `file('${files.canary}')` }, true, 'SELECT * FROM {t:Identifier}'),
    setting({ param_t: '`otel`.`genai_spans_mv`' }, false, 'SELECT * FROM {t:Identifier}'),
    setting({ param_f: 'file' }, true, `SELECT {f:Identifier}('${files.canary}')`),
    setting({ param_s: "x'); SELECT file('/etc/passwd') --" }, false, 'SELECT {s:String}'),
    setting({ param_s: 'x\u0000; SELECT 1' }, false, 'SELECT {s:String}'),
    setting({ 'param_x; DROP TABLE otel.otel_traces': '1' }, false, 'SELECT 1'),
    setting({ database: 'system' }, false, 'SELECT query FROM query_log'),
    setting({ database: 'system' }, false, 'SELECT * FROM parts'),
    setting({ database: '`otel`' }),
    setting({ database: 'default' }),
    {
      name: 'X-ClickHouse-Database: system',
      sql: 'SELECT query FROM processes',
      headers: { 'X-ClickHouse-Database': 'system' },
      touchesFiles: false,
    },
    {
      name: 'X-ClickHouse-Format: Template with a row file',
      sql: spans,
      headers: { 'X-ClickHouse-Format': 'Template' },
      parameters: { format_template_row: files.canary },
      touchesFiles: true,
    },
    {
      name: 'settings as form fields',
      sql: '',
      formFields: { query: spans, additional_table_filters: '{}' },
      touchesFiles: false,
    },
    {
      name: 'file-naming settings as form fields',
      sql: '',
      formFields: { query: spans, default_format: 'Template', format_template_row: files.canary },
      touchesFiles: true,
    },
  ];
}

/** Every attack: hidden statements (POSTed, via GET and split across parameter and body), then the rest. */
export function sqlAttacks(files: AttackTargets): SqlAttack[] {
  const hidden = payloads(files).flatMap((payload) =>
    HIDERS.map((hider): SqlAttack => ({
      name: `${hider.name}: ${payload.name}`,
      sql: hider.wrap(payload.sql),
      touchesFiles: payload.touchesFiles,
    })),
  );
  const viaGet = payloads(files).map((payload): SqlAttack => ({
    name: `GET: ${payload.name}`,
    sql: `SELECT ‘a’; ${payload.sql}`,
    get: true,
    touchesFiles: payload.touchesFiles,
  }));
  const split = payloads(files).map((payload): SqlAttack => ({
    name: `split between parameter and body: ${payload.name}`,
    queryParameter: 'SELECT 1',
    sql: `; ${payload.sql}`,
    touchesFiles: payload.touchesFiles,
  }));
  return [...hidden, ...viaGet, ...split, ...singleStatements(files), ...requestSettings(files)];
}
