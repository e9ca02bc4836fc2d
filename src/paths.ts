import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The installed package's root (the folder holding rules/, charts/, fixtures/). */
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));

export const paths = {
  rules: join(packageRoot, 'rules'),
  apps: join(packageRoot, 'apps'),
  chart: join(packageRoot, 'charts', 'kubelift-app'),
  demoSnapshot: join(packageRoot, 'fixtures', 'demo', 'snapshot.json'),
  schemas: join(packageRoot, 'docs', 'schemas'),
  packageJson: join(packageRoot, 'package.json'),
};
