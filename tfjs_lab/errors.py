"""Error classes. Plain built-in types are used wherever they say enough; these subclasses
exist where a user may want to catch one specific failure."""


class NotCompiledError(RuntimeError):
    """A model was trained or evaluated before ``compile()``."""


class DisposedError(RuntimeError):
    """A tensor or model was used after ``dispose()``."""


class ModelNotFoundError(FileNotFoundError):
    """No model at a URL; the message names the store and the path."""


class QuotaExceededError(OSError):
    """A save would exceed the emulated store's quota; the message gives the sizes."""


class ModelFormatError(ValueError):
    """Model artifacts (model.json, weight files, store records) are malformed."""
