// A Vue 3 table of the orders in the shared state, filtered by its region and minimum
// amount. Clicking a row emits `order-selected` to Python.
// On a GlobalState in a notebook; otherwise standalone, with sample data.
var host = window.microfrontends && window.microfrontends.hasGlobalState ? window.microfrontends : null;
var sample = {
  region: 'All', min_amount: 0,
  orders: [{ id: 1, customer: 'Standalone Ltd', region: 'EU', amount: 120 }],
};

Vue.createApp({
  data: function () {
    return { state: host ? host.getGlobalState() : sample, selected: null };
  },
  computed: {
    rows: function () {
      var state = this.state;
      return (state.orders || []).filter(function (order) {
        return (state.region === 'All' || order.region === state.region) &&
          order.amount >= (state.min_amount || 0);
      });
    },
    scope: function () {
      var parts = [this.state.region === 'All' ? 'all regions' : this.state.region];
      if (this.state.min_amount) parts.push('from ' + this.state.min_amount);
      return parts.join(', ');
    },
  },
  methods: {
    select: function (order) {
      this.selected = order.id;
      if (host) host.emit('order-selected', order);
    },
  },
  mounted: function () {
    var vm = this;
    if (host) host.onGlobalStateChange(function (state) { vm.state = state; });
  },
}).mount('#orders');
