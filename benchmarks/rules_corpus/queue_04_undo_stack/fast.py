"""Undo/redo bookkeeping for a collaborative text editor."""
from __future__ import annotations

from collections import deque


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
        undo_cmd = self.UNDO
        redo_cmd = self.REDO
        max_depth = self.max_depth
        done = deque(self.done)
        undone = deque(self.undone)
        for command in commands:
            if command == undo_cmd:
                if done:
                    undone.appendleft(done.popleft())
            elif command == redo_cmd:
                if undone:
                    done.appendleft(undone.popleft())
            else:
                done.appendleft(command)
                undone.clear()
                if max_depth and len(done) > max_depth:
                    done.pop()
        # write the state back into the same list objects
        self.done[:] = done
        self.undone[:] = undone
        return list(done)
