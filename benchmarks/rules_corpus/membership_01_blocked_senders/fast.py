"""Inbound mail filtering."""
from typing import NamedTuple


class Message(NamedTuple):
    sender: str
    subject: str
    size: int


def drop_blocked(messages: list[Message], blocked_senders: list[str]) -> list[Message]:
    """Return the messages whose sender is not on the block list, in arrival order."""
    blocked = set(blocked_senders)
    return [msg for msg in messages if msg.sender not in blocked]
