// Copies the data files the built code reads (YAML tables become JSON, so start-up needs no YAML parser).

const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const pairs = [];
for (const [from, to] of pairs) {
  fs.mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
  fs.copyFileSync(path.join(root, from), path.join(root, to));
}

// The mapping table is checked by the same code that reads user files (built by tsc just before), then written
// as JSON beside the module that loads it.
const tables = [['src/images/builtin-mappings.yaml', 'dist/src/images/builtin-mappings.json']];
const { parseMappingsText } = require(path.join(root, 'dist/src/images/load-mappings.js'));
for (const [from, to] of tables) {
  const source = path.join(root, from);
  const data = parseMappingsText(fs.readFileSync(source, 'utf8'), from, true);
  fs.mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
  fs.writeFileSync(path.join(root, to), JSON.stringify(data) + '\n');
}

// The published base sizes behind the estimate: every row checked (a source and a date), then written as JSON.
const { checkSizeRows } = require(path.join(root, 'dist/src/images/sizes.js'));
const YAML = require('yaml');
const sizes = checkSizeRows(
  YAML.parse(fs.readFileSync(path.join(root, 'src/images/base-sizes.yaml'), 'utf8')),
);
fs.writeFileSync(path.join(root, 'dist/src/images/base-sizes.json'), JSON.stringify(sizes) + '\n');
