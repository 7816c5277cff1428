import { describe, expect, it } from 'vitest';
import type { QueryNode } from './ast';
import { QueryError } from './errors';
import { parseQuery } from './parse';

/** A compact rendering of a tree, so precedence is visible at a glance. */
function show(node: QueryNode | null): string {
  if (node === null) return '∅';
  switch (node.type) {
    case 'and':
    case 'or':
      return `(${node.items.map(show).join(` ${node.type.toUpperCase()} `)})`;
    case 'not':
      return `NOT ${show(node.item)}`;
    case 'text':
      return node.phrase ? `"${node.text}"` : `text(${node.text})`;
    case 'field':
      return `${node.key}:${showValue(node.value)}`;
  }
}
function showValue(v: Extract<QueryNode, { type: 'field' }>['value']): string {
  switch (v.type) {
    case 'and':
    case 'or':
      return `(${v.items.map(showValue).join(` ${v.type.toUpperCase()} `)})`;
    case 'not':
      return `NOT ${showValue(v.item)}`;
    case 'exact':
      return v.quoted ? `"${v.value}"` : `=${v.value}`;
    case 'wildcard':
      return `~${v.pattern}`;
    case 'present':
      return '*';
    case 'compare':
      return `${v.op}${v.value}`;
    case 'range':
      return `[${v.from ?? '*'}..${v.to ?? '*'}]`;
  }
}
const p = (q: string): string => show(parseQuery(q));

function errorOf(q: string): QueryError {
  try {
    parseQuery(q);
  } catch (err) {
    if (err instanceof QueryError) return err;
    throw err;
  }
  throw new Error(`"${q}" parsed`);
}

describe('parseQuery', () => {
  it('reads free text, phrases and an empty query', () => {
    expect(p('')).toBe('∅');
    expect(p('   ')).toBe('∅');
    expect(p('alice')).toBe('text(alice)');
    expect(p('"jane doe"')).toBe('"jane doe"');
    expect(p('alice bob')).toBe('(text(alice) AND text(bob))');
  });

  it('reads key:value with the @ prefix, wildcards, presence and quoted values', () => {
    expect(p('@user_email:a@b.com')).toBe('user_email:=a@b.com');
    expect(p('user_email:*@acme.com')).toBe('user_email:~*@acme.com');
    expect(p('account_id:*')).toBe('account_id:*');
    expect(p('user_name:"Jane Doe"')).toBe('user_name:"Jane Doe"');
    expect(p('first_seen:2025-03-01T10:00:00Z')).toBe('first_seen:=2025-03-01T10:00:00Z');
  });

  it('reads comparisons and ranges', () => {
    expect(p('session_count:>=5')).toBe('session_count:>=5');
    expect(p('session_count:>5')).toBe('session_count:>5');
    expect(p('last_seen:<now-7d')).toBe('last_seen:<now-7d');
    expect(p('view_count:[10 TO 20]')).toBe('view_count:[10..20]');
    expect(p('view_count:[10 TO *]')).toBe('view_count:[10..*]');
    expect(p('last_seen:[2025-03-01 TO "2025-04-01"]')).toBe('last_seen:[2025-03-01..2025-04-01]');
  });

  it('gives AND precedence over OR, implicit AND, and parentheses', () => {
    expect(p('a b OR c')).toBe('((text(a) AND text(b)) OR text(c))');
    expect(p('a AND b OR c AND d')).toBe('((text(a) AND text(b)) OR (text(c) AND text(d)))');
    expect(p('a (b OR c)')).toBe('(text(a) AND (text(b) OR text(c)))');
    expect(p('(last_device_type:mobile OR last_device_type:tablet) session_count:>=5')).toBe(
      '((last_device_type:=mobile OR last_device_type:=tablet) AND session_count:>=5)',
    );
  });

  it('reads negation with - and NOT, binding tighter than AND', () => {
    expect(p('-account_id:*')).toBe('NOT account_id:*');
    expect(p('NOT a b')).toBe('(NOT text(a) AND text(b))');
    expect(p('-(a OR b)')).toBe('NOT (text(a) OR text(b))');
    expect(p('NOT NOT a')).toBe('NOT NOT text(a)');
    expect(p('user_email:*@acme.com -last_browser_name:Safari')).toBe('(user_email:~*@acme.com AND NOT last_browser_name:=Safari)');
  });

  it('reads value groups', () => {
    expect(p('last_country_code:(FR OR DE)')).toBe('last_country_code:(=FR OR =DE)');
    expect(p('last_country_code:(FR OR -DE)')).toBe('last_country_code:(=FR OR NOT =DE)');
    expect(p('session_count:(>5 AND <10)')).toBe('session_count:(>5 AND <10)');
  });

  it('resolves escapes: escaped colons, spaces and wildcards are literal', () => {
    expect(p('user_name:Jane\\ Doe')).toBe('user_name:=Jane Doe');
    expect(p('a\\:b')).toBe('text(a:b)');
    expect(p('user_id:ab\\*c')).toBe('user_id:=ab*c');
    expect(p('user_id:a\\*b*')).toBe('user_id:~a\\*b*');
    expect(p('"say \\"hi\\""')).toBe('"say "hi""');
  });

  it('keeps lower-case and/or as words, and keywords only standing alone', () => {
    expect(p('a or b')).toBe('(text(a) AND text(or) AND text(b))');
    expect(p('ORACLE')).toBe('text(ORACLE)');
    expect(p('NOTE')).toBe('text(NOTE)');
  });

  it('records spans', () => {
    const node = parseQuery('a  user_id:x');
    expect(node?.type).toBe('and');
    const field = node?.type === 'and' ? node.items[1] : undefined;
    expect(field).toMatchObject({ type: 'field', start: 3, end: 12, keySpan: { start: 3, end: 10 } });
  });

  it.each([
    ['(a OR b', 7, '")"'],
    ['a OR', 4, 'a term'],
    ['a AND', 5, 'a term'],
    ['NOT', 3, 'a term'],
    ['a )', 2, 'a term or the end of the query'],
    ['user_id:', 8, 'a value'],
    ['user_id: x', 8, 'a value'],
    ['"open', 5, '"'],
    ['view_count:[1 TO', 16, 'the end of the range'],
    ['view_count:[1 20]', 14, '"TO"'],
    ['view_count:[1 TO 2', 18, '"]"'],
    ['session_count:>', 15, 'a value'],
    [':x', 0, 'a key'],
    ['a - b', 3, 'a term'],
    ['x\\', 2, 'an escaped character'],
    ['()', 1, 'a term'],
  ])('%s fails at position %i expecting %s', (q, position, expected) => {
    const err = errorOf(q);
    expect(err.position).toBe(position);
    expect(err.expected).toBe(expected);
    expect(err.message).toContain(`position ${position}`);
  });

  it('names an unbalanced ) as such', () => {
    expect(errorOf('a) b').message).toMatch(/Unexpected "\)" at position 1: no "\(" opened it/);
  });
});

describe('parseQuery nesting', () => {
  it('refuses deep nesting with a position instead of overflowing the stack', () => {
    const deep = '('.repeat(100_000) + 'a' + ')'.repeat(100_000);
    expect(errorOf(deep)).toMatchObject({ position: 32, expected: 'fewer nested levels' });
    expect(errorOf('-'.repeat(50_000) + 'a').position).toBe(32);
    expect(errorOf('NOT '.repeat(40) + 'a').position).toBe(128);
    expect(parseQuery('('.repeat(32) + 'a' + ')'.repeat(32))).toMatchObject({ type: 'text', text: 'a' });
  });
});
