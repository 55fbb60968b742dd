"""Ops that move values between space, batch and depth (spaceToBatchND, batchToSpaceND,
depthToSpace), morphological dilation, and max pooling that also returns where each maximum was."""

__all__ = []
