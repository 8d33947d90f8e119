"""Helpers of benchmarks/realworld.py: the environment, the call tracer, the per-function jobs
and the summary. The corpus is corpus.toml; hand-written rewrites sit in <project>/."""
