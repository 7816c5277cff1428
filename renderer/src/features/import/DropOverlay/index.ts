export { DropOverlay, type DropOverlayProps } from './DropOverlay';
