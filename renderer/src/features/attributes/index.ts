export { AttributesProvider, useAttributeCatalog, useAttributes, useAttributeSpec } from './AttributesProvider';
export { attributeSections, BUILT_IN_CATALOG, findSpec, isCustom, mergeCatalog, type AttributeCatalog, type AttributeSection } from './catalog';
export { booleanValue, formatBoolean } from './values';
