// Renderer entry: one store, one host client (Electron preload bridge or WebSocket to `sluice serve`).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/base.css';
import './styles.css';
import { getHostClient } from './host/index.js';
import { App } from './components/App.js';
import { loadThemeChoice } from './theme.js';
import { installTestApi } from './testApi.js';

loadThemeChoice();
installTestApi();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ReactFlowProvider>
      <App host={getHostClient()} />
    </ReactFlowProvider>
  </StrictMode>,
);
