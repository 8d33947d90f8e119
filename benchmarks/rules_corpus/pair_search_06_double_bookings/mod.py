Booking = tuple[str, int, str]  # (room, night, guest)


def double_booked_guests(bookings: list[Booking]) -> list[str]:
    """Guests whose booking collides with an earlier booking of the same room on the same night."""
    clashes: list[str] = []
    for i, (room, night, guest) in enumerate(bookings):
        clash = False
        for other_room, other_night, _ in bookings[:i]:
            if other_room == room and other_night == night:
                clash = True
                break
        if clash:
            clashes.append(guest)
    return clashes
