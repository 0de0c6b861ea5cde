import { inflateSync } from 'fflate';

/** Web mode deflates each segment frame's columns once for every client (segment-columns.ts); the page inflates them into a buffer the header sized. */
export const inflateColumns = (deflated: Uint8Array, out: Uint8Array): Uint8Array => inflateSync(deflated, { out });
