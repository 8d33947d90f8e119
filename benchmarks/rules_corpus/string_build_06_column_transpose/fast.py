"""Reading vertical barcodes / seating charts that were scanned line by line."""


def read_columns(block):
    """Transpose the first paragraph of `block` into its columns.

    Lines are read until the first empty line.  Column j is made of the j-th
    character of every line long enough to have one, top to bottom, so ragged
    lines simply contribute to fewer columns.
    """
    lines = []
    for line in block.splitlines():
        if not line:
            break
        lines.append(line)
    if not lines:
        return []
    widths = set(map(len, lines))
    if len(widths) == 1:
        return ["".join(chars) for chars in zip(*lines)]
    return [
        "".join([line[j] for line in lines if len(line) > j])
        for j in range(max(widths))
    ]
