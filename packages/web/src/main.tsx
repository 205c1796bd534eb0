/** The app's entry: mounts <App/> into #root. */
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './styles/app.css';

createRoot(document.getElementById('root')!).render(<App />);
