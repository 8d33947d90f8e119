Booking = tuple[str, int, str]  # (room, night, guest)


def double_booked_guests(bookings: list[Booking]) -> list[str]:
    """Guests whose booking collides with an earlier booking of the same room on the same night."""
    clashes: list[str] = []
    taken = set()
    for room, night, guest in bookings:
        slot = (room, night)
        if slot in taken:
            clashes.append(guest)
        else:
            taken.add(slot)
    return clashes
