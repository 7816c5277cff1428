export { ColorSchemeMenu } from './ColorSchemeMenu';
