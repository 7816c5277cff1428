export { ProfileGrid, type ProfileGridProps } from './ProfileGrid';
