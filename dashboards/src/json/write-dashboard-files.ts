// `npm run dashboards:build`: regenerates dashboards/*.json from the TypeScript sources.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dashboardFiles } from './dashboard-files.js';

const dashboardsDir = fileURLToPath(new URL('../../', import.meta.url));

for (const file of dashboardFiles()) {
  await writeFile(join(dashboardsDir, file.name), file.text);
  console.log(`wrote dashboards/${file.name}`);
}
