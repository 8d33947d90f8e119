import random

from mod import double_booked_guests


def build_large():
    rng = random.Random(1234)
    rooms = [f"{floor}{num:02d}" for floor in range(1, 9) for num in range(1, 31)]
    bookings = []
    for i in range(3000):
        bookings.append((rng.choice(rooms), rng.randrange(20240101, 20240101 + 60), f"guest-{i}"))
    return (bookings,)


def test_large_season():
    (bookings,) = build_large()
    result = double_booked_guests(bookings)
    first = {}
    expected = []
    for room, night, guest in bookings:
        if (room, night) in first:
            expected.append(guest)
        else:
            first[(room, night)] = guest
    assert result == expected
    assert 50 < len(result) < 1500


def test_small():
    bookings = [
        ("101", 1, "Ana"),
        ("101", 2, "Bo"),
        ("102", 1, "Chen"),
        ("101", 1, "Dürr"),
        ("101", 1, "Eli"),
        ("102", 2, "Fay"),
    ]
    assert double_booked_guests(bookings) == ["Dürr", "Eli"]


def test_empty_and_same_guest_twice():
    assert double_booked_guests([]) == []
    assert double_booked_guests([("9", 3, "Gus"), ("9", 3, "Gus")]) == ["Gus"]
