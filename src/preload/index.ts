// Sandboxed preload (CommonJS, see electron.vite.config.ts): exposes the bridge
// contract as window.corelanes and nothing more.
import { contextBridge, ipcRenderer } from 'electron';
import { createCorelanesApi } from './api';

contextBridge.exposeInMainWorld('corelanes', createCorelanesApi(ipcRenderer));
