/** The Grafana plugin id of the official ClickHouse datasource. */
export const CLICKHOUSE_PLUGIN_ID = 'grafana-clickhouse-datasource';

/** Name of the dashboard variable that picks the datasource. */
export const DATASOURCE_VARIABLE = 'datasource';

/** The datasource reference every panel, query and variable uses: the variable, not a uid. */
export const DATASOURCE_REF = { type: CLICKHOUSE_PLUGIN_ID, uid: `\${${DATASOURCE_VARIABLE}}` } as const;
