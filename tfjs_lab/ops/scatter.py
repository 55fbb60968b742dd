"""Scatter ops: writing updates at indices into a new tensor (scatterND, tensorScatterUpdate,
sparseToDense), the counterparts of gather and gatherND."""

__all__ = []
