// The `docgen` task: writes API.md with jsii-docgen from this package's assembly and the assemblies of
// its dependencies as this project installs them, the peer floor. jsii-docgen's own command collects
// every .jsii below node_modules, including newer copies nested in tools (projen's constructs), and
// then documents members the declared floor lacks (constructs 10.8's `with`).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { Documentation, Language } from 'jsii-docgen';

const root = join(__dirname, '..');

/** Copies a package's assembly (and the compressed file a redirect points to) into `dir/<name>/`. */
function copyAssembly(packageDir: string, dir: string, name: string): void {
  const target = join(dir, name);
  mkdirSync(target, { recursive: true });
  copyFileSync(join(packageDir, 'package.json'), join(target, 'package.json'));
  const assembly = readFileSync(join(packageDir, '.jsii'), 'utf8');
  writeFileSync(join(target, '.jsii'), assembly);
  const redirect = JSON.parse(assembly).filename;
  if (typeof redirect === 'string') copyFileSync(join(packageDir, redirect), join(target, redirect));
}

async function main(): Promise<void> {
  const own = JSON.parse(readFileSync(join(root, '.jsii'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'api-docs-'));
  try {
    copyAssembly(root, dir, own.name);
    for (const name of Object.keys(own.dependencyClosure ?? {})) {
      // Resolved as Node resolves them for this package: from the project, else from aws-cdk-lib (its bundled deps).
      const paths = [root, dirname(require.resolve('aws-cdk-lib/package.json', { paths: [root] }))];
      const packageDir = dirname(require.resolve(`${name}/package.json`, { paths }));
      if (!existsSync(join(packageDir, '.jsii'))) throw new Error(`${name} has no jsii assembly in ${packageDir}`);
      copyAssembly(packageDir, dir, name);
    }
    const docs = await Documentation.forAssembly(own.name, dir);
    const markdown = await docs.toMarkdown({ language: Language.TYPESCRIPT, allSubmodules: true });
    writeFileSync(join(root, 'API.md'), markdown.render());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
