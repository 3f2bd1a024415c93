import { createRoot } from 'react-dom/client';
import '@/components/style.css';
import '@/components/console/console.css';
import { hydrate } from '@/lib/pages/ui-store';
import { App } from './App';

// Render only once stored state is in: the first paint already lists every agency's sub workspaces.
void hydrate().then(() => createRoot(document.getElementById('root') ?? document.body).render(<App />));
