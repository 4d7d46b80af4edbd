// `npx projen newest:bump`: moves the second test line (compat/newest) to the newest releases on npm:
// rewrites projenrc/newest.json, regenerates compat/newest/package.json (npx projen) and its lock.
import { execFileSync } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

const file = join(__dirname, 'newest.json');
const versions: Record<string, string> = JSON.parse(readFileSync(file, 'utf8'));
const next: Record<string, string> = {};
for (const name of Object.keys(versions)) {
  // The newest release of each package's current major (constructs 10, cdk-nag 3, aws-cdk-lib 2).
  const major = versions[name].split('.')[0];
  const out = execFileSync('npm', ['view', `${name}@^${major}`, 'version', '--json'], { encoding: 'utf8' });
  const list: string | string[] = JSON.parse(out);
  next[name] = Array.isArray(list) ? list[list.length - 1] : list;
  console.log(`${name}: ${versions[name]} -> ${next[name]}`);
}
writeFileSync(file, `${JSON.stringify(next, undefined, 2)}\n`);
execFileSync('npx', ['projen'], { stdio: 'inherit' });
execFileSync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund'], { cwd: join(__dirname, '..', 'compat', 'newest'), stdio: 'inherit' });
