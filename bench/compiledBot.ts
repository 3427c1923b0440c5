import { execFile } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(__dirname, '..');
const outDir = join(root, '.bench-dist');

/**
 * Compiles the memory benchmark's bot to JavaScript with the project's own tsc, into
 * .bench-dist/ (ignored by git), so it runs under plain node as production does
 * (`npm run start:prod`): tsx would add its compiler and source maps to the figure.
 * Returns the path of the compiled entry.
 */
export async function compileMemoryBot(): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const tsconfig = join(outDir, 'tsconfig.json');
  await writeFile(
    tsconfig,
    JSON.stringify({
      extends: '../tsconfig.json',
      compilerOptions: { outDir: '.', rootDir: '..', noEmit: false, sourceMap: false, declaration: false, incremental: false, types: ['node'] },
      include: ['../src', '../bench/memoryBot.ts', '../bench/memoryUsers.ts'],
    }),
  );
  await promisify(execFile)(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig]);
  // The compiled fixtures look for the plans beside them.
  await symlink(join(root, 'plans'), join(outDir, 'plans')).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  return join(outDir, 'bench', 'memoryBot.js');
}
