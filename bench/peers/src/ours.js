import { mount } from '../../../src/microfrontends/static/core.js';
import { install } from './common.js';

install({
  name: 'ours',
  mount: (container, url, name) => mount(container, { entry: url, name, sandbox: 'iframe', transport: 'browser' }),
  unmount: (app) => app.unmount(),
  realm: (app) => app.window,
});
