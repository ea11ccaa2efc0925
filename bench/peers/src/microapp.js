import microApp from '@micro-zoe/micro-app';
import { install } from './common.js';

microApp.start();

install({
  name: 'micro-app',
  mount(container, url, name) {
    return new Promise((resolve, reject) => {
      const el = document.createElement('micro-app');
      el.setAttribute('name', name);
      el.setAttribute('url', url);
      el.addEventListener('mounted', () => resolve(el), { once: true });
      el.addEventListener('error', (event) => reject(new Error(`micro-app error event: ${event.detail && event.detail.error}`)), { once: true });
      container.appendChild(el);
    });
  },
  async unmount(el) {
    // Removing the element unmounts the app; its sources stay cached for the next mount.
    el.remove();
  },
});
