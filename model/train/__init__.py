"""Training (SFT, DPO, GRPO on TRL) and the data and reward it needs.

`reward` and `data` import nothing heavy; `trainers` imports torch, transformers and trl
only when a training run starts.
"""
