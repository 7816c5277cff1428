import { describe, expect, it } from 'vitest';
import { isMethodName } from './contract';
import { countMethod, getMethod, kindPlural, PROFILE_METHODS, pageMethod, valuesMethod } from './entities';

describe('kind → method', () => {
  it('names the contract method of each kind', () => {
    expect(pageMethod('user')).toBe('users.page');
    expect(countMethod('account')).toBe('accounts.count');
    expect(getMethod('user')).toBe('users.get');
    expect(valuesMethod('account')).toBe('accounts.values');
    expect(kindPlural('account')).toBe('accounts');
  });

  it('names only methods the contract has, each starting with the kind’s plural', () => {
    for (const kind of ['user', 'account'] as const) {
      for (const method of Object.values(PROFILE_METHODS[kind])) {
        expect(isMethodName(method)).toBe(true);
        expect(method.startsWith(`${kindPlural(kind)}.`)).toBe(true);
      }
    }
  });
});
