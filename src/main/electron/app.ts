import { app } from 'electron';

export function startApp(): void {
  void app.whenReady();
}
