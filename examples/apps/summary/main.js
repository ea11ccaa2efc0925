// Shows the summary Python computes into the shared state, with a lodash template.
var host = window.microfrontends;
var render = _.template(document.getElementById('summary-template').textContent);
var money = function (n) { return '$' + Math.round(n).toLocaleString('en-US'); };

function show(state) {
  var summary = state.summary || {};
  document.getElementById('summary').innerHTML = render({
    count: summary.count === undefined ? '…' : summary.count,
    total: summary.total === undefined ? '…' : money(summary.total),
    average: summary.average === undefined ? '…' : money(summary.average),
    top: summary.top_customer || '—',
    scope: summary.scope || 'nothing yet',
  });
}

if (host) host.onGlobalStateChange(show, true);
else show({});
