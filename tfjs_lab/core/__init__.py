"""The engine's core: tensors, dtypes, the gradient tape and the random state."""
from .tensor import Awaitable, Tensor, Variable
from .tape import Primitive, Tape
from .random import set_seed
