import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import '@/components/style.css';
import { hydrate } from '@/lib/pages/ui-store';
import { App } from './App';

// Marks for `npm run bench`: where an open spends its time (script loaded, state read, painted).
performance.mark('script');
// Render only once stored state is in, and at once (not on React's schedule): the first paint
// already shows the group.
void hydrate().then(() => {
  performance.mark('hydrated');
  const root = createRoot(document.getElementById('root') ?? document.body);
  flushSync(() => root.render(<App />));
  performance.mark('rendered');
});
