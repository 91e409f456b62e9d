"""The program a helper process runs (``python -m newsfuse.nlp.helper``): see :mod:`.parallel`.

It is a module of its own, imported by nothing else, so that running it as a program does not run a module
the package has already imported.
"""
from .parallel import serve

serve()
