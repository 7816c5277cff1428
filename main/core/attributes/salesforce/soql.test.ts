import { describe, expect, it } from 'vitest';
import { ApiError } from '../../dispatcher';
import { checkObjectName, planQuery, type DescribedObject } from './soql';

const contact: DescribedObject = {
  name: 'Contact',
  fields: [
    { name: 'Id', label: 'Contact ID', type: 'id' },
    { name: 'Email', label: 'Email', type: 'email' },
    { name: 'LTV__c', label: 'LTV', type: 'currency' },
    { name: 'Description', label: 'Description', type: 'textarea', sortable: false },
  ],
};

describe('planQuery', () => {
  it('orders by the key (nulls last) then Id, with the described spelling of each name', () => {
    expect(planQuery(contact, ['email', 'ltv__C'], 'EMAIL').soql)
      .toBe('SELECT Email, LTV__c FROM Contact ORDER BY Email ASC NULLS LAST, Id ASC');
    expect(planQuery(contact, ['Id', 'Email'], 'id').soql).toBe('SELECT Id, Email FROM Contact ORDER BY Id ASC NULLS LAST');
    expect(planQuery(contact, ['Email'], 'Email', 25).soql).toBe('SELECT Email FROM Contact ORDER BY Email ASC NULLS LAST, Id ASC LIMIT 25');
  });

  it('returns the fields in the caller\'s order, a column asked twice selected once', () => {
    const plan = planQuery(contact, ['LTV__c', 'Email', 'ltv__c'], 'Email');
    expect(plan.fields.map((f) => f.name)).toEqual(['LTV__c', 'Email', 'LTV__c']);
    expect(plan.soql).toBe('SELECT LTV__c, Email FROM Contact ORDER BY Email ASC NULLS LAST, Id ASC');
  });

  it('refuses names that are not described fields, so nothing can be injected', () => {
    for (const bad of ['Email, Password__c', 'Email FROM User --', '(SELECT Id FROM Cases)', 'Nope__c']) {
      expect(() => planQuery(contact, [bad], 'Email')).toThrow(ApiError);
      expect(() => planQuery(contact, ['Email'], bad)).toThrow(ApiError);
    }
    expect(() => planQuery(contact, [], 'Email')).toThrow(/at least one column/);
    expect(() => planQuery(contact, ['Email'], 'Email', 0)).toThrow(ApiError);
  });

  it('refuses a key Salesforce cannot sort by', () => {
    expect(() => planQuery(contact, ['Email'], 'Description')).toThrow(/cannot sort Contact by Description/);
  });

  it('leaves out the Id tie-breaker when the object has no Id', () => {
    expect(planQuery({ name: 'Thing__x', fields: [{ name: 'Key__c', label: 'Key', type: 'string' }] }, ['Key__c'], 'Key__c').soql)
      .toBe('SELECT Key__c FROM Thing__x ORDER BY Key__c ASC NULLS LAST');
  });
});

describe('checkObjectName', () => {
  it('accepts API names and refuses anything else', () => {
    expect(checkObjectName(' Contact ')).toBe('Contact');
    expect(checkObjectName('ns__Invoice__c')).toBe('ns__Invoice__c');
    for (const bad of ['Contact WHERE Id != null', 'Contact/../x', '1Contact', '', 'Cont act']) expect(() => checkObjectName(bad)).toThrow(ApiError);
  });
});
