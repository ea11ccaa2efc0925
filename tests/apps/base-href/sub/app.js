document.getElementById('out').textContent = 'base ok';
// An image made at run time, its URL given by setAttribute: it resolves against sub/ too.
var made = document.createElement('img');
made.id = 'made';
made.setAttribute('src', 'dot.svg');
document.body.appendChild(made);
