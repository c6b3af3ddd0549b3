"""Python's garbage collector kept off what a build keeps to its end.

A build holds the environment from start to end: at 1,000 publications some
millions of objects, which the collector walks again at each full collection
without ever freeing one. In a build that changes one publication that was
about a third of the time, half of it while the pickled environment was
loaded (measured with ``gc.callbacks``). So the collector is off while
Sphinx loads the environment (from ``config-inited`` to ``builder-inited``),
and what is there then is frozen (``gc.freeze``): the collector leaves it
alone and goes on collecting what is made after. Once
every document is read, a collection frees the doctrees the reading dropped
and what is left is frozen too. Python's documentation recommends freezing
before forking, which Sphinx's parallel workers do. What is frozen stays
frozen to the end: unfreezing it would have the collector walk it all again.
"""

import gc


def pause(app, config) -> None:
    gc.disable()


def freeze_loaded(app) -> None:
    gc.freeze()
    gc.enable()


def freeze_read(app, env) -> None:
    gc.collect()
    gc.freeze()


def setup(app) -> None:
    app.connect("config-inited", pause, priority=900)  # Sphinx loads the environment after it
    app.connect("builder-inited", freeze_loaded, priority=0)
    app.connect("env-updated", freeze_read, priority=900)  # after the others have read
