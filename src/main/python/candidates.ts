/** Interpreter names Corelanes looks for on the PATH: python3, python3.X, free-threaded python3.Xt. */
export const PYTHON_NAME = /^python3(\.\d{1,2}t?)?$/;

/** Sorts names so python3 comes first, then versions newest first, a free-threaded build after its GIL twin. */
export function sortPythonNames(names: Iterable<string>): string[] {
  const key = (n: string): [number, number, number] => {
    const m = /^python3(?:\.(\d+)(t?))?$/.exec(n);
    if (!m || m[1] === undefined) return [0, 0, 0];
    return [1, -Number(m[1]), m[2] ? 1 : 0];
  };
  return [...new Set(names)].filter((n) => PYTHON_NAME.test(n)).sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
  });
}
