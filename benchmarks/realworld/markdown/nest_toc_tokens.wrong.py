# ruff: noqa
# WRONG rewrite of markdown/extensions/toc.py::nest_toc_tokens: works on a copy: the caller's list is no longer emptied (dropped mutation)
def nest_toc_tokens(toc_list):

    toc_list = list(toc_list)
    ordered_list = []
    if len(toc_list):
        # Initialize everything by processing the first entry
        last = toc_list.pop(0)
        last["children"] = []
        levels = [last["level"]]
        ordered_list.append(last)
        parents = []

        # Walk the rest nesting the entries properly
        while toc_list:
            t = toc_list.pop(0)
            current_level = t["level"]
            t["children"] = []

            # Reduce depth if current level < last item's level
            if current_level < levels[-1]:
                # Pop last level since we know we are less than it
                levels.pop()

                # Pop parents and levels we are less than or equal to
                to_pop = 0
                for p in reversed(parents):
                    if current_level <= p["level"]:
                        to_pop += 1
                    else:  # pragma: no cover
                        break
                if to_pop:
                    levels = levels[:-to_pop]
                    parents = parents[:-to_pop]

                # Note current level as last
                levels.append(current_level)

            # Level is the same, so append to
            # the current parent (if available)
            if current_level == levels[-1]:
                (parents[-1]["children"] if parents else ordered_list).append(t)

            # Current level is > last item's level,
            # So make last item a parent and append current as child
            else:
                last["children"].append(t)
                parents.append(last)
                levels.append(current_level)
            last = t

    return ordered_list
