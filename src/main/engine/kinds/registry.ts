import type { WorkerKind } from '../../../shared';
import type { KindAvailability, KindDefinition } from './kind-driver';
import { processKind } from './process-kind';
import { threadKind } from './thread-kind';
import { gilThreadKind } from './gil-thread-kind';
import { pythonProcessKind } from './python-process-kind';
import { pythonThreadKind } from './python-thread-kind';

/**
 * Every kind of worker the engine knows. A new kind (gil-thread, python-*) is
 * one driver file in this folder and one line here; the session never changes.
 */
export const KIND_DEFINITIONS: KindDefinition[] = [threadKind, processKind, gilThreadKind, pythonThreadKind, pythonProcessKind];

export function findKind(kind: WorkerKind): KindDefinition | undefined {
  return KIND_DEFINITIONS.find((k) => k.kind === kind);
}

/** Availability of a kind; a kind with no driver is unavailable with that reason. */
export async function kindAvailability(kind: WorkerKind): Promise<KindAvailability> {
  const def = findKind(kind);
  if (!def) return { available: false, reason: `the '${kind}' kind is not built into this version of Corelanes` };
  return def.availability();
}
