"""Undo/redo bookkeeping for a collaborative text editor."""
from __future__ import annotations


class UndoStack:
    """Keeps edits newest-first, so ``self.done[0]`` is the next edit to undo."""

    UNDO = "<undo>"
    REDO = "<redo>"

    def __init__(self, max_depth: int = 0) -> None:
        self.max_depth = max_depth
        self.done: list[str] = []
        self.undone: list[str] = []

    def replay(self, commands: list[str]) -> list[str]:
        """Apply a command log and return the edits still applied, newest first.

        ``UNDO``/``REDO`` move the newest edit between the two stacks; anything
        else is a new edit, which clears the redo stack.  With a positive
        ``max_depth`` the oldest edits fall off the bottom of the undo stack.
        """
        for command in commands:
            if command == self.UNDO:
                if self.done:
                    self.undone.insert(0, self.done.pop(0))
            elif command == self.REDO:
                if self.undone:
                    self.done.insert(0, self.undone.pop(0))
            else:
                self.done.insert(0, command)
                self.undone.clear()
                if self.max_depth and len(self.done) > self.max_depth:
                    self.done.pop()
        return list(self.done)
