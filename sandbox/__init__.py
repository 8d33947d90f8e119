"""The truth: isolated execution, inputs, equivalence, timing, memory and profiles.

Knows nothing of models or editors. User code never runs in this process: every call
goes through a sandboxed worker (`worker.py`; the worker side lives in `child/`).
This file imports nothing, because workers import `afterburner.sandbox.child` under the
user's interpreter, which need not have this side's dependencies (psutil).

Entry points: `target.parse_target`, `inputs.collect_inputs`, `verify.verify`,
`profile.profile`, `worker.Sandbox`.
"""
