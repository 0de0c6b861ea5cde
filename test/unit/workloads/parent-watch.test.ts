import { describe, expect, it } from 'vitest';
import { expectedParentPid } from '../../../src/workers/runtime/parent-watch';

describe('expectedParentPid', () => {
  it('trusts the pid the host passed over the ppid seen at start (the parent may already be gone)', () => {
    expect(expectedParentPid({ CORELANES_PARENT_PID: '4242' }, 1)).toBe(4242);
  });
  it('falls back to the ppid when the host passed nothing usable', () => {
    expect(expectedParentPid({}, 77)).toBe(77);
    expect(expectedParentPid({ CORELANES_PARENT_PID: 'x' }, 77)).toBe(77);
    expect(expectedParentPid({ CORELANES_PARENT_PID: '-3' }, 77)).toBe(77);
  });
});
