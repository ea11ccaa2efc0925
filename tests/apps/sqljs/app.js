// sql.js as its README shows it: locateFile gives the .wasm's URL relative to the page, then a
// table is made, filled and queried.
const result = document.getElementById('sql-result');

initSqlJs({ locateFile: (file) => `vendor/${file}` })
  .then((SQL) => {
    const db = new SQL.Database();
    db.run('CREATE TABLE fruit (name TEXT, count INTEGER)');
    db.run('INSERT INTO fruit VALUES (?, ?), (?, ?), (?, ?)', ['apple', 3, 'pear', 5, 'plum', 7]);
    const [rows] = db.exec('SELECT count(*), sum(count) FROM fruit WHERE count > 3');
    const [version] = db.exec('SELECT sqlite_version()');
    result.textContent = `rows ${rows.values[0][0]}, total ${rows.values[0][1]}, sqlite ${version.values[0][0]}`;
    db.close();
  })
  .catch((error) => {
    result.textContent = `error: ${error.message}`;
  });

// The type the .wasm is served with: application/wasm lets the browser compile it as it streams.
fetch('vendor/sql-wasm.wasm')
  .then((response) => {
    document.getElementById('wasm-type').textContent = `wasm ${response.headers.get('content-type')}`;
  })
  .catch((error) => {
    document.getElementById('wasm-type').textContent = `error: ${error.message}`;
  });
