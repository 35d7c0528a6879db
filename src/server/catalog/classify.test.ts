import { describe, expect, it } from 'vitest';
import { classifyColumn, phoneForm } from './classify.js';

describe('classifyColumn', () => {
  it('reads what a column holds from English and Korean names', () => {
    const cases: [string, string][] = [
      ['hp', 'phone'], ['hp_no', 'phone'], ['tel', 'phone'], ['mobileNo', 'phone'], ['cust_phone', 'phone'], ['휴대폰', 'phone'], ['전화번호', 'phone'],
      ['email', 'email'], ['cust_email', 'email'], ['이메일', 'email'],
      ['mem_nm', 'name'], ['cust_name', 'name'], ['이름', 'name'], ['성명', 'name'],
      ['mem_no', 'member-id'], ['memberId', 'member-id'], ['cust', 'member-id'], ['회원번호', 'member-id'],
      ['jumin', 'rrn'], ['rrn', 'rrn'], ['ssn', 'rrn'], ['주민번호', 'rrn'], ['주민등록번호', 'rrn'],
      ['shipping', 'other'], ['memo', 'other'], ['created_at', 'other'],
    ];
    expect(cases.map(([name]) => [name, classifyColumn(name, [])])).toEqual(cases);
  });

  it('falls back on the sampled values when the name says nothing, and values of 주민등록번호 win over any name', () => {
    expect(classifyColumn('col1', ['010-1234-5678', '01098765432', ''])).toBe('phone');
    expect(classifyColumn('col2', ['hong@example.com', 'kim@example.co.kr'])).toBe('email');
    expect(classifyColumn('col3', ['홍길동', '김철수'])).toBe('name');
    expect(classifyColumn('col4', ['A-1', 'B-2'])).toBe('other');
    expect(classifyColumn('memo', ['900101-1234567', '851231-2345678'])).toBe('rrn');
    expect(classifyColumn('cust_name', ['900101-1234567'])).toBe('rrn');
    // A date and digits are not 주민등록번호: 13 months, no dash.
    expect(classifyColumn('col5', ['901301-1234567'])).toBe('other');
  });
});

describe('phoneForm', () => {
  it('dashed when most stored numbers are dashed, else digits', () => {
    expect(phoneForm(['010-1234-5678', '02-123-4567', '031-123-4567'])).toBe('phone-kr-dashed');
    expect(phoneForm(['01012345678', '021234567'])).toBe('phone-kr');
    expect(phoneForm([])).toBe('phone-kr');
  });
});
