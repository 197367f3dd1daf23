// Preloaded into a bench child (`node --require bench/peak-rss.js ...`): on exit, writes the
// process's peak resident set size (KB, from getrusage) to $APG_BENCH_RSS_FILE.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  if (process.env.APG_BENCH_RSS_FILE) writeFileSync(process.env.APG_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
