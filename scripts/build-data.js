// Copies the data files the built code reads (YAML tables become JSON, so start-up needs no YAML parser).
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const pairs = [];
for (const [from, to] of pairs) {
  fs.mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
  fs.copyFileSync(path.join(root, from), path.join(root, to));
}
