// CI's drift check: regenerate every client, then fail if the committed code differs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const config = JSON.parse(readFileSync(new URL('../openapitools.json', import.meta.url), 'utf8'))['generator-cli'];
// The generators' folders, the SDK's generated surface (scripts/generate-sdk-operations.mjs), and
// the Python and Go layers' operation surfaces and tables (packages/{python,go}/scripts/generate-operations.mjs).
const outputs = [
  ...Object.values(config.generators).map((g) => g.output),
  'packages/sdk/src/generated',
  'packages/python/src/adultwork/_generated.py',
  'packages/python/src/adultwork/models.py',
  'packages/python/README.md',
  'packages/go/adultwork/zz_generated_operations.go',
  'packages/go/OPERATIONS.md',
];

const generate = spawnSync(process.execPath, ['scripts/generate.mjs'], { stdio: 'inherit' });
if (generate.status !== 0) process.exit(generate.status ?? 1);

const status = spawnSync('git', ['status', '--porcelain', '--', ...outputs], { encoding: 'utf8' });
if (status.stdout.trim()) {
  console.error('Generated code is out of date with the spec. Run "npm run generate" and commit the result:');
  console.error(status.stdout);
  spawnSync('git', ['--no-pager', 'diff', '--stat', '--', ...outputs], { stdio: 'inherit' });
  process.exit(1);
}
console.log(`Generated code is up to date (${outputs.join(', ')}).`);
