import { startApp, destroyApp } from 'wujie';
import { install } from './common.js';

install({
  name: 'wujie',
  async mount(container, url, name) {
    await startApp({ name, url, el: container, alive: false, sync: false });
    return name;
  },
  // startApp's only public way back is destroy (the function it returns, or destroyApp).
  unmount: async (name) => destroyApp(name),
});
