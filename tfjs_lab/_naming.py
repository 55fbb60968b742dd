"""The one place where TF.js camelCase names meet Python snake_case names.

Source code spells everything in snake_case. TF.js spellings are produced here:

* ``to_snake`` / ``to_camel`` convert single names (``inputShape`` <-> ``input_shape``);
* ``takes_options`` lets a function accept a TF.js options object (a dict) in place of
  keyword arguments, accepts camelCase keys, and rejects unknown options by naming the
  allowed ones;
* ``CamelAliases`` gives a class camelCase aliases for its public methods and properties;
* ``add_camel_aliases`` does the same for a module namespace.
"""
import functools
import inspect
import re

# TF.js's toSnakeCase: 'inputShape' -> 'input_shape', 'simpleRNN' -> 'simple_rnn', 'Conv2D' -> 'conv2d'.
_CAPITALISED_WORD = re.compile(r'(.)([A-Z][a-z0-9]+)')
_LOWER_UPPER = re.compile(r'([a-z])([A-Z])')

# Words TF.js writes in capitals when they are not the first word (simpleRNN, stackedRNNCells).
_UPPER_WORDS = {'rnn': 'RNN', 'nd': 'ND'}
_CAMEL_EXCEPTIONS = {'is_nan': 'isNaN', 'terminate_on_nan': 'terminateOnNaN'}  # TF.js writes divNoNan but isNaN


def to_snake(name):
    """``'inputShape'`` -> ``'input_shape'``; ``'simpleRNN'`` -> ``'simple_rnn'``."""
    return _LOWER_UPPER.sub(r'\1_\2', _CAPITALISED_WORD.sub(r'\1_\2', name)).lower()


def to_camel(name):
    """``'input_shape'`` -> ``'inputShape'``; ``'simple_rnn_cell'`` -> ``'simpleRNNCell'``."""
    if name in _CAMEL_EXCEPTIONS:
        return _CAMEL_EXCEPTIONS[name]
    head, *rest = name.split('_')
    return head + ''.join(_UPPER_WORDS.get(w, w[:1].upper() + w[1:]) for w in rest)


def normalize_keys(options, allowed, where):
    """Return ``options`` with snake_case keys, raising if a key is not in ``allowed``."""
    out = {}
    for key, value in options.items():
        if not isinstance(key, str):
            raise TypeError(f'{where}: option names must be strings, received {key!r}')
        snake = to_snake(key)
        if allowed is not None and snake not in allowed:
            known = ', '.join(sorted(to_camel(a) for a in allowed))
            raise TypeError(f"{where}: unknown option '{key}'. Allowed options: {known}.")
        if snake in out:
            raise TypeError(f"{where}: option '{snake}' given twice (as '{key}' and another spelling)")
        out[snake] = value
    return out


def option_names(func):
    """Keyword-only parameter names of ``func`` and whether it also takes ``**kwargs``."""
    params = inspect.signature(func).parameters.values()
    names = [p.name for p in params if p.kind is p.KEYWORD_ONLY]
    return names, any(p.kind is p.VAR_KEYWORD for p in params)


def takes_options(func=None, *, extra=()):
    """Let ``func`` take a TF.js options dict and camelCase keyword names.

    ``func``'s keyword-only parameters are its options. A call may pass them as keywords
    in either spelling, or as one dict after the positional arguments, as TF.js does::

        fit(x, y, epochs=5, batch_size=2)
        fit(x, y, {'epochs': 5, 'batchSize': 2})

    ``extra`` names options accepted through ``**kwargs`` (e.g. a base class's).
    """
    if func is None:
        return lambda f: takes_options(f, extra=extra)
    names, has_var_kw = option_names(func)
    allowed = set(names) | set(extra)
    if has_var_kw and not extra:
        allowed = None  # the callee validates what it passes on
    params = [p for p in inspect.signature(func).parameters.values()
              if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    n_positional = len(params)
    where = func.__qualname__.replace('.__init__', '')

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if not kwargs and len(args) <= n_positional:
            return func(*args)  # nothing to rename: the common call, kept cheap (predict on one sample)
        if len(args) == n_positional + 1 and isinstance(args[-1], dict):
            merged = dict(args[-1])
            merged.update(kwargs)
            args, kwargs = args[:-1], merged
        elif len(args) > n_positional:
            raise TypeError(f'{where}() takes {n_positional - _self_count(params)} positional '
                            f'arguments and an optional options dict; received {len(args) - _self_count(params)} '
                            'positional arguments')
        return func(*args, **normalize_keys(kwargs, allowed, where))

    wrapper.allowed_options = allowed
    return wrapper


def _self_count(params):
    return 1 if params and params[0].name in ('self', 'cls') else 0


def _public_snake_names(namespace):
    return [n for n in namespace if not n.startswith('_') and '_' in n and to_camel(n) != n]


def add_camel_aliases(namespace, overrides=None):
    """Add the camelCase twin of every public snake_case name in a module namespace.

    ``overrides`` maps snake names to TF.js spellings the rule cannot derive.
    """
    overrides = overrides or {}
    for name in _public_snake_names(list(namespace)):
        namespace.setdefault(overrides.get(name, to_camel(name)), namespace[name])


class CamelAliases:
    """Mixin: every public snake_case method or property of a subclass also answers to its
    camelCase name (``model.fit_dataset`` is ``model.fitDataset``)."""
    __slots__ = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name in _public_snake_names(list(vars(cls))):
            camel = to_camel(name)
            if camel not in vars(cls):
                setattr(cls, camel, vars(cls)[name])
