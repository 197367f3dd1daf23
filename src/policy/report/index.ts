/** Report formats of `apg check --format`. */
import { appendFileSync } from 'node:fs';
import type { CheckReport } from '../types';
import { renderGithub } from './github';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderSarif } from './sarif';
import { renderText } from './text';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export function renderReport(report: CheckReport, format: ReportFormat, env: NodeJS.ProcessEnv = process.env): string {
  switch (format) {
    case 'text':
      return renderText(report);
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report);
    case 'junit':
      return renderJunit(report);
    case 'github':
      return renderGithub(report, env.GITHUB_STEP_SUMMARY || undefined, (file, text) => appendFileSync(file, text));
  }
}
