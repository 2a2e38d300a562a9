#!/usr/bin/env node
// npm links the bins of dependencies into node_modules/.bin, never the project's own; this
// does it for `grader` and `workbook`, so `npx grader …` works from the root after npm install.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const { bin } = require(path.join(root, 'package.json'));
const dir = path.join(root, 'node_modules', '.bin');
fs.mkdirSync(dir, { recursive: true });
for (const [name, target] of Object.entries(bin)) {
  const link = path.join(dir, name);
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.relative(dir, path.join(root, target)), link);
}
