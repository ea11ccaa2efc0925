// Vue 3: a single-file component compiled at build time; unmount is app.unmount().
import { createApp } from 'vue';
import { defineBadge } from '../../shared/badge.js';
import { mountPoint, sharedState } from '../../shared/host.js';
import '../../shared/style.css';
import Counter from './Counter.vue';

defineBadge();
let app = null;

export async function bootstrap() {}

export async function mount(props) {
  app = createApp(Counter, { state: sharedState(props) });
  app.mount(mountPoint(props));
}

export async function unmount() {
  app.unmount();
  app = null;
}
