// Svelte 5: a component compiled at build time, with runes; unmount is svelte's unmount().
import { mount as mountComponent, unmount as unmountComponent } from 'svelte';
import { defineBadge } from '../../shared/badge.js';
import { mountPoint, sharedState } from '../../shared/host.js';
import '../../shared/style.css';
import Counter from './Counter.svelte';

defineBadge();
let component = null;

export async function bootstrap() {}

export async function mount(props) {
  component = mountComponent(Counter, { target: mountPoint(props), props: { store: sharedState(props) } });
}

export async function unmount() {
  await unmountComponent(component);
  component = null;
}
