import { loadMicroApp } from 'qiankun';
import { install } from './common.js';

install({
  name: 'qiankun',
  async mount(container, url, name) {
    const app = loadMicroApp(
      { name, entry: url, container },
      { sandbox: { experimentalStyleIsolation: true }, singular: false },
    );
    await app.mountPromise;
    return app;
  },
  unmount: (app) => app.unmount(),
});
