'use strict';
// Console output of the demo scripts: "[demo]"-prefixed lines and timings.
const useColor = process.stdout.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
const paint = (code) => (text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : String(text));

const c = {
  bold: paint('1'),
  dim: paint('2'),
  red: paint('31'),
  green: paint('32'),
  yellow: paint('33'),
  cyan: paint('36'),
};

const formatDuration = (ms) => (ms < 1000 ? `${Math.round(ms)} ms` : ms < 60000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`);

const createLog = (tag) => {
  const prefix = c.cyan(`[${tag}]`);
  return {
    info: (msg) => console.log(`${prefix} ${msg}`),
    ok: (msg) => console.log(`${prefix} ${c.green('✔')} ${msg}`),
    warn: (msg) => console.warn(`${prefix} ${c.yellow('!')} ${msg}`),
    error: (msg) => console.error(`${prefix} ${c.red('✖')} ${msg}`),
    /** Starts a timed step; call the returned function with a closing message. */
    step(msg) {
      const started = Date.now();
      console.log(`${prefix} ${msg}…`);
      return (done = 'done') => {
        const ms = Date.now() - started;
        console.log(`${prefix} ${c.green('✔')} ${done} ${c.dim(`(${formatDuration(ms)})`)}`);
        return ms;
      };
    },
  };
};

module.exports = { c, createLog, formatDuration };
