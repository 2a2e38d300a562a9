import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { paths } from './paths';
import { UsageError } from './errors';

/** Every file format the project owns has a JSON Schema under schemas/; this validates against them. */
const ajv = new Ajv({ allErrors: false, strict: true });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

function validator(name: string): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    const schema = JSON.parse(fs.readFileSync(path.join(paths.schemas, `${name}.schema.json`), 'utf8'));
    validate = ajv.compile(schema);
    compiled.set(name, validate);
  }
  return validate;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(the top level)';
  const extra = error.keyword === 'additionalProperties' ? ` (${(error.params as { additionalProperty: string }).additionalProperty})` : '';
  return `${where} ${error.message ?? 'is invalid'}${extra}`;
}

/** Returns the first problem as one line, or undefined when `data` matches schemas/<name>.schema.json. */
export function schemaProblem(name: string, data: unknown): string | undefined {
  const validate = validator(name);
  if (validate(data)) return undefined;
  return describe((validate.errors ?? [])[0]!);
}

/** Throws a one-line UsageError naming `what` and the offending field. */
export function assertSchema<T>(name: string, data: unknown, what: string): T {
  const problem = schemaProblem(name, data);
  if (problem) throw new UsageError(`${what}: ${problem}`);
  return data as T;
}
