/**
 * Function categories (ClickHouse's `system.functions.categories`) whose functions compute
 * from their arguments alone. Left out: Dictionary and Embedded Dictionary (data read by name,
 * outside the project filters), AI (calls out to a model service), Machine Learning (models
 * loaded from the server's files), Introspection, Internal, and Other — a mixed bag from
 * which the harmless ones are named below. A category a newer engine adds is refused until
 * it is listed here.
 */
export const COMPUTING_CATEGORIES: ReadonlySet<string> = new Set([
  'Aggregate Functions',
  'Arithmetic',
  'Arrays',
  'Bit',
  'Bitmap',
  'Comparison',
  'Conditional',
  'Dates and Times',
  'Distance',
  'Encoding',
  'Encryption',
  'Financial',
  'Geo',
  'Geo Polygon',
  'Hash',
  'IP Address',
  'JSON',
  'Logical',
  'Map',
  'Mathematical',
  'Null',
  'NumericIndexedVector',
  'QBit',
  'Random Number',
  'Rounding',
  'String',
  'String Replacement',
  'String Search',
  'String Splitting',
  'Time Series',
  'Time Window',
  'Tuple',
  'Type Conversion',
  'URL',
  'UUID',
]);

/**
 * Functions of the category Other that only compute or describe the query itself (its own
 * settings included). Not here,
 * for instance: `file` (reads the host's files), `joinGet` (a Join table by name),
 * `getClientHTTPHeader`, `getServerSetting`, `getMacro`, `filesystem*`, `showCertificate`,
 * `catboostEvaluate`, `generateSerialID` (writes to Keeper).
 */
export const COMPUTING_OTHER_FUNCTIONS: ReadonlySet<string> = new Set([
  'bar',
  'blockNumber',
  'blockSize',
  'byteSize',
  'countDigits',
  'currentDatabase',
  'defaultValueOfArgumentType',
  'defaultValueOfTypeName',
  'digits',
  'dumpColumnStructure',
  'errorCodeToName',
  'finalizeAggregation',
  'formatQuery',
  'formatQueryOrNull',
  'formatQuerySingleLine',
  'formatQuerySingleLineOrNull',
  'formatReadableDecimalSize',
  'formatReadableQuantity',
  'formatReadableSize',
  'formatReadableTimeDelta',
  'getSetting',
  'getSettingOrDefault',
  'getSizeOfEnumType',
  'getSubcolumn',
  'identity',
  'ignore',
  'indexHint',
  'initializeAggregation',
  'isConstant',
  'isDecimalOverflow',
  'lowCardinalityIndices',
  'lowCardinalityKeys',
  'materialize',
  'neighbor',
  'normalizeQuery',
  'normalizeQueryKeepNames',
  'normalizedQueryHash',
  'normalizedQueryHashKeepNames',
  'parseReadableSize',
  'parseReadableSizeOrNull',
  'parseReadableSizeOrZero',
  'parseTimeDelta',
  'rowNumberInAllBlocks',
  'rowNumberInBlock',
  'runningAccumulate',
  'runningDifference',
  'runningDifferenceStartingWithFirstValue',
  'sleep',
  'sleepEachRow',
  'throwIf',
  'toColumnTypeName',
  'toTypeName',
  'transform',
  'variantElement',
  'variantType',
  'version',
  'visibleWidth',
]);

/**
 * Names the parser produces that are syntax rather than catalogued functions: `x -> …`
 * (lambda), `EXISTS (subquery)`, and `_CAST`, which a `{name:Type}` parameter becomes once the
 * engine substitutes its value.
 */
export const SYNTAX_FUNCTIONS: ReadonlySet<string> = new Set(['lambda', 'exists', '_CAST']);
