"""Each feature is a module with `register(server)`; the list below is the whole server."""

from . import code_actions, commands, diagnostics, hover, lens, lifecycle

FEATURES = [lifecycle, hover, code_actions, commands, diagnostics, lens]
