"""Reading vertical barcodes / seating charts that were scanned line by line."""


def read_columns(block):
    """Transpose the first paragraph of `block` into its columns.

    Lines are read until the first empty line.  Column j is made of the j-th
    character of every line long enough to have one, top to bottom, so ragged
    lines simply contribute to fewer columns.
    """
    columns = []
    for line in block.splitlines():
        if not line:
            break
        while len(columns) < len(line):
            columns.append("")
        for j, ch in enumerate(line):
            columns[j] += ch
    return columns
