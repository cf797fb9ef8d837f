"""Imported last, and only, by the extraction fork server (see documents.extraction.PRELOAD).

Freezing what the server has loaded keeps the garbage collector of each forked child from
walking (and so copying) every page of it: a child then starts in milliseconds, not 100 ms.
"""

import gc

gc.collect()
gc.freeze()
