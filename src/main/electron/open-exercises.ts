import type { OpenDialogOptions, OpenDialogReturnValue } from 'electron';

export const OPEN_EXERCISES_DIALOG: OpenDialogOptions = {
  title: 'Open a folder of workshop exercises',
  buttonLabel: 'Use this folder',
  properties: ['openDirectory'],
};

/** File ▸ Open Exercises Folder…: the folder the user chose, or null. The page lists it again (exercises-changed); broken files show there with file:line. */
export async function chooseExercisesFolder(show: (options: OpenDialogOptions) => Promise<OpenDialogReturnValue>): Promise<string | null> {
  const chosen = await show(OPEN_EXERCISES_DIALOG);
  return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
}
