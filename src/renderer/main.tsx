import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppController } from './app/controller';
import { pickClient } from './bridge/pick-client';
import './styles.css';

// The transport is chosen once: the preload's bridge inside Electron, else a WebSocket to this origin.
const { client, transport, mayAutostart } = pickClient(window as Window & { corelanes?: unknown });
const controller = new AppController(client);
const root = document.getElementById('root');
if (root) createRoot(root).render(<App controller={controller} transport={transport} mayAutostart={mayAutostart} />);
