import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('corelanes', {});
