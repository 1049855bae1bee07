import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** End-to-end tests run the built binary: build once when there is no build yet. */
export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
    execSync('npm run build', { cwd: root, stdio: 'inherit' });
  }
}
