// React 19 (createRoot, StrictMode): the shared React counter, on this app's own React.
import * as React from 'react';
import * as ReactDOMClient from 'react-dom/client';
import { reactApp } from '../../shared/react-app.js';
import '../../shared/style.css';

export const { bootstrap, mount, unmount } = reactApp(React, ReactDOMClient, 'React 19');
