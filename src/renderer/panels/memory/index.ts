export { addressSpaces, memorySummary, type AddressSpace } from './address-spaces';
export { memoryGrid, type GridGeometry } from './memory-grid';
