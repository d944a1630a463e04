// Runs the adultwork package's suite: the private virtual environment (scripts/python-env.mjs),
// then pytest from inside test/, which starts the mock and the sandbox itself and type-checks
// the package and the README with mypy and pyright.
// Extra arguments go to pytest, e.g. `npm test -w @adultwork-api/python -- -k retry`.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fail, pkg, prepareVenv, root, run } from './python-env.mjs';

const mockCli = join(root, 'packages', 'mock', 'dist', 'cli.js');
const sandboxCli = join(root, 'packages', 'sandbox', 'dist', 'cli.js');
for (const [cli, name] of [[mockCli, 'mock'], [sandboxCli, 'sandbox']]) {
  if (!existsSync(cli)) fail(`the ${name} is not built (${cli} is missing). Run "npm run build -w @adultwork-api/${name}" first.`);
}
const pyright = createRequire(join(pkg, 'package.json')).resolve('pyright/index.js');

const python = prepareVenv();
const status = run(python, ['-m', 'pytest', '-c', 'pytest.ini', ...process.argv.slice(2)], {
  cwd: join(pkg, 'test'),
  env: {
    ...process.env,
    ADULTWORK_NODE: process.execPath,
    ADULTWORK_MOCK_CLI: mockCli,
    ADULTWORK_SANDBOX_CLI: sandboxCli,
    ADULTWORK_PYRIGHT: pyright,
  },
});
process.exit(status);
