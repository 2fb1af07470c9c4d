// Renderer entry: the app's stores (created once, handed down by <StoresProvider>) and one host
// client (Electron preload bridge or WebSocket to `sluice serve`).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/base.css';
// The editor's styles, in cascade order (each file one area of the window).
import './styles/base.css';
import './styles/panels.css';
import './styles/canvas.css';
import './styles/overlays.css';
import './styles/run-nodes.css';
import './styles/run-panels.css';
import './interaction.css';
import { getHostClient } from './host/index.js';
import { App } from './components/App.js';
import { createAppStores } from './store/appStores.js';
import { StoresProvider } from './store/StoresProvider.js';
import { restoreAutosave, startAutosave } from './store/autosave.js';
import { loadThemeChoice } from './theme.js';
import { installTestApi } from './testApi.js';

const stores = createAppStores({ storage: localStorage });
loadThemeChoice(stores.editor);
restoreAutosave(stores.editor, localStorage);
startAutosave(stores.editor, localStorage);
installTestApi(stores);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <StoresProvider stores={stores}>
      <ReactFlowProvider>
        <App host={getHostClient()} />
      </ReactFlowProvider>
    </StoresProvider>
  </StrictMode>,
);
