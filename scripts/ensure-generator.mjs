// Makes sure the OpenAPI Generator JAR pinned in openapitools.json is on disk, outside
// node_modules so that `npm ci` does not throw it away. Exits non-zero with a clear message
// when it cannot be had.
import { existsSync, mkdirSync, renameSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

export function generatorJar() {
  const config = JSON.parse(readFileSync(join(root, 'openapitools.json'), 'utf8'))['generator-cli'];
  const dir = resolve(root, config.storageDir);
  return { version: config.version, dir, jar: join(dir, `${config.version}.jar`) };
}

function run(command, args) {
  return spawnSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// A download cut short leaves a JAR that exists but does not run; check it is the pinned version.
function jarWorks(jar, version) {
  if (!existsSync(jar)) return false;
  const probe = run('java', ['-jar', jar, 'version']);
  return probe.status === 0 && probe.stdout.trim() === version;
}

export function ensureGenerator() {
  const java = run('java', ['-version']);
  if (java.error || java.status !== 0) {
    throw new Error(
      'Java is missing: OpenAPI Generator runs on Java 11 or newer. Install a JDK or JRE ' +
        '(for example the Debian package default-jre-headless) and run this again.',
    );
  }
  const { version, dir, jar } = generatorJar();
  if (jarWorks(jar, version)) return jar;
  rmSync(jar, { force: true });
  mkdirSync(dir, { recursive: true });

  // First choice: the npm wrapper's own download (it stores the JAR in storageDir).
  const wrapper = join(root, 'node_modules', '.bin', 'openapi-generator-cli');
  if (existsSync(wrapper)) {
    run(wrapper, ['version']);
    if (jarWorks(jar, version)) return jar;
    rmSync(jar, { force: true });
  }

  // Second choice: Maven, from the same artifact the wrapper would have fetched.
  const mvn = run('mvn', [
    '-q',
    'dependency:copy',
    `-Dartifact=org.openapitools:openapi-generator-cli:${version}`,
    `-DoutputDirectory=${dir}`,
  ]);
  const copied = join(dir, `openapi-generator-cli-${version}.jar`);
  if (!mvn.error && mvn.status === 0 && existsSync(copied)) {
    renameSync(copied, jar);
    if (jarWorks(jar, version)) return jar;
    rmSync(jar, { force: true });
  }

  throw new Error(
    `The OpenAPI Generator ${version} JAR is missing and could not be downloaded.\n` +
      `Neither the npm wrapper nor Maven (mvn dependency:copy of ` +
      `org.openapitools:openapi-generator-cli:${version}) could fetch it.\n` +
      `Put the JAR at ${jar} by hand, or install Maven and try again.`,
  );
}

// Compared as URLs so that paths with spaces or other escaped characters still match.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(`OpenAPI Generator JAR: ${ensureGenerator()}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
