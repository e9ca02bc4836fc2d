// Child process: writes the synthetic snapshot of N instances, normalized and
// sorted as kubelift writes snapshots but without indentation: kubelift's
// two-space form of 100,000 such instances (~640 MB) is longer than the longest
// string V8 can hold (512 MB), so it could not be read back at all.
// Usage: write-snapshot.mjs N FILE
import { writeFileSync } from 'node:fs';
import { normalizeSnapshot } from '../dist/snapshot/normalize.js';
import { generateSnapshot } from './generate.mjs';

const [count, file] = [Number(process.argv[2]), process.argv[3]];
if (!Number.isInteger(count) || count <= 0 || !file) {
  process.stderr.write('usage: write-snapshot.mjs N FILE\n');
  process.exit(2);
}
writeFileSync(file, `${JSON.stringify(normalizeSnapshot(generateSnapshot(count)))}\n`);
