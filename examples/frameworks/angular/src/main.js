// Angular with zone.js and a standalone component, compiled in the browser (JIT, by
// @angular/compiler): no Angular CLI at build time. Decorators are applied as the functions
// they are, so plain JavaScript needs no decorator transform. Each mount creates an
// application (createApplication) and bootstraps the component on the app's own element;
// unmount is appRef.destroy().
import 'zone.js';
import '@angular/compiler';
import { CUSTOM_ELEMENTS_SCHEMA, Component, InjectionToken, NgZone, inject, provideZoneChangeDetection, signal } from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import { defineBadge } from '../../shared/badge.js';
import { mountPoint, sharedState } from '../../shared/host.js';
import '../../shared/style.css';

// The host's state functions, given to the component by dependency injection.
const SHARED_STATE = new InjectionToken('shared state');

const Counter = Component({
  selector: 'fw-angular-counter',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `<section class="counter-app">
    <h3>Angular</h3>
    <p data-testid="shared">shared: {{ shared() }}</p>
    <fw-badge [attr.count]="shared()"></fw-badge>
    <button data-testid="counter" (click)="click()">clicks: {{ clicks() }}</button>
  </section>`,
})(
  class Counter {
    clicks = signal(0);
    shared = signal(0);
    state = inject(SHARED_STATE);
    zone = inject(NgZone);

    ngOnInit() {
      // State changes arrive from the host, outside Angular's zone: enter it to update.
      this.unsubscribe = this.state.subscribe((value) => this.zone.run(() => this.shared.set(value.count)));
    }

    ngOnDestroy() {
      this.unsubscribe();
    }

    click() {
      this.clicks.update((n) => n + 1);
      this.shared.update((n) => n + 1);
      this.state.set({ count: this.shared() });
    }
  },
);

defineBadge();
let appRef = null;

export async function bootstrap() {}

export async function mount(props) {
  appRef = await createApplication({
    providers: [provideZoneChangeDetection(), { provide: SHARED_STATE, useValue: sharedState(props) }],
  });
  const host = document.createElement('fw-angular-counter');
  mountPoint(props).append(host);
  appRef.bootstrap(Counter, host);
}

export async function unmount() {
  appRef.destroy();
  appRef = null;
}
