"""Keep the items of a list (questions, recommendations) numbered 1..n in their order field."""


def renumber(siblings):
    """Number the items 1..n in their current order, saving only those that change."""
    items = list(siblings.order_by("order", "id"))
    for position, item in enumerate(items, start=1):
        if item.order != position:
            item.order = position
            item.save(update_fields=["order"])
    return items


def next_order(siblings):
    return len(renumber(siblings)) + 1


def move(item, siblings, direction):
    """Swap the item with its neighbour above ("up") or below ("down"); at an end, do nothing."""
    items = renumber(siblings)
    index = next(i for i, sibling in enumerate(items) if sibling.pk == item.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(items):
        return False
    current, other = items[index], items[other_index]
    current.order, other.order = other.order, current.order
    current.save(update_fields=["order"])
    other.save(update_fields=["order"])
    return True
