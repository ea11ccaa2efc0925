// Turns the shared state's orders into the customers table's rows: the orders at or above
// `min_amount` in the selected `region` ("All" for every region), totalled per customer.
export function selectedOrders(state) {
  const region = state.region || 'All';
  const minimum = state.min_amount || 0;
  return (state.orders || []).filter(
    (order) => (region === 'All' || order.region === region) && order.amount >= minimum,
  );
}

export function customerTotals(orders) {
  const byCustomer = new Map();
  for (const order of orders) {
    const row = byCustomer.get(order.customer) || { customer: order.customer, count: 0, total: 0 };
    row.count += 1;
    row.total += order.amount;
    byCustomer.set(order.customer, row);
  }
  return [...byCustomer.values()].sort((a, b) => b.total - a.total || a.customer.localeCompare(b.customer));
}

export function scopeOf(state) {
  const region = !state.region || state.region === 'All' ? 'all regions' : state.region;
  return state.min_amount ? `${region}, from ${state.min_amount}` : region;
}

export const money = (amount) => `$${Math.round(amount).toLocaleString('en-US')}`;
