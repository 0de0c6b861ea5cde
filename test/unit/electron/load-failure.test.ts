import { describe, expect, it } from 'vitest';
import { loadFailureAction } from '../../../src/main/electron/load-failure';

describe('did-fail-load', () => {
  it('a page that did not load still gets its (hidden) window shown, and the reason logged', () => {
    const action = loadFailureAction({ errorCode: -6, errorDescription: 'ERR_FILE_NOT_FOUND', validatedURL: 'app://corelanes/index.html', isMainFrame: true });
    expect(action).toEqual({ show: true, log: expect.stringContaining('ERR_FILE_NOT_FOUND -6, app://corelanes/index.html') });
    expect(action!.log).toContain('npm run build');
  });
  it('ignores subframes and loads replaced by a newer one (ERR_ABORTED)', () => {
    expect(loadFailureAction({ errorCode: -6, errorDescription: 'x', validatedURL: 'u', isMainFrame: false })).toBeNull();
    expect(loadFailureAction({ errorCode: -3, errorDescription: 'ERR_ABORTED', validatedURL: 'u', isMainFrame: true })).toBeNull();
  });
});
