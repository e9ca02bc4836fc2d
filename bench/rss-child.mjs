// Preloaded into `node dist/main.js assess …` (node --import) by run.mjs: when
// the command ends, writes its peak resident memory to the file named by
// KUBELIFT_BENCH_RSS_FILE, so the peak is the command's own, in its own process.
import { writeFileSync } from 'node:fs';

const file = process.env.KUBELIFT_BENCH_RSS_FILE;
if (file) {
  process.once('exit', () => {
    writeFileSync(file, JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
  });
}
