// Preloaded into the benchmarked CLI (NODE_OPTIONS=--require): writes the process's peak RSS (KB) at exit.
'use strict';
const fs = require('node:fs');

process.on('exit', () => {
  if (process.env.DMS_RSS_OUT)
    fs.writeFileSync(process.env.DMS_RSS_OUT, String(process.resourceUsage().maxRSS));
});
