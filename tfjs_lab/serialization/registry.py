"""One registry per category (layers, initializers, ...): Keras' get / serialize /
deserialize trio, written once."""
from .._naming import to_camel, to_snake


class Registry:
    """Maps TF.js class names (``'GlorotNormal'``) and identifiers (``'glorotNormal'``,
    ``'glorot_normal'``) to classes of one category."""

    def __init__(self, category):
        self.category = category
        self.classes = {}
        self._identifiers = {}

    def register(self, cls, identifier=None):
        self.classes[cls.class_name] = cls
        if identifier is not None:
            self._identifiers[to_snake(identifier)] = cls
        return cls

    def known_identifiers(self):
        return sorted({to_camel(i) for i in self._identifiers} | set(self.classes))

    def get(self, identifier, **config):
        """An instance from a string, a ``{'class_name', 'config'}`` dict or an instance."""
        if identifier is None or isinstance(identifier, tuple(self.classes.values())):
            return identifier
        if isinstance(identifier, dict):
            return self.deserialize(identifier)
        if isinstance(identifier, str):
            cls = self.classes.get(identifier) or self._identifiers.get(to_snake(identifier))
            if cls is None:
                raise ValueError(f'Unknown {self.category} {identifier!r}. Known {self.category}s: '
                                 f'{", ".join(self.known_identifiers())}')
            return cls(**config)
        raise TypeError(f'{self.category} must be a string, a config dict or an instance; '
                        f'received {type(identifier).__name__}')

    def serialize(self, obj):
        if obj is None:
            return None
        return {'class_name': obj.serialized_class_name(), 'config': obj.get_config()}

    def deserialize(self, config):
        if not isinstance(config, dict):
            raise TypeError(f'A serialized {self.category} must be a dict; received {type(config).__name__}')
        name = config.get('class_name', config.get('className'))
        cls = self.classes.get(name)
        if cls is None:
            raise ValueError(f'Unknown {self.category} class {name!r} in serialized config. Known: '
                             f'{", ".join(sorted(self.classes))}')
        return cls.from_config(config.get('config') or {})


class Serializable:
    """Base for configurable objects: ``get_config`` gives snake_case keys as model.json
    stores them; ``from_config`` accepts either spelling.

    A category's base class names its registry (``registry = Registry('regularizer')``); its
    subclasses then register under their class name and an optional identifier
    (``class L1L2(Regularizer, identifier='l1l2')``)."""
    class_name = None
    registry = None

    def __init_subclass__(cls, identifier=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.class_name = cls.__name__
        if cls.registry is not None and 'registry' not in vars(cls):
            cls.registry.register(cls, identifier)

    def __repr__(self):
        return f'{self.class_name}({self.get_config()})'

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        from .._naming import to_snake
        return cls(**{to_snake(k): v for k, v in config.items()})

    def serialized_class_name(self):
        return self.class_name


# Lists in a model config whose first entry is a layer name, kept as written (TF.js's
# isArrayItemInputOrOutputName).
_NAME_LISTS = ('inbound_nodes', 'input_layers', 'output_layers', 'inboundNodes', 'inputLayers', 'outputLayers')


def pythonic(config, key=None):
    """A config as model.json stores it (TF.js's convertTsToPythonic): keys and string values in
    snake_case, except names (``name``, ``class_name`` and the layer names in node lists)."""
    if isinstance(config, str):
        return to_snake(config)
    if isinstance(config, (list, tuple)):
        return [item if key in _NAME_LISTS and i == 0 and isinstance(item, str) else pythonic(item, key)
                for i, item in enumerate(config)]
    if isinstance(config, dict):
        return {to_snake(k): (v if k in ('name', 'class_name', 'className') and isinstance(v, str) else pythonic(v, k))
                for k, v in config.items()}
    return config
