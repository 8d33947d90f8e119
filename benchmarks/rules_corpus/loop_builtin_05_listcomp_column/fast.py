"""Column access for rows fetched with a DB-API cursor."""


def extract_column(rows, column, header=None):
    """Return the values of one column from a list of row tuples.

    `column` is either a position or, when `header` (the cursor description
    names) is given, a column name.
    """
    if isinstance(column, str):
        if header is None:
            raise ValueError("column names need a header")
        position = header.index(column)
    else:
        position = column
    return [row[position] for row in rows]
