/**
 * The attributes each kind of profile has: the built-in ones of common/keys.ts, then the custom
 * ones sources import (`attributes.list`). Pure functions, so what the provider keeps and how
 * screens group it are tested without a core.
 */
import { ATTRIBUTES, type AttributeGroup, type AttributeSpec, type AttributeType, type ProfileKind } from '../../../../common/keys';

export type AttributeCatalog = Readonly<Record<ProfileKind, readonly AttributeSpec[]>>;

/** What the renderer knows before (or without) the core's answer. */
export const BUILT_IN_CATALOG: AttributeCatalog = ATTRIBUTES;

const KNOWN_TYPES: ReadonlySet<AttributeType> = new Set(['text', 'number', 'time', 'country', 'boolean']);
/** The source a custom attribute is shown under when the core names none. */
export const UNNAMED_SOURCE = 'Custom';

/**
 * One kind's list from the core, made safe to show: every built-in attribute once, in keys.ts
 * order (the core's label wins), then the custom ones in the core's order (by source). A custom
 * attribute that reuses a built-in key or repeats a key is dropped (the core refuses those; a
 * stale answer must not make two columns with one id); an unknown type reads as text.
 */
export function mergeKind(builtIn: readonly AttributeSpec[], fetched: readonly AttributeSpec[]): AttributeSpec[] {
  const fromCore = new Map(fetched.map((s) => [s.key, s]));
  const builtInKeys = new Set(builtIn.map((s) => s.key));
  const merged = builtIn.map((s) => {
    const core = fromCore.get(s.key);
    return core && core.group !== 'custom' ? { ...s, label: core.label || s.label } : s;
  });
  const seen = new Set(builtInKeys);
  for (const spec of fetched) {
    if (typeof spec?.key !== 'string' || seen.has(spec.key)) continue;
    seen.add(spec.key);
    merged.push({
      key: spec.key,
      label: spec.label || spec.key,
      type: KNOWN_TYPES.has(spec.type) ? spec.type : 'text',
      group: 'custom',
      source: spec.source || UNNAMED_SOURCE,
      ...(spec.lowCardinality ? { lowCardinality: true } : {}),
    });
  }
  return merged;
}

/** `attributes.list`'s answer merged over the built-in lists. */
export function mergeCatalog(fetched: Partial<Record<ProfileKind, readonly AttributeSpec[]>>, builtIn: AttributeCatalog = BUILT_IN_CATALOG): AttributeCatalog {
  return {
    user: mergeKind(builtIn.user, fetched.user ?? []),
    account: mergeKind(builtIn.account, fetched.account ?? []),
  };
}

export function findSpec(specs: readonly AttributeSpec[], key: string): AttributeSpec | undefined {
  return specs.find((s) => s.key === key);
}

export function isCustom(spec: AttributeSpec): boolean {
  return spec.group === 'custom';
}

export interface AttributeSection {
  /** A stable id: the group, or `custom:<source>`. */
  id: string;
  /** The group's label, or the source's name for custom attributes. */
  label: string;
  group: AttributeGroup;
  /** Custom sections: the source. */
  source?: string;
  specs: AttributeSpec[];
}

/**
 * The specs in sections: built-in groups in the order of `groups` (those absent from it are left
 * out), then one section per source in the order sources first appear. Empty sections are omitted.
 */
export function attributeSections(
  specs: readonly AttributeSpec[],
  groups: readonly Exclude<AttributeGroup, 'custom'>[],
  labels: Readonly<Partial<Record<AttributeGroup, string>>>,
): AttributeSection[] {
  const sections: AttributeSection[] = groups
    .map((group) => ({ id: group, label: labels[group] ?? group, group, specs: specs.filter((s) => s.group === group) }))
    .filter((s) => s.specs.length > 0);
  const bySource = new Map<string, AttributeSpec[]>();
  for (const spec of specs) {
    if (!isCustom(spec)) continue;
    const source = spec.source ?? UNNAMED_SOURCE;
    bySource.set(source, [...(bySource.get(source) ?? []), spec]);
  }
  for (const [source, inSource] of bySource) {
    sections.push({ id: `custom:${source}`, label: source, group: 'custom', source, specs: inSource });
  }
  return sections;
}
