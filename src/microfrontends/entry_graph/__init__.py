"""The entry graph read in Python: the files an app's HTML entry, its stylesheets and its scripts
load (:mod:`.markup`, :mod:`.stylesheets`, :mod:`.scripts`, :mod:`.urls`), and the one crawl
of that graph (:mod:`.crawl`) that :func:`microfrontends.prefetch` and ``MicroApp(embed=True)``
share. HTML, CSS and JavaScript are read with real parsers, so comments, strings and escapes
count as a browser counts them.
"""
