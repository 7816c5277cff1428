import { describe, expect, it } from 'vitest';
import { sourceDefinition, type SourceInfo } from '../../../../common/attributes';
import { draftFromSource, emptyDraft, mergeColumns, suggestSourceName, toDefinition } from './draft';
import { suggestName } from './suggest';

const saved: SourceInfo = {
  name: 'Contacts',
  kind: 'salesforce',
  entity: 'users',
  connection: 'Prod',
  path: null,
  table: 'Contact',
  join: { column: 'Email', attribute: 'user_email' },
  attributes: [
    { name: 'ltv', column: 'LTV__c', type: 'number', label: 'LTV' },
    { name: 'signed_up', column: 'Signed_Up__c', type: 'time', label: 'Signed up' },
  ],
  schedule: { everyMinutes: 45 },
  createdAt: '2025-01-01T00:00:00Z',
  lastSync: null,
  nextSyncAt: null,
  syncJobId: null,
};

describe('draft', () => {
  it('a saved source comes back as the same definition (editing saves what was there), labels from the source’s columns', () => {
    const draft = draftFromSource(saved);
    const definition = toDefinition(draft, [
      { name: 'Id', label: 'Contact ID' },
      { name: 'Email', label: 'Email' },
      { name: 'LTV__c', label: 'Lifetime Value' },
      { name: 'Signed_Up__c', label: 'Signed_Up__c' },
    ]);
    expect(definition).toEqual({
      name: 'Contacts',
      kind: 'salesforce',
      entity: 'users',
      connection: 'Prod',
      table: 'Contact',
      join: { column: 'Email', attribute: 'user_email' },
      attributes: [
        { column: 'LTV__c', name: 'ltv', type: 'number', label: 'Lifetime Value' },
        { column: 'Signed_Up__c', name: 'signed_up', type: 'time' },
      ],
      schedule: { everyMinutes: 45 },
    });
    expect(sourceDefinition.safeParse(definition).success).toBe(true);
  });

  it('a CSV source names its file and no table; attributes follow the columns’ order', () => {
    const draft = {
      ...emptyDraft(),
      path: 'upload-1',
      fileName: 'crm.csv',
      table: 'crm.csv',
      joinColumn: 'email',
      joinAttribute: 'user_email',
      name: ' CRM ',
      schedule: 'daily' as const,
      columns: {
        plan: { selected: true, name: 'plan', type: 'text' as const, named: false },
        email: { selected: false, name: 'email', type: 'text' as const, named: false },
        ltv: { selected: true, name: 'ltv ', type: 'number' as const, named: true },
      },
    };
    const definition = toDefinition(draft, ['email', 'ltv', 'plan'].map((name) => ({ name, label: name })));
    expect(definition.path).toBe('upload-1');
    expect(definition.table).toBeUndefined();
    expect(definition.connection).toBeUndefined();
    expect(definition.name).toBe('CRM');
    expect(definition.attributes).toEqual([
      { column: 'ltv', name: 'ltv', type: 'number' },
      { column: 'plan', name: 'plan', type: 'text' },
    ]);
    expect(definition.schedule).toBe('daily');
    expect(sourceDefinition.safeParse(definition).success).toBe(true);
  });

  it('new columns start unselected with a suggested name; known ones keep the analyst’s choice', () => {
    const previous = { LTV__c: { selected: true, name: 'lifetime_value', type: 'number' as const, named: true } };
    const merged = mergeColumns(
      previous,
      [
        { name: 'LTV__c', label: 'LTV', sourceType: 'currency', type: 'number' },
        { name: 'Renewal_Date__c', label: 'Renewal', sourceType: 'date', type: 'time' },
      ],
      suggestName,
    );
    expect(merged.LTV__c).toEqual(previous.LTV__c);
    expect(merged.Renewal_Date__c).toEqual({ selected: false, name: 'renewal_date', type: 'time', named: false });
  });

  it('suggests a source name from the file or the table', () => {
    expect(suggestSourceName({ ...emptyDraft(), fileName: 'crm export.csv' })).toBe('crm export');
    expect(suggestSourceName({ ...emptyDraft(), kind: 'salesforce', table: 'Contact' })).toBe('Salesforce Contact');
    expect(suggestSourceName({ ...emptyDraft(), kind: 'snowflake', table: 'DB.PUBLIC.ACCOUNTS' })).toBe('Snowflake ACCOUNTS');
  });
});
