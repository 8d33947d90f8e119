"""The front doors: the command line (`cli.py`) and the language server, over the same calls."""
