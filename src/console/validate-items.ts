import type { Issues } from './issues.js';
import type { LookupItemSetting, ResultItemSetting } from './types.js';

/** A JSON key the endpoint can read as an identifier (the server side's own rule for items). */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const MAX_LABEL = 50;
export const MAX_ITEM_LENGTH = 1000;
const MAX_LOOKUP_ITEMS = 20;
const MAX_RESULT_ITEMS = 50;
const MAX_VALUES = 50;

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkName(value: unknown, path: string, seen: Set<string>, issues: Issues): string {
  if (typeof value !== 'string' || !NAME.test(value)) {
    issues.add(path, '변수명은 영문자나 _로 시작하는 영문·숫자·_ 64자 이내여야 합니다.', 'The variable name must be letters, digits or _ (64 at most), starting with a letter or _.');
    return '';
  }
  if (seen.has(value)) issues.add(path, `변수명 "${value}"이(가) 중복되었습니다.`, `The variable name "${value}" is used twice.`);
  seen.add(value);
  return value;
}

function checkLabel(value: unknown, path: string, issues: Issues): string {
  const label = typeof value === 'string' ? value.trim() : '';
  if (label === '' || label.length > MAX_LABEL) {
    issues.add(path, `항목명을 ${MAX_LABEL}자 이내로 입력하세요.`, `Enter a label of at most ${MAX_LABEL} characters.`);
  }
  return label;
}

function checkValues(item: Raw, path: string, maxLength: number, issues: Issues): string[] {
  const values = item.values;
  if (!Array.isArray(values) || values.length === 0 || values.length > MAX_VALUES) {
    issues.add(`${path}.values`, `드롭박스 값을 1~${MAX_VALUES}개 입력하세요.`, `A drop box needs 1 to ${MAX_VALUES} values.`);
    return [];
  }
  const out: string[] = [];
  values.forEach((v, j) => {
    if (typeof v !== 'string' || v === '' || v.length > maxLength || out.includes(v)) {
      issues.add(`${path}.values[${j}]`, `값은 비어 있지 않고 중복되지 않으며 데이터 길이(${maxLength}) 이내여야 합니다.`, `Each value must be non-empty, unique and within the data length (${maxLength}).`);
    } else out.push(v);
  });
  return out;
}

/**
 * Checks the 조회 항목 list; problems land in `issues` under `lookupItems[i].field`.
 *
 * @example
 * checkLookupItems([{ name: 'callNum', label: '전화번호', maxLength: 20, required: true, type: 'text' }], issues)
 */
export function checkLookupItems(value: unknown, issues: Issues): LookupItemSetting[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LOOKUP_ITEMS) {
    issues.add('lookupItems', `조회 항목을 1~${MAX_LOOKUP_ITEMS}개 설정하세요.`, `Configure 1 to ${MAX_LOOKUP_ITEMS} lookup items.`);
    return [];
  }
  const seen = new Set<string>();
  return value.map((raw: unknown, i) => {
    const path = `lookupItems[${i}]`;
    const item = isObject(raw) ? raw : {};
    const name = checkName(item.name, `${path}.name`, seen, issues);
    const label = checkLabel(item.label, `${path}.label`, issues);
    const maxLength = item.maxLength;
    const lengthOk = typeof maxLength === 'number' && Number.isInteger(maxLength) && maxLength >= 1 && maxLength <= MAX_ITEM_LENGTH;
    if (!lengthOk) issues.add(`${path}.maxLength`, `데이터 길이는 1~${MAX_ITEM_LENGTH} 사이의 정수여야 합니다.`, `The data length must be a whole number from 1 to ${MAX_ITEM_LENGTH}.`);
    if (typeof item.required !== 'boolean') issues.add(`${path}.required`, '필수 여부를 선택하세요.', 'Choose whether the item is required.');
    const type = item.type === 'select' ? 'select' : 'text';
    if (item.type !== 'text' && item.type !== 'select') issues.add(`${path}.type`, '유형은 텍스트 또는 드롭박스여야 합니다.', 'The type must be text or drop box.');
    const values = type === 'select' ? checkValues(item, path, lengthOk ? (maxLength as number) : MAX_ITEM_LENGTH, issues) : [];
    return { name, label, maxLength: lengthOk ? (maxLength as number) : 1, required: item.required === true, type, values };
  });
}

/**
 * Checks the 결과 항목 list; problems land in `issues` under `resultItems[i].field`.
 *
 * @example
 * checkResultItems([{ name: 'userName', label: '고객명' }], issues)
 */
export function checkResultItems(value: unknown, issues: Issues): ResultItemSetting[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_RESULT_ITEMS) {
    issues.add('resultItems', `결과 항목을 1~${MAX_RESULT_ITEMS}개 설정하세요.`, `Configure 1 to ${MAX_RESULT_ITEMS} result items.`);
    return [];
  }
  const seen = new Set<string>();
  return value.map((raw: unknown, i) => {
    const item = isObject(raw) ? raw : {};
    return {
      name: checkName(item.name, `resultItems[${i}].name`, seen, issues),
      label: checkLabel(item.label, `resultItems[${i}].label`, issues),
    };
  });
}
