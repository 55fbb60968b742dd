"""Selection, sorting and counting ops: topk, unique, segment sums, bincounts, sorted search,
set difference and the async selections (whereAsync, booleanMaskAsync, inTopKAsync)."""

__all__ = []
