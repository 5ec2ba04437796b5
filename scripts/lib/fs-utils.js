'use strict';
// File helpers for "is this output newer than its inputs" checks and small JSON files.
const fs = require('node:fs');
const path = require('node:path');

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', '.cache']);

/** The newest modification time (ms) among files at/under `paths`; 0 when none exist. Also returns that file. */
function newestMtime(paths) {
  let newest = { mtimeMs: 0, file: null };
  const visit = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return; // missing input: nothing to compare
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) if (!SKIP_DIRS.has(entry)) visit(path.join(p, entry));
    } else if (stat.mtimeMs > newest.mtimeMs) {
      newest = { mtimeMs: stat.mtimeMs, file: p };
    }
  };
  for (const p of paths) visit(p);
  return newest;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Writes JSON atomically (temp file + rename), creating the directory; `mode` for secrets. */
function writeJson(file, value, { mode } = {}) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, mode ? { mode } : undefined);
  fs.renameSync(tmp, file);
  if (mode) fs.chmodSync(file, mode);
}

module.exports = { newestMtime, readJson, writeJson };
