import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api';
import { placeError } from './errorStep';

const names = ['ltv', 'renewal_date'];
const step = (err: unknown) => placeError(err, names, 'Email');

describe('placeError', () => {
  it('places validation issues by their path', () => {
    const issue = (path: string) => new ApiError({ code: 'invalid_input', message: 'Invalid input', details: [{ path, message: 'bad' }] });
    expect(step(issue('source.attributes.1.name'))).toEqual({ step: 'attributes', attribute: 1 });
    expect(step(issue('source.join.attribute')).step).toBe('join');
    expect(step(issue('source.table')).step).toBe('table');
    expect(step(issue('source.connection')).step).toBe('source');
    expect(step(issue('source.schedule.everyMinutes')).step).toBe('schedule');
  });

  it('places the handlers’ refusals by the field they name', () => {
    const refusal = (message: string, field: string) => new ApiError({ code: 'invalid_input', message, details: { field } });
    expect(step(refusal('attributes[1].name: "renewal_date" is a built-in key of users; choose another name', 'attributes[1].name'))).toEqual({
      step: 'attributes',
      attribute: 1,
    });
    expect(step(refusal('join.column: the file has no column "Mail"', 'join.column')).step).toBe('join');
    expect(step(refusal('path: a CSV source needs its file', 'path')).step).toBe('source');
  });

  it('places refusals without a field by what they say', () => {
    const refusal = (message: string, code: 'invalid_input' | 'auth_failed' | 'source_failed' = 'invalid_input') => new ApiError({ code, message });
    expect(step(refusal('"ltv" is already imported by the source "Contacts"'))).toEqual({ step: 'attributes', attribute: 0 });
    expect(step(refusal('Salesforce refused the password of alice@acme.com', 'auth_failed')).step).toBe('source');
    expect(step(refusal('No column Email in the file', 'source_failed')).step).toBe('join');
    expect(step(refusal('Object Foo__c does not exist', 'source_failed')).step).toBe('table');
    expect(step(refusal('A source named "CRM" exists already')).step).toBe('schedule');
    expect(step(new Error('network down')).step).toBe('schedule');
  });
});
