/**
 * Which shard grades which student, for `grader batch ROOT --out DIR --shard I/N` on several
 * machines: a hash of the student's name, so that every machine, in any order, with any locale,
 * agrees, and adding a student never moves another one.
 */
import * as crypto from 'node:crypto';
import { UsageError } from '../errors';

export interface Shard {
  /** From 1. */
  index: number;
  count: number;
}

/** The shard (1…count) that grades `student`: SHA-256 of the name (Unicode NFC, UTF-8), modulo count. */
export function shardOf(student: string, count: number): number {
  if (!Number.isSafeInteger(count) || count < 1) throw new UsageError(`shard count must be a whole number from 1, not ${count}`);
  const digest = crypto.createHash('sha256').update(student.normalize('NFC'), 'utf8').digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

/** True when shard `index` of `count` (index from 1) grades `student`. */
export function shard(student: string, index: number, count: number): boolean {
  if (!Number.isSafeInteger(index) || index < 1 || index > count) throw new UsageError(`shard ${index}/${count}: the index must be from 1 to ${count}`);
  return shardOf(student, count) === index;
}

/** Reads `--shard 2/4`. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) throw new UsageError(`--shard ${text}: write it as I/N, for example 2/4 (the second of four shards)`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) throw new UsageError(`--shard ${text}: I must be from 1 to N, and N at least 1`);
  return { index, count };
}
