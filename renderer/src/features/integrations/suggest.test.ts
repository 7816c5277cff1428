import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_NAME } from '../../../../common/attributes';
import { nameError, suggestJoin, suggestName } from './suggest';

const cols = (...names: string[]) => names.map((name) => ({ name }));
const none = { builtIn: new Set(['user_email', 'session_count']), otherSources: new Map([['ltv', 'Salesforce contacts']]), inDraft: 1 };

describe('suggestName', () => {
  it('names Salesforce, Snowflake and spreadsheet columns in lower snake case', () => {
    expect(suggestName('LTV__c')).toBe('ltv');
    expect(suggestName('Signed_Up__c')).toBe('signed_up');
    expect(suggestName('RENEWAL_DATE')).toBe('renewal_date');
    expect(suggestName('AnnualRevenue')).toBe('annual_revenue');
    expect(suggestName('HTTPStatus')).toBe('http_status');
    expect(suggestName('Plan tier')).toBe('plan_tier');
    expect(suggestName('acme__Health_Score__c')).toBe('health_score');
    expect(suggestName('Région')).toBe('region');
    expect(suggestName('2024 revenue')).toBe('col_2024_revenue');
    expect(suggestName('€€€')).toBe('attribute');
  });

  it('always suggests a name the query language accepts', () => {
    for (const column of ['LTV__c', 'x', 'Name With  Spaces', '__weird__', 'A'.repeat(200), '9', 'Ünïcödé Fïeld', '-']) {
      expect(suggestName(column), column).toMatch(ATTRIBUTE_NAME);
    }
  });
});

describe('suggestJoin', () => {
  it('joins an email column to user_email for users', () => {
    expect(suggestJoin(cols('Id', 'Email', 'LTV__c'), 'users')).toEqual({ column: 'Email', attribute: 'user_email' });
    expect(suggestJoin(cols('ID', 'CONTACT_EMAIL_ADDRESS'), 'users')).toEqual({ column: 'CONTACT_EMAIL_ADDRESS', attribute: 'user_email' });
    expect(suggestJoin(cols('user_id', 'plan'), 'users')).toEqual({ column: 'user_id', attribute: 'user_id' });
    expect(suggestJoin(cols('plan', 'seats'), 'users')).toBeNull();
  });

  it('joins an account id, Id or another *_id column to account_id for accounts', () => {
    expect(suggestJoin(cols('Name', 'Account_ID__c', 'Id'), 'accounts')).toEqual({ column: 'Account_ID__c', attribute: 'account_id' });
    expect(suggestJoin(cols('Name', 'Id', 'Tier__c'), 'accounts')).toEqual({ column: 'Id', attribute: 'account_id' });
    expect(suggestJoin(cols('NAME', 'EXTERNAL_ID'), 'accounts')).toEqual({ column: 'EXTERNAL_ID', attribute: 'account_id' });
    expect(suggestJoin(cols('Name', 'Tier'), 'accounts')).toBeNull();
  });
});

describe('nameError', () => {
  it('accepts a free lower snake case name', () => {
    expect(nameError('renewal_date', none)).toBeNull();
  });

  it('says what is wrong with the shape', () => {
    expect(nameError('', none)).toMatch(/name/);
    expect(nameError('LTV', none)).toMatch(/lower-case letter/);
    expect(nameError('1st', none)).toMatch(/lower-case letter/);
    expect(nameError('plan-tier', none)).toMatch(/a-z, 0-9 and _/);
    expect(nameError(`a${'b'.repeat(63)}`, none)).toMatch(/63/);
  });

  it('refuses built-in keys, another source’s attributes and a name given twice', () => {
    expect(nameError('user_email', none)).toBe('“user_email” is a built-in attribute');
    expect(nameError('ltv', none)).toBe('“ltv” is already imported by source “Salesforce contacts”');
    expect(nameError('tier', { ...none, inDraft: 2 })).toBe('“tier” is given to two columns');
  });
});
