export { MOD_LABEL, ShortcutsHelp } from './ShortcutsHelp';
