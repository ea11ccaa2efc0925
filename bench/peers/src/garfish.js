import Garfish from 'garfish';
import { install } from './common.js';

Garfish.run({ apps: [], autoRefreshApp: false, disablePreloadApp: true, disableStatistics: true });

install({
  name: 'garfish',
  async mount(container, url, name) {
    const app = await Garfish.loadApp(name, { entry: url, domGetter: () => container, cache: true, noCheckProvider: true, asyncProviderTimeout: 0 });
    if (!app) throw new Error('Garfish.loadApp returned no app');
    const ok = await app.mount();
    if (ok === false) throw new Error('app.mount() returned false');
    return app;
  },
  unmount: async (app) => app.unmount(),
});
