"""Proposing rewrites: backends, the prompt, parsing, and the optimization loop.

Knows nothing of LSP; imports only `afterburner.sandbox`.
"""
