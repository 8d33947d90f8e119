def error_codes_by_first_occurrence(records, level="ERROR"):
    """Distinct error codes of the given level, ordered by where each first shows up in the log."""
    codes = [rec["code"] for rec in records if rec["level"] == level]
    return sorted(set(codes), key=codes.index)
