/**
 * JUnit XML (what GitLab's artifacts:reports:junit and Jenkins read): one <testsuite> per
 * exercise, one <testcase> per test with classname = the exercise id; <failure> for a test that
 * failed or ran out of time, <error> for one that could not run. An exercise without tests (its
 * file is missing, its suite could not run) gets one stand-in testcase so that it is not absent.
 */
import type { ResultDocument } from '../result';
import type { Formatter } from './index';
import { cleanText, entriesOf, points, reasonOf, type Entry } from './shared';

/** Element content: the three characters that matter, after cleanText made it valid XML. */
function text(s: string): string {
  return cleanText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute value (double-quoted): line breaks and tabs as character references, so they survive. */
function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function testcase(entry: Entry, indent: string): string {
  const head = `${indent}<testcase name="${attr(entry.name)}" classname="${attr(entry.exercise.id)}" time="${seconds(entry.durationMs)}"`;
  const inner: string[] = [];
  if (entry.status !== 'passed') {
    const reason = reasonOf(entry);
    const tag = entry.status === 'error' ? 'error' : 'failure';
    const type = entry.standIn ? entry.exercise.status : entry.status;
    inner.push(`${indent}  <${tag} message="${attr(reason)}" type="${attr(type)}">${text(reason)}</${tag}>`);
  }
  if (entry.output) inner.push(`${indent}  <system-out>${text(entry.output)}</system-out>`);
  return inner.length ? `${head}>\n${inner.join('\n')}\n${indent}</testcase>` : `${head}/>`;
}

export function renderJunit(doc: ResultDocument): string {
  const all = entriesOf(doc);
  const count = (list: Entry[], which: (e: Entry) => boolean) => list.filter(which).length;
  const isFailure = (e: Entry) => e.status === 'failed' || e.status === 'timedout';
  const isError = (e: Entry) => e.status === 'error';
  const flat = all.flat();
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(`iteration-workbook: ${doc.submission}`)}" tests="${flat.length}" failures="${count(flat, isFailure)}" errors="${count(flat, isError)}" time="${seconds(doc.durationMs)}">`,
  ];
  doc.exercises.forEach((exercise, index) => {
    const entries = all[index]!;
    const time = entries.reduce((sum, e) => sum + e.durationMs, 0);
    lines.push(`  <testsuite name="${attr(exercise.id)}" tests="${entries.length}" failures="${count(entries, isFailure)}" errors="${count(entries, isError)}" skipped="0" time="${seconds(time)}">`);
    lines.push('    <properties>');
    const properties: [string, string][] = [
      ['title', exercise.title],
      ['status', exercise.status],
      ['score', points(exercise.score)],
      ['maxScore', points(exercise.maxScore)],
    ];
    if (exercise.file) properties.push(['file', exercise.file]);
    for (const [name, value] of properties) lines.push(`      <property name="${attr(name)}" value="${attr(value)}"/>`);
    lines.push('    </properties>');
    for (const entry of entries) lines.push(testcase(entry, '    '));
    const notes: string[] = [];
    if (exercise.message) notes.push(exercise.message);
    for (const d of exercise.diagnostics) notes.push(`type error: ${exercise.id}/${d.file}:${d.line}:${d.column} ${d.message}`);
    if (notes.length) lines.push(`    <system-out>${text(notes.join('\n'))}</system-out>`);
    lines.push('  </testsuite>');
  });
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

export const junit: Formatter = (doc) => ({ stdout: renderJunit(doc) });
