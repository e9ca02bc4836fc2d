// Child process: writes the synthetic snapshot of N instances as kubelift writes
// snapshots (its own serializer): normalized and sorted; 2-space JSON for small
// estates, and above COMPACT_ABOVE_RESOURCES compact JSON with one resource per
// line, since the two-space form of 100,000 such instances (~640 MB) is longer
// than the longest string V8 can hold (512 MB) and could not be read back.
// Usage: write-snapshot.mjs N FILE
import { writeSnapshot } from '../dist/snapshot/read-write.js';
import { generateSnapshot } from './generate.mjs';

const [count, file] = [Number(process.argv[2]), process.argv[3]];
if (!Number.isInteger(count) || count <= 0 || !file) {
  process.stderr.write('usage: write-snapshot.mjs N FILE\n');
  process.exit(2);
}
await writeSnapshot(file, generateSnapshot(count), { force: true });
