// The module lib/build/operations-index-plugin.ts serves at build time.
declare module 'virtual:operations-index' {
  import type { OperationsIndex } from '../common/operations';
  const index: OperationsIndex;
  export default index;
}
