import random

from mod import UndoStack


def command_log(n, seed=1234):
    rng = random.Random(seed)
    log = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.12:
            log.append(UndoStack.UNDO)
        elif roll < 0.18:
            log.append(UndoStack.REDO)
        else:
            log.append(f"insert@{rng.randrange(10_000)}:{i}")
    return log


def model(commands, max_depth=0, done=(), undone=()):
    # oldest-first model: the newest edit sits at the END of each list
    done = list(reversed(done))
    undone = list(reversed(undone))
    for c in commands:
        if c == UndoStack.UNDO:
            if done:
                undone.append(done.pop())
        elif c == UndoStack.REDO:
            if undone:
                done.append(undone.pop())
        else:
            done.append(c)
            undone = []
            if max_depth and len(done) > max_depth:
                del done[0]
    return done[::-1], undone[::-1]


def test_long_session_unbounded():
    log = command_log(30000)
    stack = UndoStack()
    done_before = stack.done
    result = stack.replay(log)
    exp_done, exp_undone = model(log)
    assert result == exp_done
    assert stack.done == exp_done and stack.undone == exp_undone
    assert stack.done is done_before
    assert result is not stack.done
    assert len(result) > 15000


def test_bounded_depth_and_second_replay():
    log = command_log(6000, seed=5)
    stack = UndoStack(max_depth=2500)
    first = stack.replay(log[:3000])
    assert first == model(log[:3000], 2500)[0]
    second = stack.replay(log[3000:])
    exp_done, exp_undone = model(log[3000:], 2500, first, model(log[:3000], 2500)[1])
    assert second == exp_done
    assert stack.undone == exp_undone
    assert len(second) <= 2500


def test_small_cases():
    s = UndoStack()
    assert s.replay([]) == []
    assert s.replay([UndoStack.UNDO, UndoStack.REDO]) == []
    assert s.replay(["a", "b", "c", UndoStack.UNDO, UndoStack.UNDO]) == ["a"]
    assert s.undone == ["b", "c"]
    assert s.replay([UndoStack.REDO]) == ["b", "a"]
    assert s.replay(["ä"]) == ["ä", "b", "a"]
    assert s.undone == []
    t = UndoStack(max_depth=2)
    assert t.replay(["x", "y", "z", "x"]) == ["x", "z"]
