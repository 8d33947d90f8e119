"""Code that runs inside a sandboxed worker process, next to user code.

Everything under `child/` imports only the standard library (plus msgpack through
`..protocol`, and pytest / hypothesis lazily where the user's environment has them),
because it runs under the workspace's own interpreter.
"""
