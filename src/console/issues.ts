import type { ApiError, Bilingual, FieldIssue } from './types.js';

/**
 * Collects field problems while a value is checked, so the page can show all of them at once
 * next to their fields instead of one per save.
 *
 * @example
 * const issues = new Issues();
 * issues.add('url', 'URL을 입력하세요.', 'Enter the URL.');
 * issues.list[0]?.path // 'url'
 */
export class Issues {
  readonly list: FieldIssue[] = [];

  add(path: string, ko: string, en: string): void {
    this.list.push({ path, ko, en });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}

/**
 * The JSON body of a refusal.
 *
 * @example
 * apiError('invalid_settings', { ko: '설정을 확인하세요.', en: 'Check the settings.' }, issues.list)
 */
export function apiError(code: string, message: Bilingual, issues?: FieldIssue[]): ApiError {
  return { error: { code, message, ...(issues === undefined ? {} : { issues }) } };
}

/** Thrown inside the console for a refusal that becomes a 4xx answer with field issues. */
export class RefusalError extends Error {
  override name = 'RefusalError';
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.error.message.en);
  }
}
