import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api';
import { errorStep } from './errorStep';

const names = ['ltv', 'renewal_date'];

describe('errorStep', () => {
  it('places validation issues by their path', () => {
    const issue = (path: string) => new ApiError({ code: 'invalid_input', message: 'Invalid input', details: [{ path, message: 'bad' }] });
    expect(errorStep(issue('source.attributes.1.name'), names, 'Email')).toBe('attributes');
    expect(errorStep(issue('source.join.attribute'), names, 'Email')).toBe('join');
    expect(errorStep(issue('source.table'), names, 'Email')).toBe('table');
    expect(errorStep(issue('source.connection'), names, 'Email')).toBe('source');
    expect(errorStep(issue('source.schedule.everyMinutes'), names, 'Email')).toBe('schedule');
  });

  it('places the handlers’ refusals by what they name', () => {
    const refusal = (message: string, code: 'invalid_input' | 'auth_failed' | 'source_failed' = 'invalid_input') => new ApiError({ code, message });
    expect(errorStep(refusal('Attribute "ltv" is already imported by source "Contacts"'), names, 'Email')).toBe('attributes');
    expect(errorStep(refusal('renewal_date is a built-in key'), names, 'Email')).toBe('attributes');
    expect(errorStep(refusal('Salesforce refused the password of alice@acme.com', 'auth_failed'), names, 'Email')).toBe('source');
    expect(errorStep(refusal('No column Email in the file', 'source_failed'), names, 'Email')).toBe('join');
    expect(errorStep(refusal('Object Foo__c does not exist', 'source_failed'), names, 'Email')).toBe('table');
    expect(errorStep(refusal('A source named "CRM" exists'), names, 'Email')).toBe('schedule');
    expect(errorStep(new Error('network down'), names, 'Email')).toBe('schedule');
  });
});
