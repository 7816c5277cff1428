import { describe, expect, it } from 'vitest';
import { queryParam, readHashParam, writeHashParam } from './hashState';

describe('grid URL state in the hash', () => {
  it('names one parameter per page', () => {
    expect(queryParam('user')).toBe('users.q');
    expect(queryParam('account')).toBe('accounts.q');
  });

  it('round-trips any query and keeps the token untouched', () => {
    const query = 'last_country_code:(FR OR DE) user_email:*@acme.com -"jane doe" a&b=c #x % é';
    const hash = writeHashParam('#token=ab%2Bc~d', 'users.q', query);
    expect(hash.startsWith('#token=ab%2Bc~d&users.q=')).toBe(true);
    expect(readHashParam(hash, 'users.q')).toBe(query);
    expect(readHashParam(hash, 'token')).toBe('ab+c~d');
    // The token reader of the HTTP transport still finds it.
    expect(/(?:^|[#&])token=([^&]+)/.exec(hash)?.[1]).toBe('ab%2Bc~d');
  });

  it('keeps keys readable', () => {
    expect(writeHashParam('', 'users.q', 'session_count:>=2 user_email:*@a.com')).toBe('#users.q=session_count:%3E%3D2%20user_email:*@a.com');
  });

  it('replaces in place and removes an empty query', () => {
    let hash = writeHashParam('#token=t&users.q=a', 'users.q', 'b');
    expect(hash).toBe('#token=t&users.q=b');
    hash = writeHashParam(hash, 'accounts.q', 'c');
    expect(hash).toBe('#token=t&users.q=b&accounts.q=c');
    expect(writeHashParam(hash, 'users.q', '')).toBe('#token=t&accounts.q=c');
    expect(writeHashParam('#users.q=x', 'users.q', null)).toBe('');
  });

  it('reads absent and undecodable parameters as null', () => {
    expect(readHashParam('#token=t', 'users.q')).toBeNull();
    expect(readHashParam('#users.q=%E0%A4%A', 'users.q')).toBeNull();
    expect(readHashParam('#xusers.q=a', 'users.q')).toBeNull();
    expect(readHashParam('#users.q=', 'users.q')).toBe('');
  });
});
