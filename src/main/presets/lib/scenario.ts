import type { RunParamsInput, Scenario } from '../../../shared';
import { pythonsOnPath } from '../../python/discover';

/** A scenario that is always available. */
export function scenario(id: string, title: string, claim: string, params: RunParamsInput = {}): Scenario {
  return { id, title, claim, params: params as Scenario['params'], available: true, unavailableReason: null };
}

/** A scenario that needs python3 on the PATH; checked when read, so a later install shows. */
export function pythonScenario(id: string, title: string, claim: string, params: RunParamsInput = {}): () => Scenario {
  return () => {
    const has = pythonsOnPath().has('python3');
    return { ...scenario(id, title, claim, params), available: has, unavailableReason: has ? null : 'no python3 on the PATH' };
  };
}
