export { KindCard, type KindCardProps } from './KindCard';
