#!/usr/bin/env node
'use strict';

// Command-line front end of the rating module: it parses arguments, reads files and prints.
// All pricing and validation happens in the compiled module, the same code the server runs,
// so a quote printed here matches what the /quote endpoint returns for the same input.

const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const RATING_MODULE = path.join(__dirname, '..', 'dist', 'rating', 'index.js');

const EXIT_OK = 0;
const EXIT_INVALID_INPUT = 1;
const EXIT_USAGE = 2;

const USAGE = `Usage:
  usage-billing quote --pricing <pricing.json> --usage <usage.json>
      Price the call(s) in <usage.json> (a /quote body, or an array of them) with the prices
      in <pricing.json> and print the bill (or an array of bills) as JSON.
  usage-billing validate <pricing.json>
      Check a pricing file and print a summary, or every error as "<path>: <message>".
  usage-billing --help
      Show this text.

Exit status: 0 success, 1 invalid pricing or usage input, 2 wrong command line.
`;

/** An expected failure: its message goes to stderr and its code becomes the exit status. */
class CliError extends Error {
  constructor(message, exitCode) {
    super(message);
    this.exitCode = exitCode;
  }
}

function usageError(message) {
  return new CliError(`${message}\n\n${USAGE}`, EXIT_USAGE);
}

function parseCommandLine(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        pricing: { type: 'string' },
        usage: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw usageError(err.message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') return { command: 'help' };

  if (command === 'validate') {
    if (rest.length !== 1) throw usageError('validate takes exactly one pricing file');
    if (values.pricing !== undefined || values.usage !== undefined) throw usageError('validate takes no options');
    return { command, pricingPath: rest[0] };
  }
  if (command === 'quote') {
    if (rest.length > 0) throw usageError(`unexpected argument: ${rest[0]}`);
    if (!values.pricing || !values.usage) throw usageError('quote needs --pricing <file> and --usage <file>');
    return { command, pricingPath: values.pricing, usagePath: values.usage };
  }
  throw usageError(command === undefined ? 'no command given' : `unknown command: ${command}`);
}

function loadRatingModule() {
  if (!fs.existsSync(RATING_MODULE)) {
    throw new CliError('the compiled rating module is missing: run `npm run build` first', EXIT_USAGE);
  }
  return require(RATING_MODULE);
}

function readJsonFile(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`${file}: cannot read: ${err.message}`, EXIT_INVALID_INPUT);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${file}: invalid JSON: ${err.message}`, EXIT_INVALID_INPUT);
  }
}

function errorLines(errors) {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}

function loadPricingFile(rating, file) {
  const result = rating.validatePricingFile(readJsonFile(file));
  if (!result.ok) throw new CliError(errorLines(result.errors), EXIT_INVALID_INPUT);
  return result.file;
}

// In an array of bodies, an error path gets the body's index in front: "[2].usage.inputTokens".
function prefixPath(prefix, errorPath, rootPath) {
  if (!prefix) return errorPath;
  return errorPath === rootPath ? prefix : errorPath.startsWith('[') ? prefix + errorPath : `${prefix}.${errorPath}`;
}

function runValidate(rating, { pricingPath }) {
  const file = loadPricingFile(rating, pricingPath);
  return `OK: ${file.models.length} models, ${file.tools.length} tools, ${file.multipliers.length} multipliers\n`;
}

function runQuote(rating, { pricingPath, usagePath }) {
  const pricing = loadPricingFile(rating, pricingPath);
  const body = readJsonFile(usagePath);
  const bodies = Array.isArray(body) ? body : [body];
  const prefixOf = (index) => (Array.isArray(body) ? `[${index}]` : '');

  const requests = [];
  const errors = [];
  bodies.forEach((item, index) => {
    const result = rating.validateRateRequest(item, { requireIds: false });
    if (result.ok) requests.push(result.request);
    else errors.push(...result.errors.map((e) => ({ ...e, path: prefixPath(prefixOf(index), e.path, rating.ROOT_PATH) })));
  });
  if (errors.length > 0) throw new CliError(errorLines(errors), EXIT_INVALID_INPUT);

  const bills = requests.map((request, index) => {
    try {
      return rating.rate(request, rating.bookFor(pricing, request.model));
    } catch (err) {
      if (err instanceof rating.UnknownMultiplierError) {
        throw new CliError(`${prefixPath(prefixOf(index), 'serviceTier', rating.ROOT_PATH)}: ${err.message}`, EXIT_INVALID_INPUT);
      }
      throw err;
    }
  });
  return `${JSON.stringify(Array.isArray(body) ? bills : bills[0], null, 2)}\n`;
}

function main(argv) {
  try {
    const args = parseCommandLine(argv);
    if (args.command === 'help') {
      process.stdout.write(USAGE);
      return EXIT_OK;
    }
    const rating = loadRatingModule();
    process.stdout.write(args.command === 'validate' ? runValidate(rating, args) : runQuote(rating, args));
    return EXIT_OK;
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return err.exitCode;
  }
}

process.exitCode = main(process.argv.slice(2));
