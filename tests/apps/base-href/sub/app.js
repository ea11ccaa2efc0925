document.getElementById('out').textContent = 'base ok';
