// Electron entry. Everything that touches Electron lives in ./electron/.
import { startApp } from './electron/app';

startApp();
