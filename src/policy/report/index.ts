/** Report formats of `apg check --format`. */
import { appendFileSync } from 'node:fs';
import type { CheckReport } from '../types';
import { githubChunks } from './github';
import { jsonChunks } from './json';
import { junitChunks } from './junit';
import { sarifChunks } from './sarif';
import { textChunks } from './text';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;
export type ReportFormat = (typeof FORMATS)[number];

/**
 * The report as pieces of text to write in turn (tens of MB on a large plan): JSON and SARIF a batch
 * of findings at a time, text, GitHub and JUnit a batch of lines (./chunks).
 */
export function reportChunks(report: CheckReport, format: ReportFormat, env: NodeJS.ProcessEnv = process.env): Iterable<string> {
  switch (format) {
    case 'text':
      return textChunks(report);
    case 'json':
      return jsonChunks(report);
    case 'sarif':
      return sarifChunks(report);
    case 'junit':
      return junitChunks(report);
    case 'github':
      return githubChunks(report, env.GITHUB_STEP_SUMMARY || undefined, (file, text) => appendFileSync(file, text));
  }
}

export function renderReport(report: CheckReport, format: ReportFormat, env: NodeJS.ProcessEnv = process.env): string {
  return [...reportChunks(report, format, env)].join('');
}
