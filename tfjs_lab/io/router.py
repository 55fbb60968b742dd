"""TF.js's ``IORouterRegistry``: routers map a URL to an IO handler or ``None``; the
handlers of every router that answers are returned, in registration order.

A save handler has ``save(artifacts) -> SaveResult``; a load handler ``load() -> artifacts``.
A router may carry a ``url_scheme`` attribute (``'localstorage://'``): error messages list
those so a mistyped URL shows what would have worked.
"""
import inspect

_save_routers = []
_load_routers = []  # (router, whether it takes load_options)


def register_save_router(router):
    """Add ``router(url) -> handler | None`` for ``model.save(url)``.

    >>> class Memory:
    ...     def __init__(self, path):
    ...         self.path = path
    ...     def save(self, artifacts):
    ...         return {'modelArtifactsInfo': {}}
    >>> register_save_router(scheme_router('mem://', Memory))
    >>> [handler.path for handler in get_save_handlers('mem://doc')]
    ['doc']
    """
    _save_routers.append(router)


def register_load_router(router):
    """Add ``router(url, load_options) -> handler | None`` for ``tf.load_layers_model(url)``.
    As in TF.js, a router may also accept just the URL."""
    _load_routers.append((router, _takes_two_arguments(router)))


def get_save_handlers(url):
    """The save handlers for ``url`` (an empty list when no router answers).

    >>> [type(h).__name__ for h in get_save_handlers('localstorage://my-model')]
    ['BrowserLocalStorage']
    """
    return [h for h in (router(url) for router in _save_routers) if h is not None]


def get_load_handlers(url, load_options=None):
    """The load handlers for ``url``; ``load_options`` (TF.js's LoadOptions as a dict) is
    passed to the routers that take a second argument.

    >>> [type(h).__name__ for h in get_load_handlers('indexeddb://my-model')]
    ['BrowserIndexedDB']
    """
    handlers = (router(url, load_options) if two else router(url) for router, two in _load_routers)
    return [h for h in handlers if h is not None]


def scheme_router(url_scheme, make_handler):
    """A router for the URLs starting with ``url_scheme``: ``make_handler(rest of the URL)``.

    >>> router = scheme_router('mem://', lambda path: f'handler for {path}')
    >>> router('mem://a/b'), router('other://a/b'), router.url_scheme
    ('handler for a/b', None, 'mem://')
    """
    def router(url, load_options=None):
        if isinstance(url, str) and url.startswith(url_scheme):
            return make_handler(url[len(url_scheme):])
        return None

    router.url_scheme = url_scheme
    return router


def single_handler(url, action, load_options=None):
    """The one handler for ``url``, ``action`` being ``'save'`` or ``'load'``, as
    ``LayersModel.save`` and ``loadLayersModel`` require; the error for none lists the
    registered URL schemes.

    >>> single_handler('nowhere://model', 'save')  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Cannot find any save handlers for URL 'nowhere://model'. Registered URL schemes for saving: file:// (or a plain path), downloads://, http://, https://, indexeddb://...
    """
    if action == 'save':
        handlers, routers, purpose = get_save_handlers(url), _save_routers, 'saving'
    else:
        handlers, purpose = get_load_handlers(url, load_options), 'loading'
        routers = [router for router, _ in _load_routers]
    if not handlers:
        raise ValueError(f"Cannot find any {action} handlers for URL '{url}'. "
                         f'Registered URL schemes for {purpose}: {_describe(routers)}.')
    if len(handlers) > 1:
        raise ValueError(f"Found more than one ({len(handlers)}) {action} handlers for URL '{url}'")
    return handlers[0]


def _describe(routers):
    schemes = list(dict.fromkeys(r.url_scheme for r in routers if getattr(r, 'url_scheme', None)))
    undeclared = sum(1 for r in routers if not getattr(r, 'url_scheme', None))
    return ', '.join(schemes + ([f'{undeclared} custom router(s)'] if undeclared else [])) or 'none'


def _takes_two_arguments(func):
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):  # a builtin or C callable without a signature
        return True
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(positional) >= 2 or any(p.kind is p.VAR_POSITIONAL for p in params)
