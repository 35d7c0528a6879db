import type { FieldIssue } from '../types.js';
import { h } from './dom.js';

/** `lookupItems[0].values[2]` → `lookupItems[0].values` → `lookupItems[0]` → `lookupItems`. */
function parentPath(path: string): string | undefined {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut > 0 ? path.slice(0, cut) : undefined;
}

/**
 * The element an issue belongs to: the field its path names (`data-path`), or the nearest
 * enclosing one; null when there is none.
 *
 * @example
 * issueTarget(form, 'apis[1].timeoutMs') // <input data-path="apis[1].timeoutMs">
 */
export function issueTarget(root: Element, issuePath: string): Element | null {
  let path: string | undefined = issuePath;
  let target: Element | null = null;
  while (path !== undefined && target === null) {
    target = root.querySelector(`[data-path="${CSS.escape(path)}"]`);
    path = parentPath(path);
  }
  return target;
}

/**
 * Clears the field errors shown under `root`.
 *
 * @example
 * clearIssues(form);
 */
export function clearIssues(root: Element): void {
  for (const el of root.querySelectorAll('.field-error')) el.remove();
  for (const el of root.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
}

/**
 * Shows each issue under the field its path names (`data-path`), or under the nearest enclosing
 * field; issues with no field at all are returned for a general message.
 *
 * @example
 * const unplaced = showIssues(form, answer.error.issues ?? []);
 */
export function showIssues(root: Element, issues: readonly FieldIssue[]): FieldIssue[] {
  clearIssues(root);
  const unplaced: FieldIssue[] = [];
  for (const issue of issues) {
    const target = issueTarget(root, issue.path);
    if (target === null) {
      unplaced.push(issue);
      continue;
    }
    target.setAttribute('aria-invalid', 'true');
    target.after(h('div', { class: 'field-error', 'data-issue': issue.path }, issue.ko, ' ', h('small', {}, issue.en)));
  }
  return unplaced;
}
