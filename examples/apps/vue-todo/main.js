// A plain Vue 3 app written for the global build: `Vue` and `_` are globals made by
// the two vendor scripts, and the template is the #app markup in index.html.
const { createApp, ref, computed } = Vue;

let nextId = 1;
const makeItem = (text) => ({ id: nextId++, text, done: false });

const app = createApp({
  setup() {
    const title = ref('Todo list');
    const draft = ref('');
    const items = ref(['Write tests', 'Build the apps', 'Ask the kernel'].map(makeItem));

    // lodash: open items first, then alphabetical.
    const sorted = computed(() => _.sortBy(items.value, [(item) => item.done, (item) => item.text.toLowerCase()]));
    const remaining = computed(() => items.value.filter((item) => !item.done).length);

    function add() {
      if (!draft.value) return;
      items.value.push(makeItem(draft.value));
      draft.value = '';
    }

    return { title, draft, items, sorted, remaining, add };
  },
});

app.mount('#app');
